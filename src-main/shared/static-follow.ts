// What a static's value leads to, read from memory where it leads: the text a `char *` points
// at, a container's elements, a map's entries, a counted pointer's owners. static-values.ts says
// what a value's own bytes read as; this file makes the further reads (through a ReadMemory: the
// engine's session for the DAP and the CLI, the panel's reader in the app) and joins them to it.

import type { PointedType, Result, StaticVariable } from './dto.ts';
import { cText, MAX_ELEMENTS, partPath, pointerTarget, pointsAtText, pointsAtWideText, SUMMARY_BYTES, SUMMARY_ELEMENTS, TEXT_PREVIEW, utf8Text, valueBytes, valueText, variantOf, wideText, type Part, type ValuePart } from './static-values.ts';
import { containerOf, containerShape, COUNT_BYTES, ownerCounts, smartPointer, transparent } from './std-types.ts';
import { isMap, isSequence, mapEntries } from './std-collections.ts';
import type { FunctionSlots } from './function-pointer.ts';

/** Reads `length` bytes of guest memory at `address` (fewer at memory's end); null when it cannot. */
export type ReadMemory = (address: number, length: number) => Promise<Uint8Array | null>;

/** ReadMemory over a session's memory now (the engine's Session, as the DAP and the CLI hold one). */
export function readerOf(session: { memorySize: number; readMemory(address: number, length: number): Promise<Result<{ bytes: Uint8Array }>> }): ReadMemory {
  return async (address, length) => {
    const r = await session.readMemory(address, Math.min(length, session.memorySize - address));
    return r.ok ? r.value.bytes : null;
  };
}

/** Reads what a value leads to, given its address and own bytes (followerOf). */
type Follow = (address: number, bytes: Uint8Array, read: ReadMemory, nested: boolean) => Promise<string | null>;

/**
 * How what a value of this type leads to is read, or null when it leads nowhere: the one place
 * that decides, for follows() and followText() alike.
 */
function followerOf(part: Part, types: readonly PointedType[] | undefined): Follow | null {
  const p = transparent(part);
  const referred = p.reference && p.pointee !== undefined ? types?.[p.pointee] : undefined;
  if (referred) {
    // A C++ reference is the object it names: `int &n` read `0x1048` alone, what it refers to
    // seen only when opened. Its address, then that object as valueText reads it (`0x1048 → 132
    // (0x84)`), a `char &` as a character, not as text to the next NUL.
    return async (_, bytes, read) => {
      const target = pointerTarget(bytes);
      const own = target ? await read(target, valueBytes(referred)) : null;
      const text = own && own.length > 0 ? valueText(referred, own, types) : null;
      return text && `→ ${text}`;
    };
  }
  if (pointsAtText(types, p.pointee)) {
    return async (_, bytes, read) => {
      const target = pointerTarget(bytes);
      const text = target ? await read(target, TEXT_PREVIEW) : null;
      return text && cText(text);
    };
  }
  const wide = pointsAtWideText(types, p.pointee);
  if (wide) {
    // A `wchar_t *` as a `char *` reads: its first TEXT_PREVIEW characters, to the NUL (`L"key"`).
    return async (_, bytes, read) => {
      const target = pointerTarget(bytes);
      const text = target ? await read(target, TEXT_PREVIEW * wide.stride) : null;
      return text && wideText(wide.prefix, wide.stride, toNul(text, wide.stride), true);
    };
  }
  const counts = smartPointer(p)?.counts;
  if (counts) {
    return async (_, bytes, read) => {
      const target = pointerTarget(bytes.subarray(counts.block, counts.block + 4));
      const block = target ? await read(target, COUNT_BYTES) : null;
      const owners = block && ownerCounts(counts, block);
      return owners && `(strong ${owners.strong}, weak ${owners.weak})`;
    };
  }
  if (isMap(p)) return (address, bytes, read) => mapText(p, address, bytes, types, read);
  // Some(x) of an Option<Vec<…>>, Option<Rc<…>>: what x leads to, in the variant the bytes hold.
  const variants = p.layout?.kind === 'struct' ? p.layout.variants : undefined;
  if (variants?.cases.some((c) => c.layout?.fields.length === 1 && followerOf(c.layout.fields[0]!, types))) {
    return async (address, bytes, read, nested) => {
      const only = variantOf(variants, bytes)?.layout?.fields;
      const f = only?.length === 1 && only[0]!.size !== null ? only[0]! : null;
      return f && followText(f, address + f.offset, bytes.subarray(f.offset, f.offset + f.size!), types, read, nested);
    };
  }
  if (containerShape(p)) return (address, bytes, read, nested) => containerText(p, address, bytes, types, read, nested);
  return null;
}


/** `bytes` to the end of the first `stride`-byte unit that is 0, or all of them: what a pointer to wide text points at. */
function toNul(bytes: Uint8Array, stride: number): Uint8Array {
  for (let at = 0; at + stride <= bytes.length; at += stride) {
    if (bytes.subarray(at, at + stride).every((b) => b === 0)) return bytes.subarray(0, at + stride);
  }
  return bytes;
}

/** Whether a value leads to more to read (followText): a `char *`, a standard container, a map, a counted pointer, an Option of one. */
export function follows(part: Part, types: readonly PointedType[] | undefined): boolean {
  return followerOf(part, types) !== null;
}

/**
 * What a value at `address` whose own bytes are `bytes` leads to, read from where it leads: the
 * text a `char *` points at (`"key"`), a container's text (`"memscope title"`) or its first
 * elements (`[0, 10, 20]`, `["ada", "grace"]`: a container's containers one level deep), a
 * map's entries, a counted pointer's owners (`(strong 2, weak 1)`); null when it leads nowhere
 * or the bytes there cannot be read.
 */
export async function followText(part: Part, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, nested = false): Promise<string | null> {
  return (await followerOf(part, types)?.(address, bytes, read, nested)) ?? null;
}

/** A container's text, or its first elements in one line (a container's containers read once more, unless `nested`). */
async function containerText(p: Part, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory, nested: boolean): Promise<string | null> {
  const c = containerOf(p, address, bytes, types);
  if (!c || (c.count > 0 && c.address === 0)) return null;
  if (c.text) {
    const text = c.count > 0 ? await read(c.address, Math.min(c.count, TEXT_PREVIEW)) : new Uint8Array(0);
    return text && utf8Text(text, c.count);
  }
  const element = c.element;
  if (!element) return null;
  // Elements of a big struct: the first one's first SUMMARY_BYTES, as a static's summary reads.
  const big = element.size > SUMMARY_BYTES;
  const shown = Math.min(c.count, big ? 1 : SUMMARY_ELEMENTS);
  const all = shown > 0 ? await read(c.address, big ? SUMMARY_BYTES : shown * element.size) : new Uint8Array(0);
  if (!all) return null;
  const values = await Promise.all(Array.from({ length: shown }, async (_, i) => {
    const own = big ? all : all.subarray(i * element.size, (i + 1) * element.size);
    if (!big && own.length < element.size) return '…';
    const inner = !nested && containerShape(element) ? await followText(element, c.address + i * element.size, own, types, read, true) : null;
    return inner ?? valueText(element, own, types) ?? '…';
  }));
  return `[${values.join(', ')}${c.count > shown ? ', …' : ''}]`;
}

/** `{"ada": 1, "grace": 2}`, `{2, 3, 5}`: a map's or set's first SUMMARY_ELEMENTS entries (std-collections.ts). */
async function mapText(p: Part, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory): Promise<string | null> {
  const found = await mapEntries(p, address, bytes, types, read, SUMMARY_ELEMENTS);
  if (!found) return null;
  const sequence = isSequence(p);
  const entries = await Promise.all(found.entries.map(async ({ key, value }) => {
    // A sequence's elements read as a Vec's do; a map's keys and a set's members as keys.
    const k = sequence ? await shortText(key.part, key.address, key.bytes, types, read) : await keyText(key, types, read);
    return value ? `${k}: ${await shortText(value.part, value.address, value.bytes, types, read)}` : k;
  }));
  const [open, close] = sequence ? ['[', ']'] : ['{', '}'];
  return `${open}${entries.join(', ')}${found.count > entries.length ? ', …' : ''}${close}`;
}

/** An entry of a map or set as it opens (mapParts); `node`: the whole entry and its type, when it has a node of its own (Found.node). */
export interface EntryPart {
  name: string;
  path: string;
  address: number;
  part: ValuePart;
  bytes: Uint8Array;
  node?: { at: number; type: PointedType };
}

/**
 * What a map or set named `path` opens into: its first MAX_ELEMENTS entries, each a part at its
 * own address with its bytes, named by its key (`ages["ada"]`; a multimap's second `["ada"] (2)`)
 * or, a set's, by its place (`primes[0]`); null for no map.
 */
export async function mapParts(p: Part, path: string, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory):
  Promise<EntryPart[] | null> {
  const found = await mapEntries(p, address, bytes, types, read, MAX_ELEMENTS);
  if (!found) return null;
  const keys = await Promise.all(found.entries.map(({ key, value }, i) => (value ? keyText(key, types, read) : String(i))));
  const times = new Map<string, number>();
  return found.entries.map(({ key, value, node }, i) => {
    const shown = value ?? key;
    const n = (times.get(keys[i]!) ?? 0) + 1;
    times.set(keys[i]!, n);
    const name = `[${keys[i]}]${n > 1 ? ` (${n})` : ''}`;
    const entry: EntryPart = { name, path: partPath(path, name), address: shown.address, part: { ...shown.part, name }, bytes: shown.bytes };
    if (node !== undefined && found.node) entry.node = { at: node, type: found.node };
    return entry;
  });
}

/** A map's key as it names an entry: `"ada"`, `10` (a number without its hex, which the value shows). */
async function keyText(key: { part: Part; address: number; bytes: Uint8Array }, types: readonly PointedType[] | undefined, read: ReadMemory): Promise<string> {
  return (await shortText(key.part, key.address, key.bytes, types, read)).replace(/ \(0x[0-9a-f]+\)$/, '');
}

/** A key or value in a map's summary: a string as its text, a vector as its elements, anything else as valueText reads it. */
async function shortText(p: Part, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory): Promise<string> {
  const inner = containerShape(transparent(p)) ? await followText(p, address, bytes, types, read, true) : null;
  return inner ?? valueText(p, bytes, types) ?? '…';
}

/**
 * A value as debuggers show one, with what it leads to after it: `0x10680 "key"`, `len 3 [0, 10, 20]`
 * (valueText, followText); a function pointer named by `functions` (`0x1 <add>`).
 */
export async function fullText(p: Part, address: number, bytes: Uint8Array, types: readonly PointedType[] | undefined, read: ReadMemory,
  functions?: FunctionSlots): Promise<string | null> {
  const value = valueText(p, bytes, types, functions);
  const more = value === null ? null : await followText(p, address, bytes, types, read);
  return more === null ? value : `${value} ${more}`;
}

/** A static's value as it reads now (fullText), or null when it has none of its own to read. */
export async function staticValue(v: StaticVariable, types: readonly PointedType[] | undefined, read: ReadMemory,
  functions?: FunctionSlots): Promise<{ bytes: Uint8Array; text: string | null } | null> {
  const length = valueBytes(v);
  const bytes = length > 0 ? await read(v.address, length) : null;
  return bytes && { bytes, text: await fullText(v, v.address, bytes, types, read, functions) };
}
