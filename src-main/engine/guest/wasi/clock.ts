// preview1 clock_*: realtime (0) and monotonic (1); the CPU-time clocks are BADF.

import { u32, wasiFn } from './context.ts';
import { Errno } from './errno.ts';

/** The call log shows the clock by number and name (arg-decoder.ts). */
const CLOCK_ARGS = 'id={id:clock}';

export const clockFunctions = [
  wasiFn('clock_res_get', ['id', 'resolution'], (ctx, note, a) => {
    const id = u32(a[0]);
    note.detail.clock = id;
    const res = ctx.clocks.resolution(id);
    if (res === null) return Errno.BADF;
    ctx.mem.setU64(u32(a[1]), res);
    note.detail.resolution = res.toString();
    return Errno.SUCCESS;
  }, { show: CLOCK_ARGS, then: '{resolution:u64at} ns' }),
  wasiFn('clock_time_get', ['id', 'precision', 'time'], (ctx, note, a) => {
    const id = u32(a[0]);
    note.detail.clock = id;
    const ptr = u32(a[2]);
    ctx.mem.validate(ptr, 8);
    const now = ctx.clocks.read(id);
    if (now === null) return Errno.BADF;
    ctx.mem.setU64(ptr, now);
    note.detail.time = now.toString();
    return Errno.SUCCESS;
  }, { show: CLOCK_ARGS, then: '{time:u64at} ns' }),
];
