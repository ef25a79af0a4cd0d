// How an error and the guest stack it carries read, in the CLI, the app and the DAP console alike.

import type { GuestFrame, MemscopeError } from './dto.ts';
import { sourceText } from './source-text.ts';

/** `code: message`, without repeating a code the message already starts with ("trap: …"). */
export function errorText(e: MemscopeError): string {
  return e.message.startsWith(`${e.code}:`) || e.message.startsWith(`${e.code} `) ? e.message : `${e.code}: ${e.message}`;
}

/**
 * One frame: `at divide (func 3 @0xaf)`, `at divide (func 3 @0xaf, divide.c:12:9)` with a DWARF
 * line; an unnamed function is already `func[3]`.
 */
export function frameText(f: GuestFrame): string {
  const index = f.funcIndex !== null && f.name !== `func[${f.funcIndex}]` ? `func ${f.funcIndex}` : '';
  const at = f.offset !== undefined ? `@0x${f.offset.toString(16)}` : '';
  const where = [index && at ? `${index} ${at}` : index || at, f.source ? sourceText(f.source) : ''].filter((p) => p !== '').join(', ');
  return `at ${f.name}${where ? ` (${where})` : ''}`;
}

/**
 * An error's guest stack, innermost first, one line per frame, except that a run of the same
 * frame (recursion: a stack overflow keeps dozens of identical frames) is one line with its
 * count; a stack deeper than V8 records ends with a line saying its outer frames are missing.
 */
export function stackLines(error: Pick<MemscopeError, 'stack' | 'stackCut'>): string[] {
  const lines = frameRuns(error.stack ?? [], (a, b) => a.funcIndex === b.funcIndex && a.offset === b.offset)
    .map(({ frame, count }) => (count > 1 ? `${frameText(frame)} ×${count}` : frameText(frame)));
  if (error.stackCut !== undefined) lines.push(`… and the outer frames, not recorded (V8 keeps the innermost ${error.stackCut} frames of a stack)`);
  return lines;
}

/**
 * Frames (innermost first) as runs of frames `same` says are one: each run's first frame, its
 * position and its length. Trap stacks and coredump threads fold recursion the same way.
 */
export function frameRuns<F>(frames: readonly F[], same: (a: F, b: F) => boolean): { frame: F; index: number; count: number }[] {
  const runs: { frame: F; index: number; count: number }[] = [];
  for (let index = 0; index < frames.length;) {
    const frame = frames[index]!;
    let count = 1;
    while (index + count < frames.length && same(frames[index + count]!, frame)) count++;
    runs.push({ frame, index, count });
    index += count;
  }
  return runs;
}

/**
 * How a C++ throw through Emscripten's JavaScript exception runtime ends in an exported Rust or
 * Go host, which writes out only a build with catching off (Emscripten's default; catching on is
 * refused, export-host/index.ts): an abort, as the glue ends an uncaught throw, saying how to
 * build instead. Memscope itself runs the whole runtime (engine/guest/emscripten-unwind.ts).
 */
export function cxxThrowAbort(importName: string): string {
  return `abort: a C++ throw (env.${importName}): Emscripten's JS exception runtime aborts here too unless catching is on; `
    + 'build with -fwasm-exceptions to run throws and catches inside the module';
}
