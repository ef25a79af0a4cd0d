// A snapshot manifest written before call values travelled as structure holds them as decimal
// text; reading it gives WasmValue data (the call log formats nothing else), and a value that
// is neither is refused like any malformed manifest.

import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../shared/dto.ts';
import { formatValue, fromJs } from '../../shared/value-format.ts';
import { exportSparseSnapshot, loadSnapshot } from './snapshot.ts';
import { sparseImageFromBytes } from './sparse-image.ts';

function stepWithCall(args: unknown[], results: unknown[]): StepRecord {
  return {
    index: 0, line: 3, source: 'r = f(…)', ok: true, bound: {}, changes: [], changedBytes: 0, regionEvents: [],
    durationMs: 0, memorySize: 65536,
    calls: [{ export: 'f', args, results, durationMs: 0, imports: [] } as unknown as StepRecord['calls'][number]],
  };
}

function load(step: StepRecord) {
  const bytes = exportSparseSnapshot(sparseImageFromBytes(new Uint8Array(65536)), { moduleName: 'm.wasm', moduleSha256: '', step: 0, steps: [step] });
  return loadSnapshot(bytes);
}

describe('call values in a snapshot manifest', () => {
  it('reads old decimal text as values: i32 when it fits, i64 past it, f64 otherwise', () => {
    const loaded = load(stepWithCall(['1024', '-1'], ['4294967296', '1.5', 'NaN']));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const call = loaded.value.manifest.steps[0]!.calls[0]!;
    expect(call.args).toEqual([fromJs('i32', 1024), fromJs('i32', -1)]);
    expect(call.results).toEqual([fromJs('i64', 4294967296n), fromJs('f64', 1.5), fromJs('f64', NaN)]);
    expect([...call.args, ...call.results].map(formatValue)).toEqual(['1024', '-1', '4294967296', '1.5', 'NaN']);
  });

  it('keeps values as they were written, and refuses one that is not a value', () => {
    const values = [fromJs('i64', -(1n << 63n)), { type: 'f32', bits: 0x7fc00321 }];
    const kept = load(stepWithCall(values, []));
    expect(kept.ok && kept.value.manifest.steps[0]!.calls[0]!.args).toEqual(values);
    const bad = load(stepWithCall([{ type: 'i64', bits: 5 }], []));
    expect(bad.ok ? 'read' : bad.error.message).toMatch(/manifest "steps" must be a list of step records/);
  });
});
