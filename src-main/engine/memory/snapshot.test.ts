// Raw and sparse snapshot round trips from a real history, and every kind of corrupt .msnap input.

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import type { StepRecord } from '../../shared/dto.ts';
import { ChangeTracker } from './change-tracker.ts';
import { MemoryHistory } from './memory-history.ts';
import {
  diffSnapshots, exportRawSnapshot, exportSparseSnapshot, loadSnapshot, exportFileName, writeSnapshotFile,
} from './snapshot.ts';
import type { LoadedSnapshot } from './snapshot.ts';
import { copySparseImage, sparseImageFromBytes } from './sparse-image.ts';
import { BLOCK_SIZE, WASM_PAGE } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function step(index: number, source: string): StepRecord {
  return {
    index, line: index + 3, source, ok: true, calls: [], bound: {}, changes: [], changedBytes: 0,
    regionEvents: [], durationMs: 0.5, memorySize: 2 * WASM_PAGE,
  };
}

/** Two steps on a 2-page memory: "hello" at 1000, then growth and bytes at the very end. */
function buildHistory(): { history: MemoryHistory; finalBytes: Uint8Array } {
  const mem = new WebAssembly.Memory({ initial: 2, maximum: 4 });
  new Uint8Array(mem.buffer).set([1, 2, 3], 70000); // data segment, part of the initial image
  const tracker = new ChangeTracker();
  const history = new MemoryHistory(tracker.reset(new Uint8Array(mem.buffer)));
  new Uint8Array(mem.buffer).set(new TextEncoder().encode('hello'), 1000);
  history.commit(0, tracker.capture(new Uint8Array(mem.buffer)));
  mem.grow(1);
  new Uint8Array(mem.buffer).set([0xde, 0xad], 3 * WASM_PAGE - 2);
  history.commit(1, tracker.capture(new Uint8Array(mem.buffer)));
  return { history, finalBytes: new Uint8Array(mem.buffer).slice() };
}

const manifestInput = {
  moduleName: 'return-string.wasm',
  moduleSha256: 'ab'.repeat(32),
  step: 0,
  line: 3,
  source: 'ret = malloc(8)',
  label: 'after malloc',
  steps: [step(0, 'ret = malloc(8)'), step(1, 'ReturnString(ret)')],
  createdAt: new Date('2026-01-02T03:04:05Z'),
};

function load(bytes: Uint8Array): LoadedSnapshot {
  const result = loadSnapshot(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('raw snapshots', () => {
  it('hold every byte of a step, in memory and in a file', () => {
    const { history, finalBytes } = buildHistory();
    const raw = exportRawSnapshot(history.imageAt());
    expect(raw.ok && Buffer.from(raw.value).equals(finalBytes)).toBe(true);
    const path = join(dir, exportFileName('return-string.wasm', 1, 'bin'));
    // Index 1 is "after step 2" in the UI, and the file says so.
    expect(path.endsWith('return-string.step2.bin')).toBe(true);
    // One rule for the three kinds of export, and for memory before any step.
    expect(['sparse', 'core', 'bin'].map((k) => exportFileName('trap.wasm', -1, k as 'sparse' | 'core' | 'bin'))).toEqual(['trap.initial.msnap', 'trap.initial.core.wasm', 'trap.initial.bin']);
    expect(exportFileName('my mod.wasm', 8, 'core')).toBe('my_mod.step9.core.wasm');
    expect(writeSnapshotFile(path, history.imageAt(), manifestInput)).toEqual({ ok: true, value: 3 * WASM_PAGE });
    expect(readFileSync(path).equals(finalBytes)).toBe(true);
    const initial = exportRawSnapshot(history.imageAt(-1));
    expect(initial.ok && initial.value.length).toBe(2 * WASM_PAGE);
    expect(initial.ok && [...initial.value.subarray(70000, 70003)]).toEqual([1, 2, 3]);
  });
});

describe('sparse snapshots', () => {
  it('round-trip the manifest and the memory of any step', () => {
    const { history } = buildHistory();
    const bytes = exportSparseSnapshot(history.imageAt(0), manifestInput);
    expect(bytes.length).toBeLessThan(3 * BLOCK_SIZE);
    const snap = load(bytes);
    expect(snap.manifest).toMatchObject({
      format: 'memscope-snapshot', version: 1, moduleName: 'return-string.wasm', step: 0, line: 3,
      source: 'ret = malloc(8)', label: 'after malloc', memorySize: 2 * WASM_PAGE, blockSize: BLOCK_SIZE,
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(snap.manifest.steps.map((s) => s.index)).toEqual([0]); // the call log up to the step
    expect(snap.size).toBe(2 * WASM_PAGE);
    const all = snap.read(0, snap.size);
    const expected = history.read(0, history.sizeAt(0), 0);
    expect(all.ok && expected.ok && Buffer.from(all.value).equals(expected.value)).toBe(true);
    expect([...snap.pageMap()]).toEqual([1, 1]);
    const outside = snap.read(snap.size - 1, 2);
    expect(!outside.ok && outside.error.code).toBe('out-of-bounds');
  });

  it("keep a Go function's call: its JavaScript values and the text it bound", () => {
    const { history } = buildHistory();
    const greet: StepRecord = {
      ...step(0, 'g = greet("ann")'),
      calls: [{ export: 'greet', args: [{ type: 'js', text: '"ann"' }], results: [{ type: 'js', text: '"hello, ann"' }], durationMs: 1, imports: [] }],
      bound: { g: { kind: 'js', type: 'string', value: 'hello, ann' }, ok: { kind: 'js', type: 'boolean', value: 'true' } },
    };
    const snap = load(exportSparseSnapshot(history.imageAt(0), { ...manifestInput, steps: [greet] }));
    expect(snap.manifest.steps).toEqual([greet]);
  });

  it('diff like the history does, across growth', () => {
    const { history } = buildHistory();
    const a = load(exportSparseSnapshot(history.imageAt(-1), { ...manifestInput, step: -1 }));
    const b = load(exportSparseSnapshot(history.imageAt(1), { ...manifestInput, step: 1 }));
    expect(diffSnapshots(a, b)).toEqual(history.diff(-1, 1));
    expect(diffSnapshots(a, b)).toEqual([[1000, 1005], [3 * WASM_PAGE - 2, 3 * WASM_PAGE]]);
    expect(diffSnapshots(b, b)).toEqual([]);
  });

  it('write to a file and load back', () => {
    const { history } = buildHistory();
    const path = join(dir, 'final.msnap');
    const written = writeSnapshotFile(path, history.imageAt(), { ...manifestInput, step: 1 });
    expect(written.ok && written.value).toBe(statSync(path).size);
    const snap = load(new Uint8Array(readFileSync(path)));
    expect(snap.manifest.steps).toHaveLength(2);
    const end = snap.read(3 * WASM_PAGE - 2, 2);
    expect(end.ok && [...end.value]).toEqual([0xde, 0xad]);
  });

  it('export straight from a memory buffer, merging adjacent blocks', () => {
    const bytes = new Uint8Array(3 * (1 << 20));
    bytes.fill(7, BLOCK_SIZE - 10, 3 * BLOCK_SIZE + 10); // blocks 0..3, adjacent
    bytes[(1 << 20) + 5] = 1; // inside the second MiB
    bytes[bytes.length - 1] = 2; // the very end
    const image = sparseImageFromBytes(bytes);
    expect(image.blocks.map((b) => b.index)).toEqual([0, 1, 2, 3, 256, bytes.length / BLOCK_SIZE - 1]);
    const copied = copySparseImage(bytes);
    expect(copied.blocks.map((b) => b.index)).toEqual(image.blocks.map((b) => b.index));
    expect(copied.blocks[0].bytes.buffer).not.toBe(bytes.buffer);
    expect(copied.blocks[0].bytes.buffer.byteLength).toBe(6 * BLOCK_SIZE);
    expect(diffSnapshots(copied, image)).toEqual([]);
    const path = join(dir, 'raw-memory.msnap');
    const written = writeSnapshotFile(path, image, manifestInput);
    const file = new Uint8Array(readFileSync(path));
    expect(written.ok && written.value).toBe(file.length);
    expect(Buffer.from(file).equals(exportSparseSnapshot(image, manifestInput))).toBe(true);
    const snap = load(file);
    const all = snap.read(0, snap.size);
    expect(all.ok && Buffer.from(all.value).equals(bytes)).toBe(true);
    expect([...snap.pageMap()].filter((p) => p === 1)).toHaveLength(3);
  });

  it('refuse a raw file of a 0-byte memory, as every raw export does, and write nothing (an empty .bin opens as no dump)', () => {
    const path = join(dir, 'empty.bin');
    const result = writeSnapshotFile(path, { size: 0, blockSize: BLOCK_SIZE, blocks: [] }, manifestInput);
    expect(!result.ok && [result.error.code, result.error.message]).toEqual(['usage', expect.stringMatching(/^the memory is empty \(0 bytes\)/)]);
    expect(() => statSync(path)).toThrow();
  });

  it('report a file it cannot write as an io error', () => {
    const { history } = buildHistory();
    const result = writeSnapshotFile(join(dir, 'missing', 'x.msnap'), history.imageAt(), manifestInput);
    expect(!result.ok && result.error.code).toBe('io');
  });
});

describe('corrupt sparse snapshots', () => {
  const good = exportSparseSnapshot(buildHistory().history.imageAt(1), { ...manifestInput, step: 1 });
  const manifestLength = new DataView(good.buffer).getUint32(8, true);
  const headerAt = Math.ceil((12 + manifestLength) / 8) * 8;
  const indexAt = headerAt + 16;
  const count = new DataView(good.buffer).getUint32(headerAt + 12, true);

  function edited(edit: (bytes: Uint8Array, view: DataView) => void): Uint8Array {
    const copy = good.slice();
    edit(copy, new DataView(copy.buffer));
    return copy;
  }

  function failure(bytes: Uint8Array): { message: string; offset: number | undefined } {
    const result = loadSnapshot(bytes);
    if (result.ok) throw new Error('expected the snapshot to be rejected');
    expect(result.error.code).toBe('malformed-snapshot');
    return { message: result.error.message, offset: result.error.where?.offset };
  }

  it('is valid before editing', () => {
    expect(count).toBe(3);
    expect(loadSnapshot(good).ok).toBe(true);
  });

  it.each([
    ['an empty file', () => new Uint8Array(0), 0, /shorter than the 12-byte/],
    ['bad magic', () => edited((b) => (b[0] = 0x4e)), 0, /not a Memscope snapshot/],
    ['a future version', () => edited((b) => (b[7] = 2)), 7, /version 2 is not supported/],
    ['a manifest past the end', () => edited((_, v) => v.setUint32(8, 1e6, true)), good.length, /runs past the end/],
    ['a manifest that is not JSON', () => edited((b) => (b[12] = 0x7e)), 12, /not valid UTF-8 JSON/],
    ['a manifest broken inside (where it breaks, not where it starts)', () => edited((b) => (b[13] = 0x7e)), 13, /not valid UTF-8 JSON/],
    ['a manifest with a wrong field', () => {
      const json = new TextEncoder().encode(JSON.stringify({ format: 'memscope-snapshot', version: 1 }));
      const bytes = new Uint8Array(12 + json.length);
      bytes.set(good.subarray(0, 8));
      new DataView(bytes.buffer).setUint32(8, json.length, true);
      bytes.set(json, 12);
      return bytes;
    }, 12, /"moduleName" must be a string/],
    ['non-zero padding', () => edited((b) => (b[headerAt - 1] = 1)), headerAt - 1, /padding/],
    ['a memory size unlike the manifest', () => edited((_, v) => v.setUint32(headerAt, 5, true)), headerAt, /does not match/],
    ['a bad block size', () => edited((_, v) => v.setUint32(headerAt + 8, 3000, true)), headerAt + 8, /power of two/],
    ['a block index past the end', () => edited((_, v) => v.setUint32(headerAt + 12, 1e8, true)), good.length, /index of 100000000 blocks/],
    ['blocks out of order', () => edited((_, v) => v.setUint32(indexAt + 4, 0, true)), indexAt + 4, /not greater than/],
    ['a block outside memory', () => edited((_, v) => v.setUint32(indexAt + 8, 1000, true)), indexAt + 8, /outside memory/],
    ['truncated block data', () => good.subarray(0, good.length - 1), good.length - 1, /runs past the end/],
    ['trailing bytes', () => Uint8Array.from([...good, 0]), good.length, /1 unexpected byte after/],
  ])('rejects %s with the byte offset', (_name, make, offset, message) => {
    const { message: text, offset: where } = failure(make());
    expect(where).toBe(offset);
    expect(text).toMatch(message);
    // The offset is the error's `where`, which each shell formats once (not the message too).
    expect(text).not.toContain('byte offset');
  });

  it('rejects every truncation without throwing', () => {
    for (let length = 0; length < good.length; length += 7) {
      expect(loadSnapshot(good.subarray(0, length)).ok).toBe(false);
    }
  });
});
