// A snapshot whose manifest is well-formed JSON but holds a malformed bound value is refused
// with exit 2 and a message naming the field (issue 13, item 9: it was exit 70, "Cannot
// convert undefined to a BigInt").

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSnapshot } from './snapshot.ts';
import { sparseImageFromBytes } from './sparse-image.ts';
import type { BoundValue } from '../../shared/dto.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'memscope.js');

function snapshotWith(bindings: Record<string, unknown>): string {
  const bytes = exportSnapshot(sparseImageFromBytes(new Uint8Array(65536)), 'sparse', {
    moduleName: 'm.wasm', moduleSha256: '', step: -1, bindings: bindings as Record<string, BoundValue>,
  });
  if (!bytes.ok) throw new Error(bytes.error.message);
  const file = join(mkdtempSync(join(tmpdir(), 'memscope-manifest-')), 'bad.msnap');
  writeFileSync(file, bytes.value);
  return file;
}

describe('memscope snapshot and a malformed manifest', () => {
  it('exits 2 naming the bound value that is malformed', () => {
    const bad = {
      s: { kind: 'struct', type: '{a: u32}', address: 0, size: 4, fields: { a: { kind: 'int' } } },
    };
    for (const args of [[], ['--json']]) {
      const r = spawnSync(process.execPath, [BIN, 'snapshot', snapshotWith(bad), ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/bindings.*"s"/);
    }
  });

  it('still reads a well-formed one', () => {
    const good = { n: { kind: 'int', value: '5' }, t: { kind: 'tuple', items: [{ kind: 'float', value: 1.5 }] } };
    const r = spawnSync(process.execPath, [BIN, 'snapshot', snapshotWith(good)], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
  });
});
