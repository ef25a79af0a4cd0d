// Emscripten JS-glue runtime imports performed by the host, as its library.js defines them.
// emscripten_memcpy_big(dest, src, num) -> dest: at -O1 and above, memcpy of 512 bytes or more
// leaves the copy to JavaScript (HEAPU8.copyWithin); the bytes move inside guest memory.

import { recorded, type HostFunction, type ImportContext } from './import-context.ts';

export function emscriptenRuntimeFunction(ctx: ImportContext, module: string, name: string): HostFunction {
  return recorded(ctx, module, name, 'builtin', ([dest, src, num]) => {
    const [to, from, length] = [Number(dest) >>> 0, Number(src) >>> 0, Number(num) >>> 0];
    const memory = ctx.memory();
    // Bounds-checked both ways (a fault traps the guest, as an out-of-bounds copy would).
    memory.check(from, length);
    memory.check(to, length);
    memory.bytes().copyWithin(to, from, from + length);
    return {
      result: to,
      note: { summary: `${name}(dest=${to}, src=${from}, ${length} bytes): copied by the host, as Emscripten's JS glue does`, touched: [[to, to + length]] },
    };
  });
}
