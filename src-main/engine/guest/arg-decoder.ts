// The one decoder of host calls for the call log. Each table entry (WASI functions, builtins,
// Go's runtime, Emscripten's glue, stubs) carries its line as data: a template over the names
// of its values, or, where a template cannot say it, a small declared decoder (a function).
//   'fd={fd}, {iovs:iovs}'     fd_write(fd=1, "hello\n")
//   'id={id:clock}'            clock_time_get(id=0 (realtime))
//   '{new_path:path} → {old_path:path}'
// A `{name}` is the value shown unsigned; `{name:kind}` reads it by kind. `path`, `iovs`,
// `utf8`, `utf16`, `text8`, `text16` read guest memory at the pointer and take their length
// from the next value; `isotime` takes seconds and the next value's nanoseconds. The values are
// the parameters, then (Go) the stack slots, then, for templates read after the call (`then`),
// the results and what the call found out (HostCallNote: facts only its body knows, such as an
// fd's kind, then its detail fields). After the call, `u8at`, `u32at`, `u64at` read what the
// host wrote at an out-pointer, `bytesat` a byte count there ("1 byte", "6 bytes"; `bytes` one
// passed by value), and `filestat` the 64-byte filestat there; `hex` shows an address; a text value reads
// as it is, or quoted with `json`. What a template leaves out (out-pointers, lengths) is not
// shown. When memory cannot be read the decoder throws and the recorder falls back to
// `name=value` for every parameter.

import { hexAddress } from '../../shared/hex.ts';
import { count } from '../../shared/count.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { readAsString } from './as-string.ts';
import { describeRef } from './gojs-values.ts';

export type HostValue = number | bigint;

/** A value a line can read: a wasm value, or a fact a body noted (text or a number). */
export type ViewValue = HostValue | string;

/** The values a line reads, by name: what the recorder knows before (or after) the call. */
export interface CallView {
  readonly names: readonly string[];
  readonly values: readonly ViewValue[];
  /** The call's wasm arguments, in order. */
  readonly args: readonly HostValue[];
  memory(): GuestMemory;
  /** Bytes of memory when the call began (read after the call: what a growth started from). */
  readonly sizeBefore?: number;
  /** How `jsref` values read when the entry knows more than their bits (HostCallEntry.refs). */
  readonly refs?: (bits: bigint) => string;
}

/** A line as data: a template over the view's names, or a small declared decoder. */
export type Line = string | ((view: CallView) => string);

/** How much of written text a record keeps before it quotes it (a long write costs no long string). */
const TEXT_BYTES = 800;
const utf8 = new TextDecoder('utf-8', { fatal: false });

const CLOCKS = ['realtime', 'monotonic', 'process_cputime', 'thread_cputime'];
const WHENCE = ['set', 'cur', 'end'];
/** wasi_unstable (snapshot 0) numbers whence differently: CUR 0, END 1, SET 2. */
const WHENCE_SNAPSHOT0 = ['cur', 'end', 'set'];

/** i32 arguments unsigned (pointers above 2 GiB arrive negative); i64 as JS gives them. */
export function unsignedText(a: HostValue): string {
  return typeof a === 'bigint' ? a.toString() : String(a >>> 0);
}

const u32 = (a: HostValue | undefined): number => (typeof a === 'bigint' ? Number(BigInt.asUintN(32, a)) : (a ?? 0) >>> 0);

type Kind = (value: HostValue, next: HostValue | undefined, memory: () => GuestMemory, view: CallView) => string;

const KINDS: Record<string, Kind> = {
  s32: (v) => String(u32(v) | 0),
  hex: (v) => hexAddress(u32(v)),
  s64: (v) => BigInt.asIntN(64, BigInt(v)).toString(),
  u64: (v) => BigInt.asUintN(64, BigInt(v)).toString(),
  clock: (v) => `${u32(v)} (${CLOCKS[u32(v)] ?? `clock ${u32(v)}`})`,
  whence: (v) => WHENCE[u32(v)] ?? String(u32(v)),
  whence0: (v) => WHENCE_SNAPSHOT0[u32(v)] ?? String(u32(v)),
  path: (v, len, memory) => quote(memory().readUtf8(u32(v), u32(len))),
  utf8: (v, len, memory) => quote(memory().readUtf8(u32(v), u32(len)), 200),
  utf16: (v, len, memory) => quote(memory().readUtf16(u32(v), u32(len) * 2), 200),
  iovs: (v, count, memory) => quote(utf8.decode(gather(memory(), u32(v), u32(count)))),
  // Unquoted, uncut: for details, which keep the whole text.
  text8: (v, len, memory) => memory().readUtf8(u32(v), u32(len)),
  text16: (v, len, memory) => memory().readUtf16(u32(v), u32(len) * 2),
  /** An AssemblyScript string object (as-string.ts); a null pointer reads as nothing. */
  asstring: (v, _next, memory) => readAsString(memory(), u32(v)) ?? '',
  /** A Go syscall/js ref (gojs-values.ts): `undefined`, `2.5`, `fs`, `Uint8Array(20)#12`, `"text"`. */
  jsref: (v, _next, _memory, view) => (view.refs ?? describeRef)(BigInt(v)),
  /** Seconds, then nanoseconds in the next value: a UTC time. */
  isotime: (sec, nsec) => new Date(Number(sec) * 1000 + u32(nsec) / 1e6).toISOString(),
  // After the call: what the host wrote at an out-pointer.
  u8at: (v, _next, memory) => String(memory().getU8(u32(v))),
  u32at: (v, _next, memory) => String(memory().getU32(u32(v))),
  /** A byte count: the value, or (`bytesat`) the u32 the guest's pointer holds after the call. */
  bytes: (v) => count(u32(v), 'byte'),
  bytesat: (v, _next, memory) => count(memory().getU32(u32(v)), 'byte'),
  u64at: (v, _next, memory) => memory().getU64(u32(v)).toString(),
  /** A filestat {filetype u8 @16, size u64 @32} written at the pointer. */
  filestat: (v, _next, memory) => `size ${memory().getU64(u32(v) + 32)}, filetype ${memory().getU8(u32(v) + 16)}`,
};

/** The first TEXT_BYTES bytes an iovec array {buf u32 @0, len u32 @4}[count] points at. */
function gather(mem: GuestMemory, ptr: number, count: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < count && total < TEXT_BYTES; i++) {
    const len = Math.min(mem.getU32(ptr + i * 8 + 4), TEXT_BYTES - total);
    parts.push(mem.view(mem.getU32(ptr + i * 8), len));
    total += len;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `line` read over `view`; throws when a kind cannot read guest memory. */
export function decodeLine(line: Line, view: CallView): string {
  if (typeof line === 'function') return line(view);
  return line.replace(/\{(\w+)(?::(\w+))?\}/g, (_m, name: string, kind?: string) => {
    const i = view.names.indexOf(name);
    const value = view.values[i];
    if (i < 0 || value === undefined) throw new Error(`call line template names no parameter '${name}' (nor a stack slot, result or noted fact)`);
    if (typeof value === 'string') {
      if (kind === undefined || kind === 'json') return kind ? JSON.stringify(value) : value;
      throw new Error(`call line template: '${name}' is text, which kind '${kind}' cannot read`);
    }
    if (kind === undefined) return unsignedText(value);
    const decode = KINDS[kind];
    if (!decode) throw new Error(`call line template: unknown kind '${kind}'`);
    const next = view.values[i + 1];
    return decode(value, typeof next === 'string' ? undefined : next, view.memory, view);
  });
}

/** `template` over parameters `params` (a view of the arguments alone). */
export function decodeArgs(template: string, params: readonly string[], args: readonly HostValue[], memory: () => GuestMemory): string {
  return decodeLine(template, { names: params, values: args, args, memory });
}

/** Every parameter as `name=value`, or bare values when the names are unknown. */
export function plainArgs(params: readonly string[] | undefined, text: readonly string[]): string {
  return params ? params.map((p, i) => `${p}=${text[i] ?? '?'}`).join(', ') : text.join(', ');
}

/** Text for records: JSON-quoted, cut at `max` characters (an ellipsis after the quote says so). */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? text.slice(0, max) : text) + (text.length > max ? '…' : '');
}
