// A memory image given where an image's module goes (the page's "name them from its module…", a
// drop of two files): a second coredump, the same coredump twice, a snapshot. Each is said to be
// a memory image in the words every entry point uses (shared/file-kind.ts), not "not the module
// … was dumped from: … has 0 functions", "bad magic number", or, beside a raw dump, nothing.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { openMemoryImage } from './open-image.ts';

const open = openSessionsDisposedAfterEach();

async function trapDump(): Promise<{ name: string; bytes: Uint8Array }> {
  const session = await open(example('trap'), { sequence: readFileSync(example('trap').replace(/\.wasm$/, '.wseq'), 'utf8') });
  await session.run();
  const dump = session.exportCoredump();
  const r = await dump;
  if (!r.ok) throw new Error(r.error.message);
  return { name: r.value.fileName, bytes: r.value.bytes };
}

function error(r: ReturnType<typeof openMemoryImage>) {
  return r.ok ? null : r.error;
}

describe('a memory image given as the module', () => {
  it('a coredump twice, or a second one named as a module, is said to be a coredump', async () => {
    const core = await trapDump();
    expect(error(openMemoryImage(core, core))).toEqual({
      code: 'usage', where: { file: core.name },
      message: `${core.name} is a memory image (a snapshot, coredump or raw dump, by its name), not a module: \`memscope snapshot ${core.name}\` reads it`,
    });
    // Named as a module, it is told by its contents.
    expect(error(openMemoryImage(core, { name: 'crash.wasm', bytes: core.bytes }))?.message)
      .toBe('crash.wasm is a memory image (a Wasm coredump, by its contents), not a module: `memscope snapshot crash.wasm` reads it');
    // Beside a raw dump nothing is checked against the module: the coredump named its functions.
    expect(error(openMemoryImage({ name: 'memory.bin', bytes: new Uint8Array(16) }, { name: 'crash.wasm', bytes: core.bytes }))?.message)
      .toBe('crash.wasm is a memory image (a Wasm coredump, by its contents), not a module: `memscope snapshot crash.wasm` reads it');
  });

  it('a snapshot given as the module is said to be one, not "bad magic number"', async () => {
    const image = openMemoryImage({ name: 'memory.bin', bytes: new Uint8Array(16) });
    if (!image.ok) throw new Error(image.error.message);
    const saved = await image.value.exportSnapshot({ format: 'sparse' });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(error(openMemoryImage({ name: 'memory.bin', bytes: new Uint8Array(16) }, { name: 'names', bytes: saved.value.bytes }))?.message)
      .toBe('names is a memory image (a Memscope snapshot, by its contents), not a module: `memscope snapshot names` reads it');
  });

  it('the module itself still opens beside its dump', async () => {
    const core = await trapDump();
    const r = openMemoryImage(core, { name: 'trap.wasm', bytes: new Uint8Array(readFileSync(example('trap'))) });
    expect(r.ok ? r.value.imageInfo.origin : r.error.message).toBe('Wasm coredump of trap.wasm, stopped in divide');
  });
});

describe('a coredump with no memory', () => {
  it('opens, says it has none, and exports no empty .bin', async () => {
    const { encodeCoredump } = await import('../coredump/write.ts');
    const bytes = encodeCoredump({
      processName: 'p.wasm', modules: ['p.wasm'], instances: [{ module: 0, memories: [], globals: [] }],
      threads: [{ name: 'main', frames: [] }], memories: [], globals: [],
    });
    const image = openMemoryImage({ name: 'nomem.core.wasm', bytes });
    if (!image.ok) throw new Error(image.error.message);
    expect([image.value.imageInfo.origin, image.value.memorySize]).toEqual(['Wasm coredump of p.wasm (no memory)', 0]);
    // The .bin was an empty file, written and said saved, that opening refuses as no dump.
    const bin = await image.value.exportSnapshot({ format: 'bin' });
    expect(bin.ok ? `${bin.value.bytes.length} bytes` : bin.error.message)
      .toBe('the memory is empty (0 bytes): as a raw memory dump (.bin) it would be an empty file, which is no dump; save it as a snapshot (.msnap)');
    const sparse = await image.value.exportSnapshot({ format: 'sparse' });
    if (!sparse.ok) throw new Error(sparse.error.message);
    const again = openMemoryImage({ name: sparse.value.fileName, bytes: sparse.value.bytes });
    expect(again.ok ? again.value.imageInfo.origin : again.error.message).toBe('p.wasm, memory from coredump nomem.core.wasm, not taken at a step');
  });
});
