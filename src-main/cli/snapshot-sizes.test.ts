// `memscope snapshot` on memories of sizes Memscope's runs never make but its files can hold: a
// size that is no whole number of pages, and one past what a snapshot may claim.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSparseSnapshot, exportSparseSnapshot, makeManifest, sparseImageFromBytes } from '../engine/testing.ts';
import { pagesText } from '../shared/diff-caveats.ts';

const BIN = join(new URL('../..', import.meta.url).pathname, 'bin/memscope.js');
const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-sizes-'));

function saved(name: string, memory: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, exportSparseSnapshot(sparseImageFromBytes(memory), { moduleName: 'm.wasm', moduleSha256: '', step: -1 }));
  return file;
}

describe('memscope snapshot sizes', () => {
  it('names pages and bytes, not a fraction of a page', () => {
    expect([pagesText(0), pagesText(65536), pagesText(100), pagesText(65636)]).toEqual(['0 pages', '1 page', 'less than a page', '1 page and 100 bytes']);
    const file = saved('odd.msnap', new Uint8Array(65636).fill(1));
    const r = spawnSync(process.execPath, [BIN, 'snapshot', file, '--diff', saved('page.msnap', new Uint8Array(65536))], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // No module recorded (''): said so, not "sha256 …" of nothing, and not "different modules".
    expect(r.stdout.split('\n')[0]).toBe(`${file}: m.wasm (module not recorded), before the first step`);
    expect(r.stdout).not.toContain('different modules');
    expect(r.stdout.split('\n')[1]).toMatch(/^memory 65636 bytes \(1 page and 100 bytes\), 2 pages hold data; /);
    expect(r.stdout).toContain(`has 65636 bytes (1 page and 100 bytes), ${join(dir, 'page.msnap')} 65536 bytes (1 page);`);
  });

  it('refuses a memory past 1 TiB with exit 2 and the byte offset, not an internal error', () => {
    const file = join(dir, 'huge.msnap');
    const size = 2 ** 53 - 1;
    writeFileSync(file, encodeSparseSnapshot({ size, blockSize: 4096, blocks: [] }, makeManifest({ moduleName: 'm.wasm', moduleSha256: '', step: -1 }, size, 4096)));
    const r = spawnSync(process.execPath, [BIN, 'snapshot', file], { encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^memscope snapshot: .*huge\.msnap: memory size 9007199254740991 bytes is larger than .* \(byte offset \d+\)\n$/);
  });
});
