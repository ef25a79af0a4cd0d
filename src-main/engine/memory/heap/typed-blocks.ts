// Heap blocks typed by the static pointers that point at them (HeapSummary.typedBlocks): the
// DWARF of a -g build says `table` is a `pair *`, so the block it points at is an array of pair
// and a word 4 bytes into it is `table[0].val` (shared/statics.ts, pointeePlace).
//
// One level, from statics only: the pointers inside a typed block are not followed (a pointee's
// layout carries no pointees: dwarf/layout.ts), so a list is typed at its head.

import type { HeapBlock, StaticLayout, StaticVariable, TypedBlock, Pointee } from '../../../shared/dto.ts';
import { ownStaticsFirst } from '../../../shared/statics.ts';

/** Pointers looked at, at most: an array of pointers in a static is read element by element. */
const MAX_POINTERS = 4096;

interface PointerSlot {
  name: string;
  at: number;
  pointee: Pointee;
}

/** The live blocks the statics' pointers point at (wasm32: 4-byte little-endian pointers), each typed once. */
export function typedBlocks(bytes: Uint8Array, statics: readonly StaticVariable[], live: readonly HeapBlock[]): TypedBlock[] {
  const byStart = new Map(live.map((b) => [b.address, b]));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: TypedBlock[] = [];
  const typed = new Set<number>();
  for (const slot of pointerSlots(ownStaticsFirst(statics))) {
    if (slot.at + 4 > bytes.length) continue;
    const block = byStart.get(view.getUint32(slot.at, true));
    if (!block || typed.has(block.address)) continue;
    typed.add(block.address);
    out.push({ address: block.address, size: block.size, name: slot.name, pointee: slot.pointee });
  }
  return out.sort((a, b) => a.address - b.address);
}

/** Every 4-byte pointer with a pointee among the statics and their parts, up to MAX_POINTERS. */
function pointerSlots(statics: readonly StaticVariable[]): PointerSlot[] {
  const slots: PointerSlot[] = [];
  const add = (name: string, at: number, pointee: Pointee | undefined, size: number | null): void => {
    if (pointee && size === 4 && slots.length < MAX_POINTERS) slots.push({ name, at, pointee });
  };
  const walk = (layout: StaticLayout, name: string, at: number): void => {
    if (layout.kind === 'struct') {
      for (const f of layout.fields) {
        const inner = f.name ? `${name}.${f.name}` : name;
        add(inner, at + f.offset, f.pointee, f.size);
        if (f.layout) walk(f.layout, inner, at + f.offset);
      }
      return;
    }
    if (!layout.pointee && !layout.layout) return;
    for (let i = 0; i < (layout.count ?? 0) && slots.length < MAX_POINTERS; i++) {
      add(`${name}[${i}]`, at + i * layout.stride, layout.pointee, layout.stride);
      if (layout.layout) walk(layout.layout, `${name}[${i}]`, at + i * layout.stride);
    }
  };
  for (const v of statics) {
    if (slots.length >= MAX_POINTERS) break;
    add(v.name, v.address, v.pointee, v.size);
    if (v.layout) walk(v.layout, v.name, v.address);
  }
  return slots;
}
