// The two blocks wasi-libc's start-up allocates for main's arguments: `_start` calls
// __main_void, which mallocs the argument strings (args_sizes_get's buffer size) and callocs
// argc + 1 pointers to them, has args_get fill both, calls main(argc, argv), and never frees
// either. They are the runtime's, not the program's: listed as leaks, every C command run with
// arguments (and one that calls exit()) reported two leaks its own code never made. Nothing in
// memory in use points to them (argv lives in wasm locals), so the leak scan cannot keep them.
//
// They are told by their shape, not guessed by size: a leaked block allocated in a `_start` step
// that holds argc > 0 pointers and a null, the first at another such block's start and each next
// one just past the previous string's terminating zero, the strings filling that block up to
// the allocator's rounding. A program's own copy of its arguments made that exact way would be
// taken for the runtime's; the output says which blocks were set aside, and why.

import type { HeapBlock } from '../../../shared/dto.ts';

/** What the summary says such a block holds (HeapBlock.holds). */
// "The runtime's" is said beside it (the page's state word, the summary's heading): not again here.
export const ARGV_HOLDS = "main's argv: wasi-libc's start-up allocates it before main and never frees it";

/** More than dlmalloc's rounding (16-byte alignment, a 4-byte header) can add to a request. */
const ROUNDING = 24;

/** The addresses of the argv array and its strings among `leaks`, when wasi-libc's start-up made them. */
export function startupArgv(bytes: Uint8Array, leaks: readonly HeapBlock[]): number[] {
  const made = leaks.filter((b) => b.owner === 'guest' && b.by === '_start');
  if (made.length < 2) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byAddress = new Map(made.map((b) => [b.address, b]));
  for (const array of made) {
    if (array.address + array.size > bytes.length) continue;
    const strings = byAddress.get(view.getUint32(array.address, true));
    if (!strings || strings === array || strings.step !== array.step || strings.address + strings.size > bytes.length) continue;
    let next = strings.address;
    let argc = 0;
    for (let at = array.address; at + 4 <= array.address + array.size; at += 4) {
      const word = view.getUint32(at, true);
      if (word === 0) break;
      if (word !== next) { argc = -1; break; }
      const end = bytes.indexOf(0, word);
      if (end < 0 || end >= strings.address + strings.size) { argc = -1; break; }
      next = end + 1;
      argc++;
    }
    const pointers = (argc + 1) * 4;
    if (argc <= 0 || pointers > array.size || array.size - pointers >= ROUNDING) continue;
    if (strings.size - (next - strings.address) >= ROUNDING) continue;
    return [strings.address, array.address];
  }
  return [];
}
