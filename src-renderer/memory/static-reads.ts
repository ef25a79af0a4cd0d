// The Statics panel reads the values it shows in few requests: statics sit close together in a
// module's data, so the ranges of the rows shown are merged into spans (a gap of a few hundred
// bytes costs less than another round trip over IPC or the web shell's socket), each span one
// read, and every row takes its bytes out of the span holding them.

import type { PointedType, StaticVariable } from '../../src-main/shared/dto.ts';
import { shortType } from '../../src-main/shared/statics.ts';
import { formatAddress } from './address.ts';
import { encodeValue, littleEndian, partPath, setTarget, valueBytes, type Part } from '../../src-main/shared/static-values.ts';
import { float32Text, sequenceNumType } from '../../src-main/shared/value-format.ts';
import { hexAddress } from '../../src-main/shared/hex.ts';
import { wseqWrite } from './copy-format.ts';
import type { FunctionSlots } from '../../src-main/shared/function-pointer.ts';

export interface Span {
  address: number;
  length: number;
}

/** Ranges closer than this share one read. */
const GAP = 512;
/** A span grows no longer than this: a huge static in the middle is read on its own. */
const MOST = 64 * 1024;

/** A part's row labels: under its name its address and type (`0x0010f4a0 · int`); on hover its path, type, address and size. */
export function partLabels(path: string, part: { type: string; size: number | null }, address: number): { meta: string; title: string } {
  return {
    meta: `${formatAddress(address)} · ${shortType(part.type)}`,
    title: `${path} (${part.type}) at ${formatAddress(address)}, ${part.size ?? '?'} B`,
  };
}

/** The spans, in address order, that cover `ranges` (each `size` bytes at `address`; empty ones skipped). */
export function readSpans(ranges: readonly { address: number; size: number }[]): Span[] {
  const sorted = ranges.filter((r) => r.size > 0).toSorted((a, b) => a.address - b.address);
  const spans: Span[] = [];
  for (const r of sorted) {
    const last = spans.at(-1);
    const end = r.address + r.size;
    if (last && r.address <= last.address + last.length + GAP && end - last.address <= MOST) {
      last.length = Math.max(last.length, end - last.address);
    } else spans.push({ address: r.address, length: r.size });
  }
  return spans;
}

/** The `size` bytes at `address` out of the spans read (`bytes` may come back short at memory's end); null when none holds them. */
export function bytesIn(read: readonly { address: number; bytes: Uint8Array }[], address: number, size: number): Uint8Array | null {
  const span = read.find((s) => address >= s.address && address + size <= s.address + s.bytes.length);
  return span ? span.bytes.subarray(address - span.address, address - span.address + size) : null;
}

/** The bytes of each of `vars` that has a value of its own (numbers, pointers, `char` arrays: valueBytes), from a few spans' reads. */
export async function readValues(reader: StaticReader, vars: readonly StaticVariable[]): Promise<Map<StaticVariable, Uint8Array>> {
  const valued = vars.filter((v) => valueBytes(v) > 0);
  const spans = readSpans(valued.map((v) => ({ address: v.address, size: valueBytes(v) })));
  const read = await Promise.all(spans.map(async (s) => ({ address: s.address, bytes: (await reader.read(s.address, s.length)) ?? new Uint8Array(0) })));
  return new Map(valued.flatMap((v) => {
    const bytes = bytesIn(read, v.address, valueBytes(v));
    return bytes ? [[v, bytes] as const] : [];
  }));
}

/**
 * What the Statics panel's values were read for: the memory shown (StaticReader.key) and the
 * rows themselves. The values are kept by row object, so rows are compared by identity, not by
 * name and address: a module's info sent again (an edit of the sequence) brings new objects for
 * the same statics, which the values read for the old ones do not name.
 */
export interface ValuesRead {
  key: string;
  vars: readonly StaticVariable[];
}

/** Whether `vars`' values at the memory `key` names need a read: `last` was for other memory or other rows. */
export function readsAgain(last: ValuesRead | null, key: string, vars: readonly StaticVariable[]): boolean {
  return last === null || last.key !== key || last.vars.length !== vars.length || last.vars.some((v, i) => v !== vars[i]);
}

/** What the Statics panel's rows read through, made by the memory view for the step it shows. */
export interface StaticReader {
  /** The bytes at `address` at the step shown; null when they could not be read. */
  read(address: number, length: number): Promise<Uint8Array | null>;
  /** Names the memory shown (a new step, an earlier one): rows read again when it changes; null while a run goes on, when nothing is read. */
  key: string | null;
  /** The step shown wrote some of these bytes. */
  changedAt(address: number, size: number): boolean;
  /** The module's pointed-to types (ModuleInfo.staticTypes): what a pointer opens into. */
  types: readonly PointedType[];
  /** The module's table slots and function names: what a function pointer's value names (`0x1 <addresses>`). */
  functions?: FunctionSlots | null;
  /** Goes to the bytes and selects them. */
  onPick(address: number, size: number): void;
  /** Adds `watch NAME @ AT` of the bytes at `address` to the sequence (watchOf); null without a sequence to add it to. */
  watch: ((w: { name: string; at: string; address: number; size: number }, stop: boolean) => void) | null;
  /** Appends a step (setOf's `write`) and runs it when the sequence is at its end; null without a sequence. */
  append: ((line: string) => void) | null;
  /** Writes a set value's bytes now instead (a local at a watch's stop: the paused call goes on with it); absent: sets append. */
  write?: (address: number, bytes: Uint8Array) => void;
  /**
   * Breaks on writes to a local of the paused call now (a live watch on its frame, which the
   * session ends when that call returns): whether one is on these bytes, and turning it on or
   * off; absent where there is no paused call (a line would act only after the call).
   */
  frameBreak?: { on(address: number, size: number): boolean; toggle(path: string, address: number, size: number): void };
}

/**
 * What Set Value on a number-like part at `address` (its own bytes `bytes`) writes, given `text`
 * (what encodeValue takes: `41`, `0x2a`, `'k'`, an enumerator): the bytes and where, and the
 * `write` step that writes them: `write i32 -3 @ &origin.y`, by address where no expression
 * names it; a bit field's whole bytes with its neighbours kept (`write bytes "0b" @ &state`). A
 * C++ reference writes the object it names, by its address (setTarget). Or what is wrong.
 */
export function setOf(p: Part, address: number, bytes: Uint8Array, text: string, expression: string | null, types: readonly PointedType[]):
  { address: number; bytes: Uint8Array; line: string } | { error: string } {
  const into = setTarget(p, address, bytes, types);
  if (typeof into === 'string') return { error: into };
  // A referred object's type is a PointedType, never a bit field or a shrunk global: its old
  // bytes would only give the length, which its size does.
  const encoded = encodeValue(into.part, into.through ? new Uint8Array(into.part.size ?? 0) : bytes, text);
  if (typeof encoded === 'string') return { error: encoded };
  const where = into.through ? null : expression;
  const type = into.part.bits ? null : sequenceNumType(into.part.scalar, encoded.length);
  if (type) return { address: into.address, bytes: encoded, line: `write ${type} ${numberText(type, encoded)} @ ${where ?? hexAddress(into.address)}` };
  const line = wseqWrite(encoded, into.address);
  return { address: into.address, bytes: encoded, line: where ? line.replace(/@ \S+$/, `@ ${where}`) : line };
}

/**
 * A static's part as a sequence names it: `&origin`, then `&origin.y`, `&grid[1]`; a member of
 * C11's anonymous struct or union by its own name, as C does; null through a pointer (`&table[0]`
 * would index the pointer itself), where a watch names the bytes by address instead.
 */
export function partExpression(parent: string | null, part: string): string | null {
  return parent === null || part === '(anonymous)' ? parent : partPath(parent, part);
}

/** `watch origin_y @ &origin.y`, or by address where no expression names the part: `watch table_0_key @ 0x10670 [4]`. */
export function watchOf(path: string, expression: string | null, address: number, size: number): { name: string; at: string } {
  const base = (path.split('::').at(-1) ?? path).replace(/[^\w$]+/g, '_').replace(/^_+|_+$/g, '');
  const name = /^[A-Za-z_$]/.test(base) ? base : `w_${base}`;
  return { name, at: expression ?? `${hexAddress(address)} [${size}]` };
}

/** The number `bytes` hold, as a `write` step of `type` writes it: `-3` (i32), `107` (u8), `2.5` (f32). */
function numberText(type: string, bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'f32') return float32Text(view.getFloat32(0, true));
  if (type === 'f64') return String(view.getFloat64(0, true));
  const n = littleEndian(bytes);
  return String(type.startsWith('i') ? BigInt.asIntN(8 * bytes.length, n) : n);
}
