// A snapshot manifest written before call values travelled as structure holds them as decimal
// text; reading it gives WasmValue data (the call log formats nothing else), and a value that
// is neither is refused like any malformed manifest.

import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../shared/dto.ts';
import { formatValue, fromJs } from '../../shared/value-format.ts';
import { exportSparseSnapshot, loadSnapshot } from './snapshot.ts';
import { sparseImageFromBytes } from './sparse-image.ts';

function stepWithCall(args: unknown[], results: unknown[], imports: unknown[] = []): StepRecord {
  return {
    index: 0, line: 3, source: 'r = f(…)', ok: true, bound: {}, changes: [], changedBytes: 0, regionEvents: [],
    durationMs: 0, memorySize: 65536,
    calls: [{ export: 'f', args, results, durationMs: 0, imports } as unknown as StepRecord['calls'][number]],
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

  it('reads an import call\'s old text too: WASI wrote i32s unsigned, so 2^31..2^32-1 is an i32', () => {
    const imp = { module: 'wasi_snapshot_preview1', name: 'fd_write', binding: 'wasi', args: ['1', '4294967295', '-2', '8589934592'], results: ['0'], summary: 'fd_write(…) → 6 bytes', durationMs: 0 };
    const loaded = load(stepWithCall([], [], [imp]));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const read = loaded.value.manifest.steps[0]!.calls[0]!.imports[0]!;
    expect(read.args).toEqual([fromJs('i32', 1), fromJs('i32', -1), fromJs('i32', -2), fromJs('i64', 8589934592n)]);
    expect(read.results).toEqual([fromJs('i32', 0)]);
    const bad = load(stepWithCall([], [], [{ ...imp, args: [{ type: 'i32', bits: -1 }] }]));
    expect(bad.ok ? 'read' : bad.error.message).toMatch(/manifest "steps" must be a list of step records/);
  });
});
