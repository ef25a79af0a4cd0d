// Heap blocks typed as the entries they hold: libc++'s map, set, their unordered kinds, list and
// forward_list and Rust's LinkedList keep each entry in a node of its own, one heap block each,
// whose links point at other nodes' bases (typed-blocks.ts lets a tree's or list's type
// nothing). Walked as the Statics panel walks them (static-follow.ts, mapParts), each node's
// block is named by its entry there: `ages["ada"]`, `primes[1]`, `words[0]`, the entry where
// the node holds it (TypedBlock.node: after the links in libc++'s, before them in Rust's).
//
// The walks read through a ReadMemory, which is asynchronous in the app and the DAP; here all of
// memory is at hand, so each read answers at once, and the walk ends within the request that
// asked for the heap, before the worker takes another (each message's microtasks run first).

import type { HeapBlock, PointedType, StaticVariable, TypedBlock } from '../../../shared/dto.ts';
import { ownStaticsFirst } from '../../../shared/statics.ts';
import { mapParts, type ReadMemory } from '../../../shared/static-follow.ts';
import { hasNodes } from '../../../shared/std-collections.ts';
import { containing } from './pointed-to.ts';

/**
 * The live blocks that are the node of exactly one entry of a collection a static holds, as far
 * as the panel lists its entries (MAX_ELEMENTS). A block where the walk found more than one
 * entry, or one running past its end, is memory no sound node makes: it is left alone. `live`:
 * ascending, as the ledger lists them.
 */
export async function nodeBlocks(bytes: Uint8Array, statics: readonly StaticVariable[], types: readonly PointedType[],
  live: readonly HeapBlock[]): Promise<TypedBlock[]> {
  const read: ReadMemory = async (address, length) =>
    (address >= 0 && address < bytes.length ? bytes.subarray(address, Math.min(bytes.length, address + length)) : null);
  const byStart = new Map(live.map((b) => [b.address, b]));
  /** Block address → the one entry found in it (null: more than one, or one that overruns it). */
  const found = new Map<number, TypedBlock | null>();
  for (const v of ownStaticsFirst(statics)) {
    if (!v.layout || v.size === null || !hasNodes(v) || v.address + v.size > bytes.length) continue;
    const entries = await mapParts(v, v.name, v.address, bytes.subarray(v.address, v.address + v.size), types, read);
    for (const { path, node } of entries ?? []) {
      const b = node ? byStart.get(containing(live, node.at)) : undefined;
      if (!node || !b) continue;
      const fits = node.at + node.type.size <= b.address + b.size;
      found.set(b.address, found.has(b.address) || !fits ? null : { address: b.address, size: b.size, name: path, pointee: node.type, node: node.at - b.address });
    }
  }
  return [...found.values()].filter((t) => t !== null);
}
