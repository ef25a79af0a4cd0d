// The `producers` and `target_features` custom sections (tool conventions, not the core spec).
//
// producers       = vec(field), field = name:name vec(value), value = name:name version:name
//                   (fields: "language", "processed-by", "sdk")
// target_features = vec(feature), feature = prefix:u8 ('+' used, '-' disallowed, '=' required) name

import type { ProducerEntry } from '../../shared/dto.ts';
import type { ByteReader } from './reader.ts';

export function readProducersSection(r: ByteReader, out: Record<string, ProducerEntry[]>): void {
  const fields = r.u32('producers field count');
  for (let i = 0; i < fields; i++) {
    const field = r.name('producers field name');
    const count = r.u32('producers value count');
    const entries: ProducerEntry[] = out[field] ?? [];
    for (let j = 0; j < count; j++) {
      const name = r.name('producer name');
      const version = r.name('producer version');
      entries.push({ name, version });
    }
    out[field] = entries;
  }
}

export function readTargetFeaturesSection(r: ByteReader, out: string[]): void {
  const count = r.u32('target feature count');
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const prefix = r.u8('target feature prefix');
    if (prefix !== 0x2b && prefix !== 0x2d && prefix !== 0x3d) {
      r.fail(`target feature prefix must be '+', '-' or '=', found 0x${prefix.toString(16)}`, at);
    }
    out.push(String.fromCharCode(prefix) + r.name('target feature name'));
  }
}
