// `memscope snapshot` on a snapshot of a coredump's memory (the page's Export of an opened dump):
// its summary says where the memory came from, as the page's image panel does (one wording,
// engine/memory/snapshot-manifest.ts snapshotStepText). It read 'trap.wasm (module not
// recorded), before the first step, "from coredump trap.step9.core.wasm"', of memory taken at a trap.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryImage } from '../engine/index.ts';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-dump-'));

describe('memscope snapshot of a dump\'s memory', () => {
  it('says the memory is the dump\'s, taken at no step, as the page says it', async () => {
    const core = join(dir, 'trap.step9.core.wasm');
    const run = memscope(['run', join(PACKAGE_ROOT, 'resources/examples/trap/trap.wseq'), '--coredump', core]);
    expect(run.status).toBe(1);
    const image = openMemoryImage({ name: 'trap.step9.core.wasm', bytes: new Uint8Array(readFileSync(core)) });
    if (!image.ok) throw new Error(image.error.message);
    const saved = await image.value.exportSnapshot({ format: 'sparse' });
    if (!saved.ok) throw new Error(saved.error.message);
    const file = join(dir, saved.value.fileName);
    writeFileSync(file, saved.value.bytes);
    const r = memscope(['snapshot', file]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe(`${file}: trap.wasm (module not recorded), memory from coredump trap.step9.core.wasm, not taken at a step`);
    const page = openMemoryImage({ name: saved.value.fileName, bytes: saved.value.bytes });
    expect(page.ok ? page.value.imageInfo.origin : page.error.message).toBe('trap.wasm, memory from coredump trap.step9.core.wasm, not taken at a step');
  });
});
