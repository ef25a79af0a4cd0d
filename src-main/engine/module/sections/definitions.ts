// Sections that define entities in index spaces: function (3: vec(typeidx)), table (4),
// memory (5), global (6: globaltype + init expr) and tag (13: attribute + typeidx).

import type { RawModule } from '../model.ts';
import type { ByteReader } from '../reader.ts';
import { readConstExpr } from './const-expr.ts';
import { readTagType } from './import-section.ts';
import { checkTypeIndex } from './type-section.ts';
import { readGlobalType, readMemoryType, readTableType } from './value-types.ts';

export function readFunctionSection(r: ByteReader, m: RawModule): void {
  const count = r.u32('function count');
  r.need(count, `${count} function type indices`);
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const typeIndex = r.u32('type index');
    checkTypeIndex(r, m, typeIndex, at);
    m.functionTypes.push(typeIndex);
  }
}

export function readTableSection(r: ByteReader, m: RawModule): void {
  const count = r.u32('table count');
  for (let i = 0; i < count; i++) m.tables.push(readTableType(r));
}

export function readMemorySection(r: ByteReader, m: RawModule): void {
  const count = r.u32('memory count');
  for (let i = 0; i < count; i++) m.memories.push(readMemoryType(r));
}

export function readGlobalSection(r: ByteReader, m: RawModule): void {
  const count = r.u32('global count');
  for (let i = 0; i < count; i++) {
    const type = readGlobalType(r);
    const init = readConstExpr(r, `global ${m.globals.length} initialiser`);
    m.globals.push({ ...type, init: init.text, ...(init.value ? { value: init.value } : {}) });
  }
}

export function readTagSection(r: ByteReader, m: RawModule): void {
  const count = r.u32('tag count');
  for (let i = 0; i < count; i++) m.tags.push(readTagType(r, m));
}
