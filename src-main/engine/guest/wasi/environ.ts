// preview1 environ_*: only the configured "KEY=value" entries; the host's environment never leaks.

import { u32, wasiFn } from './context.ts';
import { listGet, listSizes, SIZES, STRINGS } from './string-list.ts';

export const environFunctions = [
  wasiFn('environ_get', ['environ', 'environ_buf'], (ctx, note, a) =>
    listGet(ctx, note, ctx.config.env, u32(a[0]), u32(a[1])), STRINGS),
  wasiFn('environ_sizes_get', ['environc', 'environ_buf_size'], (ctx, note, a) =>
    listSizes(ctx, note, ctx.config.env, u32(a[0]), u32(a[1])), SIZES),
];
