// preview1 random_get: the host's CSPRNG, or a seeded stream in deterministic mode.

import { u32, wasiFn } from './context.ts';
import { Errno } from './errno.ts';

export const randomFunctions = [
  wasiFn('random_get', ['buf', 'buf_len'], (ctx, note, a) => {
    const buf = u32(a[0]);
    const len = u32(a[1]);
    ctx.mem.validate(buf, len);
    ctx.mem.write(buf, ctx.randomBytes(len));
    note.detail.length = len;
    return Errno.SUCCESS;
  }, { then: '{buf_len:bytes}' }),
];
