// The one decoder of host-call arguments for the call log. Each table entry (WASI functions,
// builtins) carries its arguments' shape as data, a template over its parameter names:
//   'fd={fd}, {iovs:iovs}'     fd_write(fd=1, "hello\n")
//   'id={id:clock}'            clock_time_get(id=0 (realtime))
//   '{new_path:path} → {old_path:path}'
// A `{name}` is the argument shown unsigned; `{name:kind}` reads it by kind. `path`, `iovs`,
// `utf8` and `utf16` read guest memory at the pointer and take their length from the next
// parameter. Parameters the template leaves out (out-pointers, lengths) are not shown. Decoding
// runs before the call (as wazero's listeners see parameters), on memory that is not tracked as
// touched; when memory cannot be read the caller falls back to `name=value` for every parameter.

import type { GuestMemory } from '../memory/guest-memory.ts';
import { quote, type HostValue } from './host-call.ts';

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

type Kind = (value: HostValue, next: HostValue | undefined, memory: () => GuestMemory) => string;

const KINDS: Record<string, Kind> = {
  s64: (v) => BigInt.asIntN(64, BigInt(v)).toString(),
  u64: (v) => BigInt.asUintN(64, BigInt(v)).toString(),
  clock: (v) => `${u32(v)} (${CLOCKS[u32(v)] ?? `clock ${u32(v)}`})`,
  whence: (v) => WHENCE[u32(v)] ?? String(u32(v)),
  whence0: (v) => WHENCE_SNAPSHOT0[u32(v)] ?? String(u32(v)),
  path: (v, len, memory) => quote(memory().readUtf8(u32(v), u32(len))),
  utf8: (v, len, memory) => quote(memory().readUtf8(u32(v), u32(len)), 200),
  utf16: (v, len, memory) => quote(memory().readUtf16(u32(v), u32(len) * 2), 200),
  iovs: (v, count, memory) => quote(utf8.decode(gather(memory(), u32(v), u32(count)))),
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

/** `template` filled from `args`; throws when a kind cannot read guest memory. */
export function decodeArgs(template: string, params: readonly string[], args: readonly HostValue[], memory: () => GuestMemory): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (_m, name: string, kind?: string) => {
    const i = params.indexOf(name);
    const value = args[i];
    if (i < 0 || value === undefined) throw new Error(`argument template names no parameter '${name}'`);
    if (kind === undefined) return unsignedText(value);
    const decode = KINDS[kind];
    if (!decode) throw new Error(`argument template: unknown kind '${kind}'`);
    return decode(value, args[i + 1], memory);
  });
}

/** Every parameter as `name=value`, or bare values when the names are unknown. */
export function plainArgs(params: readonly string[] | undefined, text: readonly string[]): string {
  return params ? params.map((p, i) => `${p}=${text[i] ?? '?'}`).join(', ') : text.join(', ');
}
