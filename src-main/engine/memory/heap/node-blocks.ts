// Heap blocks typed as the entries they hold: libc++'s map, set, their unordered kinds, list and
// forward_list and Rust's LinkedList keep each entry in a node of its own, one heap block each,
// whose links point at other nodes' bases (typed-blocks.ts lets a tree's or list's type
// nothing). Walked as the Statics panel walks them (static-follow.ts, mapParts), each node's
// block is named by its entry there: `ages["ada"]`, `primes[1]`, `words[0]`, the entry where
// the node holds it (TypedBlock.node: after the links in libc++'s, before them in Rust's).
// Collections held deeper are walked as the panel opens down to them: a struct's member
// (`registry.groups["odd"]`), a vector's element (`registry.teams[1].scores[0]`), another
// collection's entry (`byLength[3][0]`), what a smart or raw pointer points at
// (`instance[0].groups["solo"]`, a singleton kept on the heap); a type that can hold no such
// collection is not opened at all. An entry reached again along another path (two pointers to
// one object, a cycle) keeps the name it was found by first.
//
// The walks read through a ReadMemory, which is asynchronous in the app and the DAP; here all of
// memory is at hand, so each read answers at once, and the walk ends within the request that
// asked for the heap, before the worker takes another (each message's microtasks run first).

import type { HeapBlock, PointedType, StaticLayout, StaticVariable, TypedBlock } from '../../../shared/dto.ts';
import { ownStaticsFirst } from '../../../shared/statics.ts';
import { mapParts, type ReadMemory } from '../../../shared/static-follow.ts';
import { bytesToRead, MAX_ELEMENTS, opensInto, partPath, partsOf, type Part } from '../../../shared/static-values.ts';
import { hasNodes, isMap, mapEntries } from '../../../shared/std-collections.ts';
import { arrayElement, containerShape, smartPointer, transparent } from '../../../shared/std-types.ts';
import { containing } from './pointed-to.ts';

/** Levels opened below a static, each a member, an element or an entry: `a.b[1].c["k"][0]` is five. */
const MAX_DEPTH = 8;
/** Values opened in one summary, over all statics: nested collections multiply their entries. */
const MAX_VALUES = 20000;

/**
 * The live blocks that are the node of exactly one entry of a collection the statics hold, as
 * far as the panel lists entries and elements (MAX_ELEMENTS each). A block where the walk found
 * more than one entry, or one running past its end, is memory no sound node makes: it is left
 * alone. `live`: ascending, as the ledger lists them.
 */
export async function nodeBlocks(bytes: Uint8Array, statics: readonly StaticVariable[], types: readonly PointedType[],
  live: readonly HeapBlock[]): Promise<TypedBlock[]> {
  const read: ReadMemory = async (address, length) =>
    (address >= 0 && address < bytes.length ? bytes.subarray(address, Math.min(bytes.length, address + length)) : null);
  const byStart = new Map(live.map((b) => [b.address, b]));
  const holds = holderOf(types);
  /** Block address → the one entry found in it (null: two different ones, or one that overruns it; the same one found again keeps its first name). */
  const found = new Map<number, TypedBlock | null>();
  let opened = 0;
  /** The value `part` named `path`, whose bytes at `address` are `own`: its nodes, and those of the collections it holds. */
  const walk = async (part: Part, path: string, address: number, own: Uint8Array, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || opened++ >= MAX_VALUES || !holds(part)) return;
    const p = transparent(part);
    if (isMap(p)) {
      // A collection without nodes is opened only when its first entry can hold one: a deque
      // of ints is not read a hundred entries deep for nothing.
      const first = hasNodes(p) ? null : (await mapEntries(p, address, own, types, read, 1))?.entries[0];
      if (first === undefined || (first && !holds((first.value ?? first.key).part))) return;
      for (const entry of await mapParts(part, path, address, own, types, read) ?? []) {
        const { node } = entry;
        const block = node ? byStart.get(containing(live, node.at)) : undefined;
        if (node && block) {
          const fits = node.at + node.type.size <= block.address + block.size;
          const had = found.get(block.address);
          const again = had?.node === node.at - block.address && had.pointee === node.type;
          if (!again) found.set(block.address, had !== undefined || !fits ? null : { address: block.address, size: block.size, name: entry.path, pointee: node.type, node: node.at - block.address });
        }
        await walk(entry.part, entry.path, entry.address, entry.bytes, depth + 1);
      }
      return;
    }
    const inner = opensInto(part, path, address, own, types);
    const all = inner && await read(inner.address, bytesToRead(inner.layout));
    if (!inner || !all) return;
    for (const q of partsOf(inner.layout, MAX_ELEMENTS, all)) {
      if (q.size !== null && q.offset + q.size <= all.length) await walk(q, partPath(inner.path, q.name), inner.address + q.offset, all.subarray(q.offset, q.offset + q.size), depth + 1);
    }
  };
  for (const v of ownStaticsFirst(statics)) {
    if (v.size !== null && v.address + v.size <= bytes.length) await walk(v, v.name, v.address, bytes.subarray(v.address, v.address + v.size), 0);
  }
  return [...found.values()].filter((t) => t !== null);
}

/**
 * Whether a value of a type can hold a collection with nodes: is one, or holds one in a member,
 * an element, a variant's field, a container's or collection's elements or what a pointer
 * points at (a collection's entries are typed only as they are read, so any collection may:
 * nodeBlocks looks at its first). Answered once per layout and per pointed-to type. A recursive
 * type meets itself while it is being answered and counts as holding nothing there; a "no" that
 * leaned on such an open answer is asked again later, unless it is the outermost one, which is
 * whole.
 */
function holderOf(types: readonly PointedType[]): (p: Part) => boolean {
  /** By layout, and by pointed-to type (its index): a pointer's answer is its pointee's. */
  const known = new Map<StaticLayout | number, boolean | 'open'>();
  let reopened = 0;
  let depth = 0;
  const answer = (key: StaticLayout | number, compute: () => boolean): boolean => {
    const was = known.get(key);
    if (was === 'open') reopened++;
    if (was !== undefined) return was === true;
    known.set(key, 'open');
    const before = reopened;
    depth++;
    const yes = compute();
    depth--;
    if (yes || reopened === before || depth === 0) known.set(key, yes);
    else known.delete(key);
    return yes;
  };
  const holds = (part: Part): boolean => {
    const p = transparent(part);
    const layout = p.layout;
    if (layout) return answer(layout, () => hasNodes(p) || isMap(p) || inside(p, layout));
    return p.pointee !== undefined && pointee(p.pointee);
  };
  const pointee = (index: number): boolean => answer(index, () => types[index] !== undefined && holds(types[index]!));
  const inside = (p: Part, layout: StaticLayout): boolean => {
    const shape = containerShape(p);
    if (shape) return !shape.text && pointee(shape.pointer.pointee);
    const smart = smartPointer(p);
    if (smart) return pointee(smart.pointer.pointee);
    if (layout.kind === 'array') return holds(arrayElement(layout));
    return [...layout.fields, ...(layout.variants?.cases ?? []).flatMap((c) => c.layout?.fields ?? [])].some(holds);
  };
  return holds;
}
