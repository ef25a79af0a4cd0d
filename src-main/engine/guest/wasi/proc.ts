// preview1 proc_* and sched_yield: proc_exit unwinds the guest by throwing ProcExit.

import { ProcExit, u32, wasiFn } from './context.ts';
import { Errno } from './errno.ts';

export const procFunctions = [
  wasiFn('proc_exit', ['rval'], (_ctx, note, a) => {
    const code = u32(a[0]);
    note.detail.code = code;
    throw new ProcExit(code);
  }, { noErrno: true, then: 'exit {rval}' }),
  // Signals do not exist for a guest here; wasi-libc's raise() handles the default actions itself.
  wasiFn('proc_raise', ['sig'], (_ctx, note, a) => {
    note.detail.signal = u32(a[0]);
    return Errno.NOSYS;
  }),
  // Single-threaded guest: yielding is a no-op.
  wasiFn('sched_yield', [], () => Errno.SUCCESS),
];
