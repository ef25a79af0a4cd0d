// Rewrites a module to export one more global, so the host can read a value the module keeps
// private — the stack pointer (`__stack_pointer` is rarely exported). Runs on bytes that
// inspectBytes has validated; exporting a mutable global needs only the long-standard
// mutable-globals feature.
//
//   export section (id 7): u8 7 | u32 size | u32 count | count × (name | u8 kind | u32 index)
//   kind 3 = global. Without an export section one is inserted where the order puts it: after
//   type, import, function, table, memory, tag and global sections, before start (8),
//   element (9), data count (12), code (10) and data (11).

import { uleb } from './byte-writer.ts';
import { ByteReader } from './reader.ts';

const EXPORT_SECTION = 7;
const AFTER_EXPORT = new Set([8, 9, 10, 11, 12]);
const GLOBAL_KIND = 3;


/** `bytes` with global `index` also exported as `name` (a name no other export uses). */
export function exportGlobal(bytes: Uint8Array, index: number, name: string): Uint8Array {
  const encoded = new TextEncoder().encode(name);
  const entry = [...uleb(encoded.length), ...encoded, GLOBAL_KIND, ...uleb(index)];
  const r = new ByteReader(bytes, 8);
  let insertAt = bytes.length;
  while (!r.atEnd()) {
    const start = r.pos;
    const id = r.u8('section id');
    const size = r.u32('section size');
    const payloadStart = r.pos;
    if (id === EXPORT_SECTION) {
      const count = r.u32('export count');
      const rest = bytes.subarray(r.pos, payloadStart + size);
      return splice(bytes, start, payloadStart + size, [...uleb(count + 1), ...rest, ...entry]);
    }
    if (AFTER_EXPORT.has(id)) {
      insertAt = start;
      break;
    }
    r.skip(size, 'section payload');
  }
  return splice(bytes, insertAt, insertAt, [...uleb(1), ...entry]);
}

/** Replaces bytes [from, to) with an export section holding `payload`. */
function splice(bytes: Uint8Array, from: number, to: number, payload: number[]): Uint8Array {
  const head = [EXPORT_SECTION, ...uleb(payload.length)];
  const out = new Uint8Array(from + head.length + payload.length + (bytes.length - to));
  out.set(bytes.subarray(0, from), 0);
  out.set(head, from);
  out.set(payload, from + head.length);
  out.set(bytes.subarray(to), from + head.length + payload.length);
  return out;
}
