// Type section (id 1): vec(functype), functype = 0x60 vec(param valtype) vec(result valtype).
// Several results are the multi-value proposal. GC forms (rec 0x4e, sub 0x50/0x4f, struct
// 0x5f, array 0x5e) are refused as unsupported: valid, but not what this reader follows.

import type { ValType } from '../../../shared/dto.ts';
import type { RawModule } from '../model.ts';
import type { ByteReader } from '../reader.ts';
import { readValType } from './value-types.ts';

const GC_FORMS: Record<number, string> = { 0x4e: 'a recursive group', 0x50: 'a subtype', 0x4f: 'a final subtype', 0x5e: 'an array', 0x5f: 'a struct' };

export function readTypeSection(r: ByteReader, m: RawModule): void {
  const count = r.u32('type count');
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const form = r.u8('type form');
    if (form !== 0x60) {
      const gc = GC_FORMS[form];
      if (gc) r.refuse(`the module uses GC types (type ${i} is ${gc}, form 0x${form.toString(16)}), which Memscope does not support`, at);
      r.fail(`type ${i} has form 0x${form.toString(16).padStart(2, '0')}, expected 0x60 (func)`, at);
    }
    const params = readValTypes(r, 'parameter');
    const results = readValTypes(r, 'result');
    m.types.push({ params, results });
  }
}

function readValTypes(r: ByteReader, what: string): ValType[] {
  const count = r.u32(`${what} count`);
  // Each value type is at least one byte: refuse absurd counts before allocating.
  r.need(count, `${count} ${what} types`);
  const out: ValType[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = readValType(r, `${what} type`);
  return out;
}

/** Checks a type index read at `at` against the type section. */
export function checkTypeIndex(r: ByteReader, m: RawModule, index: number, at: number): void {
  if (index >= m.types.length) {
    r.fail(`type index ${index} is out of range (${m.types.length} type${m.types.length === 1 ? '' : 's'})`, at);
  }
}
