// The Variables view of `memscope dap`: scopes (Bindings, Regions, Heap, Statics; Locals on the
// guest frame a watch's stop paused in) and their variables.
// A value that points into linear memory carries a memoryReference, so VS Code offers "View
// Binary Data" (its memory view) right beside it.

import { Scope } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Session } from '../engine/index.ts';
import type { BoundValue, HeapSummary, PointedType, Region, StaticLayout, StaticVariable } from '../shared/dto.ts';
import { typedByAddress } from '../shared/heap-format.ts';
import { formatBinding } from '../shared/value-format.ts';
import { stopLocals } from '../shared/frame-locals.ts';
import { ownStaticsFirst, typedBlockText } from '../shared/statics.ts';
import { blockParts, bytesToRead, encodeValue, MAX_ELEMENTS, opensInto, partPath, partsOf, pointerTarget, setTarget, SUMMARY_BYTES, valueText, type Part, type Typed, type ValuePart } from '../shared/static-values.ts';
import { fullText, mapParts, readerOf, staticValue, type ReadMemory } from '../shared/static-follow.ts';
import { isMap } from '../shared/std-collections.ts';
import { transparent } from '../shared/std-types.ts';
import { memoryReference } from './memory-ref.ts';
import { isFunctionPointer } from '../shared/function-pointer.ts';

/**
 * Rows listed at one level of the Statics and Heap scopes: a Rust std build names hundreds of
 * statics, each a memory read when listed, and a heap may hold a million blocks. Past them a
 * scope lists groups of as many (`[201–400]`), read as they open.
 */
const MAX_LISTED = 200;

/** What a variablesReference stands for. */
export type VariableSource =
  | { kind: 'bindings' }
  | { kind: 'regions' }
  /** The live blocks [from, to) of the summary; the scope itself is [0, all), listing groups past its first MAX_LISTED. */
  | { kind: 'heap'; heap: HeapSummary; from: number; to: number }
  /** The statics [from, to) in the scope's order (ownStaticsFirst); the scope itself is [0, all), listing groups past its first MAX_LISTED. */
  | { kind: 'statics'; from: number; to: number }
  /** The paused function's parameters and locals (stopLocals), placed in memory as statics are. */
  | { kind: 'locals'; variables: StaticVariable[] }
  /**
   * A static's struct or array (or a part of one: `path`, `bodies[1].speed`) at `address`,
   * expanded into its parts as DWARF lays them out. `first`: the layout is a slice of a longer
   * array (arraySlices), its elements at `address`, the first of them `[first]` of the whole.
   */
  | { kind: 'part'; path: string; address: number; layout: StaticLayout; first?: number }
  /** A map or set (`path`) whose own bytes are `bytes`, expanded into its entries; `shown`, where each listed one is (data breakpoints). */
  | { kind: 'entries'; path: string; address: number; part: Part; bytes: Uint8Array; shown?: { name: string; address: number; part: ValuePart }[] }
  | { kind: 'value'; value: BoundValue };

/**
 * variablesReferences valid for one stop, each number given out once per adapter. The library's
 * Handles start again at 1000 on reset: a reference kept from an earlier stop (an expanded
 * struct, a watch) named whatever the new stop gave that number, and was answered with it.
 */
class StopHandles {
  private next = 1000;
  private readonly live = new Map<number, VariableSource>();

  create(source: VariableSource): number {
    const handle = this.next++;
    this.live.set(handle, source);
    return handle;
  }

  get(handle: number): VariableSource | undefined {
    return this.live.get(handle);
  }

  /** The stop's references end; their numbers are not given out again. */
  clear(): void {
    this.live.clear();
  }
}

export class VariableStore {
  private readonly handles = new StopHandles();
  /** The heap walk of this stop, made once for all its requests until the stop ends or memory is written. */
  private heapRead: ReturnType<Session['heap']> | null = null;

  /** What a variablesReference of this stop stands for. */
  sourceOf(reference: number): VariableSource | undefined {
    return this.handles.get(reference);
  }

  /** Handles are valid for one stop: the next step changes every value. */
  reset(): void {
    this.handles.clear();
    this.heapRead = null;
  }

  /** Guest memory was written (Set Value, writeMemory): the heap read before may not be the heap now. */
  memoryWritten(): void {
    this.heapRead = null;
  }

  private heapWalk(session: Session): ReturnType<Session['heap']> {
    return (this.heapRead ??= session.heap());
  }

  /** The heap now when a walker read it whole (status ok), else null. */
  private async heapNow(session: Session): Promise<HeapSummary | null> {
    const h = await this.heapWalk(session);
    return h.ok && h.value.walker !== null && h.value.status === 'ok' ? h.value : null;
  }

  /**
   * `text`, a pointer's value, with ` (freed)` after it when the heap says its target is free
   * memory (in a free chunk, in no live block): a pointer kept after free() read as any other,
   * and opened into whatever the allocator had put there since. Other values as they are.
   */
  private async withHeapState(session: Session, p: Typed, bytes: Uint8Array | null, text: string): Promise<string> {
    const t = transparent(p);
    if (t.scalar !== 'pointer' || t.bits || !bytes || bytes.length !== 4) return text;
    const target = pointerTarget(bytes);
    if (target === null) return text;
    // A function pointer holds a table slot, not an address in memory: it read `0x1` and was
    // looked up in the heap as if it were one. Its text names the function already (fullText).
    if (isFunctionPointer(t)) return text;
    const heap = await this.heapNow(session);
    return heap && isFreed(heap, target) ? `${text} (freed)` : text;
  }

  async scopes(session: Session): Promise<DebugProtocol.Scope[]> {
    const scopes: DebugProtocol.Scope[] = [
      new Scope('Bindings', this.handles.create({ kind: 'bindings' }), false),
      new Scope('Regions', this.handles.create({ kind: 'regions' }), false),
    ];
    // Heap when present: a known allocator the walker can read, with a live guest.
    // The stop's one walk, which also serves the freed marks (withHeapState) of its variables.
    const heap = await this.heapWalk(session);
    if (heap.ok && heap.value.walker !== null && heap.value.status !== 'not-recognised') {
      scopes.push(new Scope('Heap', this.handles.create({ kind: 'heap', heap: heap.value, from: 0, to: heap.value.live.length }), true));
    }
    // Statics when the module's DWARF names any, read as the scope opens at this stop.
    const count = session.info.statics?.length ?? 0;
    if (count > 0) scopes.push(new Scope('Statics', this.handles.create({ kind: 'statics', from: 0, to: count }), true));
    return scopes;
  }

  /**
   * The Locals scope of the guest frame `frame` (1: the innermost) at a watch's stop, when DWARF
   * places its variables in memory and its frame base is known (stopLocals: the writer's the stop
   * saw, each caller's one frame size further out).
   */
  localScopes(session: Session, frame: number): DebugProtocol.Scope[] {
    const locals = frame >= 1 ? stopLocals(session.info, session.lastRecord, frame - 1) : null;
    return locals && locals.variables.length > 0 ? [new Scope('Locals', this.handles.create({ kind: 'locals', variables: locals.variables }), false)] : [];
  }

  /**
   * What a name in a guest frame's source stands for (VS Code's hover, the debug console): the
   * frame's local of that name (as localScopes), else a static; null for neither. Frame 0, the
   * sequence line between calls, has no locals: a static or null.
   */
  async named(session: Session, frame: number, name: string): Promise<DebugProtocol.Variable | null> {
    const local = frame >= 1 ? stopLocals(session.info, session.lastRecord, frame - 1)?.variables.find((v) => v.name === name) : undefined;
    const v = local ?? session.info.statics?.find((s) => s.name === name);
    return v ? (await this.staticRows(session, [v]))[0]! : null;
  }

  /**
   * The statics [from, to) as variables: the first MAX_LISTED read now, with what they lead to;
   * the rest in groups (groupsPast) named by their first and last static.
   */
  private async statics(session: Session, from: number, to: number): Promise<DebugProtocol.Variable[]> {
    const all = ownStaticsFirst(session.info.statics ?? []);
    const listed = await this.staticRows(session, all.slice(from, Math.min(to, from + MAX_LISTED)));
    return [...listed, ...this.groupsPast(from, to, (start, end) => ({ kind: 'statics', from: start, to: end }),
      (start, end) => `${end - start} more of ${all.length} statics: ${all[start]!.name} … ${all[end - 1]!.name}`)];
  }

  /** Variables at fixed places (statics, a paused frame's locals) read now, with what they lead to. */
  private staticRows(session: Session, list: readonly StaticVariable[]): Promise<DebugProtocol.Variable[]> {
    const read = readerOf(session);
    return Promise.all(list.map(async (v) => {
      const value = await staticValue(v, session.info.staticTypes, read, session.info);
      const text = value?.text != null ? await this.withHeapState(session, v, value.bytes, value.text) : null;
      const variable = staticVariable(v, text);
      variable.variablesReference = this.inner(v, v.name, v.address, value?.bytes ?? null, session.info.staticTypes);
      return variable;
    }));
  }

  /**
   * The live blocks [from, to) as variables, in address order: the first MAX_LISTED, a typed one
   * expanding as the Heap panel opens it (its elements, or a node's entry); the rest in groups
   * (groupsPast) named by their first and last address.
   */
  private heapBlocks(heap: HeapSummary, from: number, to: number): DebugProtocol.Variable[] {
    const typed = typedByAddress(heap);
    const listed = heap.live.slice(from, Math.min(to, from + MAX_LISTED)).map((b): DebugProtocol.Variable => {
      const t = typed.get(b.address);
      const parts = t ? blockParts(t) : null;
      return {
        name: memoryReference(b.address),
        value: `${b.size} bytes, ${b.owner}${b.by ? ` (${b.by})` : ''}${b.line !== null ? `, line ${b.line}` : ''}${t ? `, ${typedBlockText(t)}` : ''}`,
        variablesReference: parts ? this.handles.create({ kind: 'part', ...parts }) : 0,
        memoryReference: memoryReference(b.address),
      };
    });
    return [...listed, ...this.groupsPast(from, to, (start, end) => ({ kind: 'heap', heap, from: start, to: end }),
      (start, end) => `${end - start} more of ${heap.live.length} live blocks: ${memoryReference(heap.live[start]!.address)} … ${memoryReference(heap.live[end - 1]!.address)}`)];
  }

  /** Rows for [from + MAX_LISTED, to) in groups of MAX_LISTED, each named by its place (`[201–400]`), said by `describe`, and opening as `source`. */
  private groupsPast(from: number, to: number, source: (start: number, end: number) => VariableSource,
    describe: (start: number, end: number) => string): DebugProtocol.Variable[] {
    const groups: DebugProtocol.Variable[] = [];
    for (let start = from + MAX_LISTED; start < to; start += MAX_LISTED) {
      const end = Math.min(to, start + MAX_LISTED);
      groups.push({ name: `[${start + 1}–${end}]`, value: describe(start, end), variablesReference: this.handles.create(source(start, end)) });
    }
    return groups;
  }

  async variables(session: Session, reference: number): Promise<DebugProtocol.Variable[]> {
    const source = this.handles.get(reference);
    if (!source) return [];
    switch (source.kind) {
      case 'bindings':
        return Object.entries(session.bindings).map(([name, v]) => this.binding(session, name, v));
      case 'regions':
        return session.regions.map(regionVariable);
      case 'heap':
        return this.heapBlocks(source.heap, source.from, source.to);
      case 'statics':
        return this.statics(session, source.from, source.to);
      case 'locals':
        return this.staticRows(session, source.variables);
      case 'part':
        return this.parts(session, source);
      case 'entries':
        return this.entries(session, source);
      case 'value': {
        const v = source.value;
        if (v.kind === 'struct') return Object.entries(v.fields).map(([name, f]) => this.binding(session, name, f));
        if (v.kind === 'tuple') return v.items.map((item, i) => this.binding(session, String(i), item));
        return [];
      }
    }
  }

  /**
   * The members of a static's struct (of a Rust enum, its variant's), or the first MAX_ELEMENTS
   * elements of its array, each read as its DWARF type says (one memory read for all of them)
   * and expandable in turn; past them, slices of the rest (arraySlices).
   */
  private async parts(session: Session, source: Extract<VariableSource, { kind: 'part' }>): Promise<DebugProtocol.Variable[]> {
    const { path, address, layout } = source;
    const read = readerOf(session);
    const { parts, bytes } = await readParts(read, address, layout, source.first);
    const listed = await Promise.all(parts.map((p) => {
      const own = bytes && p.size !== null ? bytes.subarray(p.offset, p.offset + p.size) : null;
      return this.partVariable(session, p, partPath(path, p.name), address + p.offset, own, read);
    }));
    return [...listed, ...arraySlices(source).map(({ name, value, slice }) => ({ name, value, variablesReference: this.handles.create(slice), memoryReference: memoryReference(slice.address) }))];
  }

  /**
   * Writes `text` as the value of the static or part `name` of the container `reference` (the
   * Statics scope, or a struct, array or pointee opened from it), when it reads as one number;
   * its value as it reads after, or what is wrong.
   */
  async set(session: Session, reference: number, name: string, text: string): Promise<{ value: string; address: number; size: number } | string> {
    const source = this.handles.get(reference);
    let target: { address: number; part: Typed } | null = null;
    if (source?.kind === 'statics' || source?.kind === 'locals') {
      const v = (source.kind === 'statics' ? session.info.statics : source.variables)?.find((s) => s.name === name);
      if (v) target = { address: v.address, part: v };
    } else if (source?.kind === 'part') {
      const p = (await readParts(readerOf(session), source.address, source.layout, source.first)).parts.find((q) => q.name === name);
      if (p) target = { address: source.address + p.offset, part: p };
    } else if (source?.kind === 'entries') {
      const e = source.shown?.find((q) => q.name === name);
      if (e) target = { address: e.address, part: e.part };
    } else return 'only a static or a part of one can be set here; write memory for anything else';
    if (!target || target.part.size == null) return `no static or part named '${name}' here`;
    const own = await session.readMemory(target.address, target.part.size);
    if (!own.ok) return own.error.message;
    // A Rust cell or atomic is set as the number it wraps; a C++ reference as the object it names.
    const into = setTarget(target.part, target.address, own.value.bytes, session.info.staticTypes);
    if (typeof into === 'string') return into;
    const old = into.through ? await session.readMemory(into.address, into.part.size ?? 0) : own;
    if (!old.ok) return old.error.message;
    const bytes = encodeValue(into.part, old.value.bytes, text);
    if (typeof bytes === 'string') return bytes;
    const written = await session.writeMemory(into.address, bytes);
    if (!written.ok) return written.error.message;
    this.memoryWritten();
    // As the Variables view reads it after (a pointer with what it points at: `0x10680 "value"`;
    // a reference, its own bytes unchanged, with the object it names: `0x40c → 9`).
    const shown = into.through ? own.value.bytes : bytes;
    const value = await fullText(target.part, target.address, shown, session.info.staticTypes, readerOf(session), session.info);
    return { value: value === null ? text : await this.withHeapState(session, target.part, shown, value), address: into.address, size: bytes.length };
  }

  /** What a static or part opens into as a variablesReference: a map's entries, else opensInto's parts; 0 for nothing. */
  private inner(p: Part, path: string, address: number, bytes: Uint8Array | null, types: readonly PointedType[] | undefined): number {
    if (bytes && isMap(p)) return this.handles.create({ kind: 'entries', path, address, part: p, bytes });
    const parts = opensInto(p, path, address, bytes, types);
    return parts ? this.handles.create({ kind: 'part', ...parts }) : 0;
  }

  /** A map's or set's entries (mapParts), each read as a part and expandable in turn. */
  private async entries(session: Session, source: Extract<VariableSource, { kind: 'entries' }>): Promise<DebugProtocol.Variable[]> {
    const read = readerOf(session);
    const entries = (await mapParts(source.part, source.path, source.address, source.bytes, session.info.staticTypes, read)) ?? [];
    source.shown = entries.map(({ name, address, part }) => ({ name, address, part }));
    return Promise.all(entries.map((e) => this.partVariable(session, e.part, e.path, e.address, e.bytes, read)));
  }

  /** A part (`path`) at `address` whose own bytes are `bytes` as a variable: its value as debuggers show one (fullText), expandable into what it opens into. */
  private async partVariable(session: Session, p: ValuePart, path: string, address: number, bytes: Uint8Array | null, read: ReadMemory): Promise<DebugProtocol.Variable> {
    const types = session.info.staticTypes;
    if (p.layout?.kind === 'array' && p.layout.count === null) return this.flexibleVariable(session, p, p.layout, path, address, read);
    const value = bytes ? await fullText(p, address, bytes, types, read, session.info) : null;
    return {
      name: p.name,
      value: value !== null ? await this.withHeapState(session, p, bytes, value) : `${p.type} (${p.size ?? '?'} B)`,
      type: p.type,
      variablesReference: this.inner(p, path, address, bytes, types),
      memoryReference: memoryReference(address),
    };
  }

  /**
   * A flexible array member (`struct packet { int len; unsigned char data[]; }`): DWARF gives it
   * no length, and the struct's size ends where it starts. It read `unsigned char[] (? B)` and
   * did not open, so `pk->data` could not be seen at all. In a live heap block it opens into the
   * elements that fit from its start to the block's end, the bytes malloc was asked for (a
   * length member such as `len` is the program's own word, not the type's, so it is not
   * trusted: it may be wrong, which is what a debugger is looked at for). Anywhere else (a
   * static: C gives it no elements) what lies past the struct is not its own, and it opens into
   * nothing.
   */
  private async flexibleVariable(session: Session, p: ValuePart, layout: StaticLayout & { kind: 'array' }, path: string, address: number, read: ReadMemory):
    Promise<DebugProtocol.Variable> {
    const heap = await this.heapNow(session);
    // `<=`: a block that ends where the member starts holds none of its elements, and says so.
    const block = heap?.live.find((b) => address >= b.address && address <= b.address + b.size);
    const base = { name: p.name, type: p.type, memoryReference: memoryReference(address) };
    if (!block || layout.stride <= 0) return { ...base, value: '[] (flexible array: its type gives no length, and it is in no heap block)', variablesReference: 0 };
    const count = Math.floor((block.address + block.size - address) / layout.stride);
    const sized: StaticLayout = { ...layout, count };
    const bytes = count > 0 ? await read(address, Math.min(count * layout.stride, SUMMARY_BYTES)) : new Uint8Array(0);
    const summary = bytes ? valueText({ type: p.type, layout: sized }, bytes, session.info.staticTypes, session.info) : null;
    // The block's size is the allocator's (what malloc gave, often more than was asked for): said, so slack past the program's own elements reads as that.
    const fit = `${count} element${count === 1 ? '' : 's'} fit in heap block ${memoryReference(block.address)}, ${block.size} bytes`;
    return {
      ...base,
      value: `${summary ?? '[…]'} (flexible array: ${fit})`,
      variablesReference: count > 0 ? this.handles.create({ kind: 'part', path, address, layout: sized }) : 0,
    };
  }

  /** One bound value; structs and tuples expand. */
  binding(session: Session, name: string, value: BoundValue): DebugProtocol.Variable {
    const nested = value.kind === 'struct' || value.kind === 'tuple';
    const address = pointerOf(session, name, value);
    return {
      name,
      value: formatBinding(value),
      type: value.kind === 'struct' ? value.type : value.kind === 'js' ? `JavaScript ${value.type}` : value.kind,
      variablesReference: nested ? this.handles.create({ kind: 'value', value }) : 0,
      ...(address !== null ? { memoryReference: memoryReference(address) } : {}),
    };
  }
}

/**
 * A static as a variable: a number read as its DWARF type says (an integer signed or not, a
 * float, a pointer in hex, a `char *` with its text), else its type and size; its address opens
 * VS Code's memory view.
 */
function staticVariable(v: StaticVariable, read: string | null): DebugProtocol.Variable {
  const value = read ?? `${v.type ?? '?'} (${v.size ?? '?'} B)`;
  return { name: v.name, value, ...(v.type ? { type: v.type } : {}), variablesReference: 0, memoryReference: memoryReference(v.address) };
}

/**
 * The parts of `layout` at `address` (a Rust enum's, those of the variant there) and the bytes
 * they were read from: one read for all. An array's first MAX_ELEMENTS, named by their index in
 * the whole array (`first` on: a slice's `[9900]`, not its `[0]`).
 */
async function readParts(read: ReadMemory, address: number, layout: StaticLayout, first = 0): Promise<{ parts: ValuePart[]; bytes: Uint8Array | null }> {
  const end = bytesToRead(layout);
  const bytes = end > 0 ? await read(address, end) : null;
  const parts = partsOf(layout, MAX_ELEMENTS, bytes);
  return { parts: first === 0 || layout.kind !== 'array' ? parts : parts.map((p, i) => ({ ...p, name: `[${first + i}]` })), bytes };
}

/**
 * The rows past an array's first MAX_ELEMENTS: slices of it (`[100…199]`), each opening as the
 * array does. A static `int big[10000]` listed [0]…[99] and nothing after, as if that were all
 * of it; element 5000 could be neither seen, set nor watched. A slice holds MAX_ELEMENTS
 * elements, or (past MAX_ELEMENTS slices) as many times more, so no level lists more than about
 * MAX_ELEMENTS rows of slices however long the array.
 */
export function arraySlices(source: Extract<VariableSource, { kind: 'part' }>): { name: string; value: string; slice: Extract<VariableSource, { kind: 'part' }> }[] {
  const { layout, address, path } = source;
  if (layout.kind !== 'array' || layout.count === null || layout.count <= MAX_ELEMENTS) return [];
  const count = layout.count;
  const first = source.first ?? 0;
  let size = MAX_ELEMENTS;
  while ((count - MAX_ELEMENTS) / size > MAX_ELEMENTS) size *= MAX_ELEMENTS;
  const rows = [];
  for (let start = MAX_ELEMENTS; start < count; start += size) {
    const end = Math.min(count, start + size);
    const [from, to] = [first + start, first + end - 1];
    rows.push({
      name: `[${from}…${to}]`,
      value: `${end - start} elements: ${partPath(path, `[${from}]`)} … ${partPath(path, `[${to}]`)}`,
      slice: { kind: 'part' as const, path, address: address + start * layout.stride, layout: { ...layout, count: end - start }, first: from },
    });
  }
  return rows;
}

/** Whether `address` is in a free chunk of `heap` and in none of its live blocks: a freed block's, not handed out again. */
function isFreed(heap: HeapSummary, address: number): boolean {
  const within = ([start, end]: readonly [number, number]) => address >= start && address < end;
  return heap.free.some(within) && !heap.live.some((b) => within([b.address, b.address + Math.max(b.size, 1)]));
}

function regionVariable(r: Region): DebugProtocol.Variable {
  return {
    name: r.name,
    value: `${r.kind} [${memoryReference(r.start)}, +${r.size})${r.freed ? ' freed' : ''}${r.type ? ` ${r.type}` : ''}`,
    variablesReference: 0,
    memoryReference: memoryReference(r.start),
  };
}

/**
 * The address a value points at, or null. Text, bytes and structs were read at an address; an
 * integer is a pointer when a region carries its name (`p = malloc(8)`) or holds the value.
 */
export function pointerOf(session: Session, name: string, value: BoundValue): number | null {
  if (value.kind === 'text' || value.kind === 'bytes' || value.kind === 'struct') return value.address;
  if (value.kind !== 'int') return null;
  const n = Number(value.value);
  if (!Number.isSafeInteger(n) || n <= 0 || n >= session.memorySize) return null;
  const named = session.regions.some((r) => r.name === name && r.start === n);
  const inside = session.regions.some((r) => !r.freed && n >= r.start && n < r.start + Math.max(r.size, 1));
  return named || inside ? n : null;
}
