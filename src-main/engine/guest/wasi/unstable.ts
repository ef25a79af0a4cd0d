// The legacy `wasi_unstable` namespace (snapshot 0), served from the preview1 table where the
// functions match. Where snapshot 0 differs, the difference is translated (fd_seek's whence
// order) or answered NOSYS with the reason (filestat is 56 bytes with a u32 nlink; the poll
// subscription has an extra field), never by writing preview1's layout into the guest's buffer.

import { wasiFn, type WasiFunction } from './context.ts';
import { Errno } from './errno.ts';
import { WASI_FUNCTIONS } from './functions.ts';
import { FD_SEEK } from './fd-io.ts';

/** snapshot 0 whence: CUR 0, END 1, SET 2; preview1: SET 0, CUR 1, END 2. */
const WHENCE_TO_PREVIEW1 = [1, 2, 0];

function differs(name: string, params: readonly string[], layout: string): WasiFunction {
  return wasiFn(name, params, (_ctx, note) => {
    note.detail.reason = `wasi_unstable ${name} uses ${layout}; not translated`;
    return Errno.NOSYS;
  });
}

function adapt(fn: WasiFunction): WasiFunction {
  switch (fn.name) {
    case 'fd_seek':
      return wasiFn(fn.name, fn.params, (ctx, note, a) => {
        const whence = WHENCE_TO_PREVIEW1[Number(a[2])];
        if (whence === undefined) return Errno.INVAL;
        return fn.run(ctx, note, [a[0]!, a[1]!, whence, a[3]!]);
      }, { ...FD_SEEK, show: 'fd={fd}, offset={offset:s64}, whence={whence:whence0}' });
    case 'fd_filestat_get':
    case 'path_filestat_get':
      return differs(fn.name, fn.params, 'a 56-byte filestat (nlink u32 @20, size @24)');
    case 'poll_oneoff':
      return differs(fn.name, fn.params, 'a different subscription layout (clock subscriptions carry an identifier)');
    default:
      return fn;
  }
}

/** The wasi_unstable table: preview1's functions, adapted where snapshot 0 differs. */
export const WASI_UNSTABLE_FUNCTIONS: readonly WasiFunction[] = WASI_FUNCTIONS.map(adapt);
