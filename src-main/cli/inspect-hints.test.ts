// What `memscope inspect` says when a newcomer's real build left out what Memscope needs (an
// exported allocator, function names), and how that toolchain puts it back; silent otherwise.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../engine/index.ts';
import { formatSummary } from './inspect-format.ts';

const ROOT = join(import.meta.dirname, '../..');
const NO_ALLOCATOR = join(ROOT, 'src-main/engine/module/testdata/no-allocator');

async function rows(path: string, label: string): Promise<string[]> {
  const info = await inspectFile(path);
  if (!info.ok) throw new Error(info.error.message);
  return formatSummary('m.wasm', info.value).split('\n').filter((l) => l.startsWith(`  ${label.padEnd(10)}  `)).map((l) => l.slice(14));
}

describe('inspect: what the build left out, and how to put it back', () => {
  it.each([
    ['assemblyscript', 'asc writes them only with --debug'],
    ['emscripten', 'emcc drops them at -O1 and above: add --profiling-funcs (the code stays optimised)'],
    ['c-reactor', 'clang at -O1 and above runs wasm-opt when it is on PATH (Emscripten and binaryen put it there), which drops them: '
      + 'link without -O (`clang -O2 -c x.c`, then `clang x.o -o x.wasm …`), or pass --no-wasm-opt (clang 22)'],
  ])('%s built optimised: no function names, and the flag that keeps them', async (name, how) => {
    expect(await rows(join(NO_ALLOCATOR, `${name}.wasm`), 'names')).toEqual([
      `none: calls, writers, heap owners and trap stacks show its functions as func[N]; ${how}`,
    ]);
  });

  it('no allocator exported: the reason, then how that toolchain exports one', async () => {
    expect(await rows(join(NO_ALLOCATOR, 'emscripten.wasm'), 'allocator')).toEqual([
      'none exported (the host cannot place data in guest memory); Emscripten exports malloc and free only when asked: '
        + 'link with -sEXPORTED_FUNCTIONS=_malloc,_free beside your own functions, and alloc(n) and free(p) call them.',
    ]);
  });

  it('a module with names and an allocator (Rust 1.63, the rust-greet demo) gets neither row', async () => {
    const demo = join(ROOT, 'resources/examples/rust-greet/rust-greet.wasm');
    expect(await rows(demo, 'names')).toEqual([]);
    expect(await rows(demo, 'allocator')).toEqual(['alloc: alloc (i32) -> i32, dealloc (i32, i32) -> ()']);
  });
});
