// Custom sections (id 0): name:name then payload. `name`, `producers` and `target_features` are
// decoded; `.debug_*` sections are noted as DWARF. A problem inside a custom payload is a
// warning, not an error: engines ignore custom sections, so they never make a module invalid.

import type { RawModule } from '../model.ts';
import { readNameSection } from '../names.ts';
import { readProducersSection, readTargetFeaturesSection } from '../producers.ts';
import { ReadError, type ByteReader } from '../reader.ts';

export function readCustomSection(r: ByteReader, m: RawModule): string {
  const name = r.name('section name');
  const payloadStart = r.pos;
  m.customSections.push({ name, offset: payloadStart, size: r.remaining });
  if (name.startsWith('.debug_')) m.dwarf.push(name);
  try {
    decodeKnown(name, r, m);
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    m.warnings.push(`custom section "${name}" ignored from byte offset ${e.offset}: ${e.message}`);
  }
  r.pos = r.end;
  return name;
}

function decodeKnown(name: string, r: ByteReader, m: RawModule): void {
  switch (name) {
    case 'name':
      if (m.names) throw new ReadError('a second name section', r.pos);
      m.names = { functions: {} };
      readNameSection(r, m.names);
      break;
    case 'producers':
      readProducersSection(r, m.producers);
      break;
    case 'target_features':
      readTargetFeaturesSection(r, m.targetFeatures);
      break;
    default:
      return;
  }
  if (!r.atEnd()) throw new ReadError(`${r.remaining} unread bytes at the end`, r.pos);
}
