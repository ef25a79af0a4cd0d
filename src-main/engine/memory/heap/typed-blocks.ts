// Heap blocks typed by the pointers that point at them (HeapSummary.typedBlocks): the DWARF of a
// -g build says `table` is a `pair *`, so the block it points at is an array of pair and a word 4
// bytes into it is `table[0].val` (shared/statics.ts, pointeePlace); that word is a `char *`, so
// the block it points at is `table[0].key`'s characters, and so on.
//
// Breadth first from the statics (the program's own first), so each block gets the shortest name
// it has: a list is `head`, `head[0].next`, `head[0].next[0].next`. A block is typed once, by the
// first pointer found at its start; a pointer into a block's middle types nothing. Views (a span,
// a string_view, a &str, a Weak) wait until no other pointer is left: a vector's buffer is
// `nums` even when a span over it comes first. The nodes of a map, set or list are named by
// their entries before any pointer is followed (node-blocks.ts), and the entries' own pointers
// are followed from there.

import type { HeapBlock, PointedType, StaticLayout, StaticVariable, TypedBlock } from '../../../shared/dto.ts';
import { ownStaticsFirst } from '../../../shared/statics.ts';
import { variantOf } from '../../../shared/static-values.ts';
import { containerShape, smartPointer, type Named } from '../../../shared/std-types.ts';
import { pointersMislead } from '../../../shared/std-collections.ts';

/** Pointers read at most in one summary: arrays of pointers and long lists are read element by element. */
const MAX_POINTERS = 16384;
/** Elements of one typed block whose pointers are followed (a block of 10,000 structs: its first 256). */
const MAX_ELEMENTS = 256;

/** Queues the pointer at `at`, named `name`, when it is one (4 bytes, typed); a view's after all others. */
type Add = (name: string, at: number, pointee: number | undefined, size: number | null, view?: boolean) => void;

/** A 4-byte pointer at `at`, named `name`, to a `types[pointee]`. */
interface PointerSlot {
  name: string;
  at: number;
  pointee: number;
}

/**
 * The live blocks the statics' pointers reach (wasm32: 4-byte little-endian pointers), each
 * typed once; `nodes`, the collections' nodes (node-blocks.ts), are typed already, and the
 * pointers in their entries are followed as a static's are (`ages["ada"].__cc_.first`).
 */
export function typedBlocks(bytes: Uint8Array, statics: readonly StaticVariable[], types: readonly PointedType[], live: readonly HeapBlock[],
  nodes: readonly TypedBlock[] = []): TypedBlock[] {
  const byStart = new Map(live.map((b) => [b.address, b]));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: TypedBlock[] = [];
  const typed = new Set<number>();
  const queue: PointerSlot[] = [];
  const views: PointerSlot[] = [];
  let queued = 0;
  const add: Add = (name, at, pointee, size, view = false) => {
    if (pointee === undefined || size !== 4 || queued >= MAX_POINTERS) return;
    queued++;
    (view ? views : queue).push({ name, at, pointee });
  };
  /** A value of type `p` named `name` at `at`: itself if it is a pointer, and the pointers in it. */
  const from = (p: Named & { pointee?: number; size: number | null }, name: string, at: number): void => {
    add(name, at, p.pointee, p.size);
    slotsIn(p, name, at, add, bytes);
  };
  for (const v of ownStaticsFirst(statics)) from(v, v.name, v.address);
  for (const t of nodes) {
    typed.add(t.address);
    out.push(t);
    from(t.pointee, t.name, t.address + t.node!);
  }
  // The next view queued once the others run out (by index: shifting thousands of views one by
  // one would cost their square).
  let nextView = 0;
  for (let i = 0; i < queue.length || nextView < views.length; i++) {
    if (i === queue.length) queue.push(views[nextView++]!);
    const slot = queue[i]!;
    if (slot.at + 4 > bytes.length) continue;
    const block = byStart.get(view.getUint32(slot.at, true));
    const type = types[slot.pointee];
    if (!block || !type || typed.has(block.address)) continue;
    typed.add(block.address);
    out.push({ address: block.address, size: block.size, name: slot.name, pointee: type });
    // Its elements' own pointers, named through this one: `table[0].key`.
    const elements = type.single ? 1 : Math.min(MAX_ELEMENTS, Math.floor(block.size / type.size));
    for (let e = 0; e < elements; e++) {
      const element = `${slot.name}[${e}]`;
      const at = block.address + e * type.size;
      if (type.layout) slotsIn(type, element, at, add, bytes);
      else add(element, at, type.pointee, type.size);
    }
  }
  return out.sort((a, b) => a.address - b.address);
}

/**
 * Calls `add` for every pointer among the parts of a value of type `p` at `at`, each with its
 * path from `name`; of a Rust enum, the parts of the variant `memory` holds there (`head.__0` of
 * an Option<Box<…>>); of a standard container or smart pointer, the pointer to its elements, by
 * its own name (std-types.ts), so its block's elements are `names[0]`, not `names.__begin_[0]`;
 * of a map or set, none (its members point at node bases and control bytes).
 */
function slotsIn(p: Named, name: string, at: number, add: Add, memory: Uint8Array): void {
  const layout = p.layout;
  if (!layout) return;
  // The pointer of a container or smart pointer, by its own name: `names[0]`, `boxed[0]`.
  const held = containerShape(p) ?? smartPointer(p);
  if (held) return add(name, at + held.pointer.offset, held.pointer.pointee, 4, held.views);
  // A hash map's or tree's members point to control bytes and node bases, not to what it holds:
  // they would type its blocks as those (`ages.__tree_.__begin_node_[0].__left_`).
  if (pointersMislead(p)) return;
  if (layout.kind === 'struct') {
    const variant = layout.variants ? variantOf(layout.variants, memory.subarray(at, at + layout.variants.size)) : null;
    for (const f of [...layout.fields, ...(variant?.layout?.fields ?? [])]) {
      const inner = f.name ? `${name}.${f.name}` : name;
      add(inner, at + f.offset, f.pointee, f.size);
      slotsIn(f, inner, at + f.offset, add, memory);
    }
    return;
  }
  if (layout.pointee === undefined && !layout.layout) return;
  for (let i = 0; i < Math.min(layout.count ?? 0, MAX_ELEMENTS); i++) {
    add(`${name}[${i}]`, at + i * layout.stride, layout.pointee, layout.stride);
    if (layout.layout) slotsIn({ type: layout.element, layout: layout.layout }, `${name}[${i}]`, at + i * layout.stride, add, memory);
  }
}
