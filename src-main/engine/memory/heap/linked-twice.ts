// Free blocks a free list holds twice, for the walkers of allocators that do not check a free
// (emmalloc's release build, the Rust dlmalloc crate): freeing a block that is already on its
// list links it in again at the list's head. The list then runs head → block → ... → block again,
// so two `next` links lead to it (its old predecessor's still does), or, when it was the first,
// it links to itself. Either way the allocator hands it out twice from then on.
//
// A sound doubly linked list has every node's `next` linked back by that node's `prev`; a list
// holding a node twice never has (two nodes' next cannot both be linked back). So the walkers
// check that first, reading two words per free block and allocating nothing, and only when it
// fails somewhere count the links that lead to each node.

import type { Words } from './words.ts';

/** Where a free list's links are and what its links may point to. */
export interface ListShape {
  /** Offset of the link followed from the list's head (emmalloc's next, dlmalloc's fd). */
  next: number;
  /** Offset of the link back. */
  prev: number;
  /** True for an address that is a free block's (as the links hold it: the region or chunk, not the payload). */
  isNode(address: number): boolean;
  /** True for an address that is a list head: a bucket or bin in the allocator's static state. */
  isHead(address: number): boolean;
}

/**
 * True when `node`'s next link is linked back by what it leads to, a node or a head (in a sound
 * list both link back), or leads to itself (a tree chunk alone with its size). No search of the
 * free blocks: false only sends the walker to the count (reachedTwice), which judges.
 */
export function linksBack(w: Words, node: number, shape: ListShape): boolean {
  const next = w.at(node + shape.next);
  if (next === node) return true;
  return next + shape.prev + 4 <= w.size && w.at(next + shape.prev) === node;
}

/**
 * The nodes of `nodes` (free blocks, as the links hold them) that two next links lead to: from
 * other nodes, or from the heads the nodes link to. A node linking to itself is not counted here.
 */
export function reachedTwice(w: Words, nodes: readonly number[], shape: ListShape): number[] {
  const linkedTo = new Map<number, number>();
  const twice: number[] = [];
  const follow = (from: number): void => {
    const next = w.at(from + shape.next);
    if (next === from || !shape.isNode(next)) return;
    const n = (linkedTo.get(next) ?? 0) + 1;
    linkedTo.set(next, n);
    if (n === 2) twice.push(next);
  };
  const heads = new Set<number>();
  for (const node of nodes) {
    follow(node);
    for (const link of [w.at(node + shape.prev), w.at(node + shape.next)]) {
      if (!heads.has(link) && !shape.isNode(link) && link + shape.next + 4 <= w.size && shape.isHead(link)) {
        heads.add(link);
        follow(link);
      }
    }
  }
  return twice;
}
