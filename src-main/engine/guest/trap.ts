// Turns what a guest call threw into a MemscopeError: the trap message plus the guest call
// stack, parsed from V8's frames (`wasm-function[12]:0x1a2`) and named from the name section.

import type { BlockNote, GuestFrame, MemscopeError } from '../../shared/dto.ts';
import { EmscriptenUnwind } from './emscripten-unwind.ts';

const WASM_FRAME = /wasm-function\[(\d+)\]:0x([0-9a-f]+)/i;

/**
 * Guest frames of an error's stack, innermost first; host (JS) frames are left out. `shift` is
 * subtracted from V8's offsets: the bytes V8 compiled may be longer than the user's module
 * (the memory-cap rewrite grows the memory section, which precedes the code).
 */
export function guestFrames(stack: string | undefined, names: Record<number, string>, shift = 0): GuestFrame[] {
  if (!stack) return [];
  const frames: GuestFrame[] = [];
  for (const line of stack.split('\n')) {
    const match = WASM_FRAME.exec(line);
    if (!match) continue;
    const funcIndex = Number(match[1]);
    frames.push({ funcIndex, name: names[funcIndex] ?? `func[${funcIndex}]`, offset: parseInt(match[2]!, 16) - shift });
  }
  return frames;
}

/**
 * A tag whose exceptions the host can read: one the module imports (Memscope made it, link.ts)
 * or exports. A tag the module defines and keeps to itself (Emscripten's __cpp_exception in a
 * standalone build) can be told apart from no other, and its values cannot be read.
 */
export interface KnownTag {
  /** `env.__cpp_exception` for an import, the export's name for an export. */
  name: string;
  tag: WebAssembly.Tag;
  params: readonly string[];
}

/**
 * The error a trap (or a host function's exception unwinding the guest) becomes. `during` names
 * what was running when it was not a call of the host's ("during the start function").
 */
export function trapError(error: unknown, names: Record<number, string>, shift = 0, during = '', tags: readonly KnownTag[] = []): MemscopeError {
  if (error instanceof WebAssembly.Exception) return { code: 'trap', message: uncaughtException(error, tags, during) };
  const raw = error instanceof Error ? error.message : String(error);
  const message = error instanceof RangeError && /call stack/i.test(raw) ? `stack overflow (${raw})` : raw;
  const text = error instanceof Error ? error.stack : undefined;
  const stack = guestFrames(text, names, shift);
  const where = stack[0] ? ` in ${stack[0].name}` : '';
  // A C++ throw or longjmp through Emscripten's JavaScript glue that no invoke_* caught.
  const said = error instanceof EmscriptenUnwind ? `${error.describe(during)}; thrown${where}` : `trap${during}: ${message}${where}`;
  const cut = stack.length > 0 && recordedFrames(text) >= Error.stackTraceLimit ? { stackCut: Error.stackTraceLimit } : {};
  return { code: 'trap', message: said, ...(stack.length ? { stack } : {}), ...cut };
}

/** How many frames (guest and host) V8 recorded in a stack's text: its `    at …` lines. */
function recordedFrames(stack: string | undefined): number {
  return stack?.match(/^\s+at /gm)?.length ?? 0;
}

/**
 * The heap block an uncaught C++ throw leaves allocated, when the host can tell where it is:
 * its exception object, which only a catch frees (Emscripten's glue leaves it too). Without
 * this the leak was listed as the guest's, made by the export that threw, like any other.
 * Known for a throw through Emscripten's JavaScript glue (the host ran __cxa_throw) and for a
 * wasm throw with a tag the host holds whose one value is the object (env.__cpp_exception).
 */
export function objectLeftByThrow(error: unknown, tags: readonly KnownTag[] = []): BlockNote | null {
  if (error instanceof EmscriptenUnwind && error.thrown) {
    return { address: error.thrown.object, holds: `a thrown C++ ${error.thrown.type} nothing caught` };
  }
  if (!(error instanceof WebAssembly.Exception)) return null;
  const known = tags.find((t) => error.is(t.tag));
  if (!known || !known.name.endsWith('__cpp_exception') || known.params.length !== 1 || known.params[0] !== 'i32') return null;
  return { address: Number(error.getArg(known.tag, 0)) >>> 0, holds: 'a thrown C++ exception nothing caught' };
}

/**
 * A wasm exception (the exception-handling proposal's `throw`, as C++ compiled with
 * -fwasm-exceptions throws) that no guest code caught reached the host. V8 keeps no stack for
 * it, so the message says what was thrown, with its values when the tag is one the host holds.
 */
function uncaughtException(error: WebAssembly.Exception, tags: readonly KnownTag[], during: string): string {
  const known = tags.find((t) => error.is(t.tag));
  // What an uncaught one is in the source: Emscripten's wasm longjmp throws __c_longjmp.
  const throwText = 'in C++: a throw with no matching catch';
  const jumpText = 'in C: a longjmp with no setjmp waiting for it';
  const cxx = !known ? `${throwText}; ${jumpText}` : known.name.endsWith('__c_longjmp') ? jumpText : throwText;
  if (!known) {
    return `uncaught exception${during}: the guest threw an exception nothing in the guest caught (its tag is the module's own, so the host cannot read its values; ${cxx})`;
  }
  const values = known.params.map((_, i) => formatArg(error.getArg(known.tag, i))).join(', ');
  return `uncaught exception${during}: the guest threw ${known.name}(${values}) and nothing in the guest caught it (${cxx})`;
}

function formatArg(v: unknown): string {
  // Small numbers as they are; larger ones are more often addresses (C++ throws a pointer).
  return typeof v === 'number' && Number.isInteger(v) && v >= 0x100 ? `0x${v.toString(16)}` : String(v);
}
