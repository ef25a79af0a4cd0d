// A manifest's step against its own call log: Memscope writes the record of every step up to the
// snapshot's, so a step past the last record is a file it did not write; no log at all is allowed.

import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../shared/dto.ts';
import { exportSparseSnapshot, loadSnapshot } from './snapshot.ts';
import { makeManifest, manifestProblem } from './snapshot-manifest.ts';
import { sparseImageFromBytes } from './sparse-image.ts';

function record(index: number): StepRecord {
  return {
    index, line: 20 + index, source: `f(${index})`, ok: true, calls: [], bound: {}, changes: [], changedBytes: 0,
    regionEvents: [], durationMs: 0, memorySize: 65536,
  };
}

/** A manifest as Memscope writes it (steps cut at `step`), then `step` changed as a foreign file may. */
function manifest(step: number, records: number, claimed = step): Record<string, unknown> {
  const steps = Array.from({ length: records }, (_, i) => record(i));
  const m = makeManifest({ moduleName: 'm.wasm', moduleSha256: '', step, steps, createdAt: 'then' }, 65536, 4096);
  return JSON.parse(JSON.stringify({ ...m, step: claimed })) as Record<string, unknown>;
}

describe('manifestProblem and the step', () => {
  it('refuses a step past the last step record, naming the field', () => {
    // It was read, and shown as "after step 1000000001 (line 22: …)" of a log of three steps.
    expect(manifestProblem(manifest(2, 3, 1_000_000_000))).toBe(
      'manifest "step" 1000000000 is past its "steps", whose last record is of step index 2');
  });

  it('takes what Memscope writes: the step with its records, before any step, or no call log', () => {
    expect(manifestProblem(manifest(2, 3))).toBeNull();
    expect(manifestProblem(manifest(1, 3))).toBeNull(); // makeManifest keeps records 0 and 1
    expect(manifestProblem(manifest(-1, 3))).toBeNull();
    expect(manifestProblem(manifest(5, 0))).toBeNull();
  });

  it('is a malformed snapshot at the manifest, as the other manifest problems are', () => {
    const good = exportSparseSnapshot(sparseImageFromBytes(new Uint8Array(65536)), {
      moduleName: 'm.wasm', moduleSha256: '', step: 2, steps: [record(0), record(1), record(2)],
    });
    const length = new DataView(good.buffer).getUint32(8, true);
    const json = new TextDecoder().decode(good.subarray(12, 12 + length));
    // Same length, so the rest of the file stays where it was: "step":2 → "step":9.
    const edited = good.slice();
    edited.set(new TextEncoder().encode(json.replace('"step":2,', '"step":9,')), 12);
    expect(loadSnapshot(good).ok).toBe(true);
    const result = loadSnapshot(edited);
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed-snapshot', where: { offset: 12 } } });
    if (!result.ok) expect(result.error.message).toContain('manifest "step" 9 is past its "steps"');
  });
});
