// Import section (id 2): vec(import), import = module:name field:name importdesc, where
// importdesc is 0x00 typeidx (func) | 0x01 tabletype | 0x02 memtype | 0x03 globaltype |
// 0x04 0x00 typeidx (tag, exception handling).

import type { RawModule } from '../model.ts';
import type { ByteReader } from '../reader.ts';
import { checkTypeIndex } from './type-section.ts';
import { readGlobalType, readMemoryType, readTableType } from './value-types.ts';

export function readImportSection(r: ByteReader, m: RawModule): void {
  const count = r.u32('import count');
  for (let i = 0; i < count; i++) {
    const module = r.name('import module name');
    const name = r.name('import field name');
    const at = r.pos;
    const kind = r.u8('import kind');
    switch (kind) {
      case 0x00: {
        const typeAt = r.pos;
        const typeIndex = r.u32('type index');
        checkTypeIndex(r, m, typeIndex, typeAt);
        m.imports.push({ module, name, kind: 'func', typeIndex });
        m.importFuncTypes.push(typeIndex);
        break;
      }
      case 0x01: {
        const table = readTableType(r);
        m.imports.push({ module, name, kind: 'table', table });
        m.tables.push(table);
        break;
      }
      case 0x02: {
        const memory = readMemoryType(r);
        m.imports.push({ module, name, kind: 'memory', memory });
        m.memories.push(memory);
        break;
      }
      case 0x03: {
        const global = readGlobalType(r);
        m.imports.push({ module, name, kind: 'global', global });
        m.globals.push({ ...global, init: `imported from ${module}.${name}` });
        break;
      }
      case 0x04: {
        const typeIndex = readTagType(r, m);
        m.imports.push({ module, name, kind: 'tag', typeIndex });
        m.tags.push(typeIndex);
        break;
      }
      default:
        r.fail(`import ${module}.${name} has unknown kind 0x${kind.toString(16).padStart(2, '0')}`, at);
    }
  }
}

/** tagtype = attribute 0x00 (exception) then a type index. */
export function readTagType(r: ByteReader, m: RawModule): number {
  const at = r.pos;
  const attribute = r.u8('tag attribute');
  if (attribute !== 0) r.fail(`tag attribute must be 0, found ${attribute}`, at);
  const typeAt = r.pos;
  const typeIndex = r.u32('tag type index');
  checkTypeIndex(r, m, typeIndex, typeAt);
  return typeIndex;
}
