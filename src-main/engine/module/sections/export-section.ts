// Export section (7): vec(export), export = name kind:u8 index:u32 (0 func, 1 table, 2 memory,
// 3 global, 4 tag). Start section (8): one function index.

import type { ExternKind } from '../../../shared/dto.ts';
import type { RawModule } from '../model.ts';
import type { ByteReader } from '../reader.ts';

const KINDS: ExternKind[] = ['func', 'table', 'memory', 'global', 'tag'];

export function readExportSection(r: ByteReader, m: RawModule): void {
  const count = r.u32('export count');
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const nameAt = r.pos;
    const name = r.name('export name');
    if (seen.has(name)) r.fail(`export name "${name}" is used twice`, nameAt);
    seen.add(name);
    const at = r.pos;
    const kindByte = r.u8('export kind');
    const kind = KINDS[kindByte];
    if (!kind) r.fail(`export "${name}" has unknown kind 0x${kindByte.toString(16).padStart(2, '0')}`, at);
    const indexAt = r.pos;
    const index = r.u32('export index');
    const limit = indexSpaceSize(m, kind);
    if (index >= limit) r.fail(`export "${name}" refers to ${kind} ${index}, but there are only ${limit}`, indexAt);
    m.exports.push({ name, kind, index });
  }
}

export function readStartSection(r: ByteReader, m: RawModule): void {
  const at = r.pos;
  const index = r.u32('start function index');
  const limit = indexSpaceSize(m, 'func');
  if (index >= limit) r.fail(`start function ${index} is out of range (${limit} functions)`, at);
  m.start = index;
}

function indexSpaceSize(m: RawModule, kind: ExternKind): number {
  switch (kind) {
    case 'func': return m.importFuncTypes.length + m.functionTypes.length;
    case 'table': return m.tables.length;
    case 'memory': return m.memories.length;
    case 'global': return m.globals.length;
    case 'tag': return m.tags.length;
  }
}
