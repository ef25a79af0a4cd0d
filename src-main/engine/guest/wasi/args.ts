// preview1 args_*: the guest's argv, exactly as configured (argv[0] included).

import { u32, wasiFn } from './context.ts';
import { listGet, listSizes, SIZES, STRINGS } from './string-list.ts';

export const argsFunctions = [
  wasiFn('args_get', ['argv', 'argv_buf'], (ctx, note, a) =>
    listGet(ctx, note, ctx.config.args, u32(a[0]), u32(a[1])), STRINGS),
  wasiFn('args_sizes_get', ['argc', 'argv_buf_size'], (ctx, note, a) =>
    listSizes(ctx, note, ctx.config.args, u32(a[0]), u32(a[1])), SIZES),
];
