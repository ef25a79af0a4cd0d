// The step log on its own (no worker): what each finished step leaves, the state as of an
// earlier step, interludes after the step they followed, and clear() handing out new lists.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Region, StepRecord } from '../../shared/dto.ts';
import { MemoryHistory } from '../memory/memory-history.ts';
import { StepLog } from './step-log.ts';

function record(index: number, bound: StepRecord['bound']): StepRecord {
  return {
    index, line: index + 1, source: `step ${index}`, ok: true, calls: [], bound, changes: [], changedBytes: 0,
    regionEvents: [], durationMs: 0, memorySize: 65536,
  };
}

const region = (id: number, createdStep: number, extra: Partial<Region> = {}): Region => ({
  id, name: `r${id}`, kind: 'alloc', start: 1024 * id, size: 8, freed: false, createdStep, ...extra,
});

function log(): StepLog {
  const l = new StepLog(new MemoryHistory());
  l.begin({ size: 65536, blockSize: 4096, blocks: [] });
  return l;
}

describe('step log', () => {
  it('keeps records, bindings, regions and labels, and the state as of an earlier step', () => {
    const l = log();
    l.accept({ record: record(0, { a: { kind: 'int', value: '1' } }), delta: null, regionUpdates: [region(1, 0)], exited: false });
    l.accept({ record: record(1, { a: { kind: 'int', value: '2' }, b: { kind: 'int', value: '3' } }), delta: null, snapshotLabel: 'after b', regionUpdates: [region(1, 0, { freed: true, freedStep: 1 }), region(2, 1)], exited: false });
    expect(l.nextStep).toBe(2);
    expect(l.bindings).toEqual({ a: { kind: 'int', value: '2' }, b: { kind: 'int', value: '3' } });
    expect(l.regions.map((r) => [r.id, r.freed])).toEqual([[1, true], [2, false]]);
    expect(l.snapshotLabels.get(1)).toBe('after b');
    const earlier = l.stateAt(0);
    expect(earlier.bindings).toEqual({ a: { kind: 'int', value: '1' } });
    expect(earlier.regions.map((r) => [r.id, r.freed])).toEqual([[1, false]]);
  });

  it('notes interludes after the step they followed; a call that changed memory makes reads stale until the next step', () => {
    const l = log();
    l.noteInterlude({ kind: 'watches', watches: [], passing: [] });
    expect(l.stale).toBe(false);
    l.noteInterlude({ kind: 'call', name: 'grow', args: [] }, 131072);
    expect([l.stale, l.memorySize]).toEqual([true, 131072]);
    l.accept({ record: record(0, {}), delta: null, exited: false });
    l.noteInterlude({ kind: 'write', address: 0, bytes: new Uint8Array(1) }, 65536);
    expect(l.interludes.map((i) => [i.kind, i.after])).toEqual([['watches', -1], ['call', -1], ['write', 0]]);
  });

  it('keeps an ad-hoc call in about a hundred bytes, so a long session of calls stays small', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const l = log();
    const calls = 50_000;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < calls; i++) l.noteInterlude({ kind: 'call', name: 'free', args: [String(i & 7)] }, 65536);
    gc();
    const each = (process.memoryUsage().heapUsed - before) / calls;
    expect(l.interludes).toHaveLength(calls);
    // The record itself and its one-argument list: ~100 bytes with 64-bit pointers; a spread copy was ~320.
    expect(each).toBeLessThan(200);
  });

  it('clear() starts new lists and leaves the ones handed out as they were', () => {
    const l = log();
    l.accept({ record: record(0, { a: { kind: 'int', value: '1' } }), delta: null, regionUpdates: [region(1, 0)], exited: false });
    const steps = l.steps;
    const regions = l.regions;
    l.clear();
    expect([l.nextStep, l.regions.length, Object.keys(l.bindings).length, l.interludes.length]).toEqual([0, 0, 0, 0]);
    expect([steps.length, regions.length]).toEqual([1, 1]);
  });
});

describe('step log over a long run', () => {
  it('holds only its latest records as objects and still knows each step and the bindings as of it', () => {
    const l = log();
    const steps = 5000;
    for (let i = 0; i < steps; i++) l.accept({ record: record(i, i % 1000 === 7 ? { [`v${i}`]: { kind: 'int', value: String(i) } } : {}), delta: null, exited: false });
    expect(l.steps.length).toBe(steps);
    expect(l.steps.liveRecords).toBeLessThan(1000);
    expect(l.steps.at(1234)).toEqual(record(1234, {}));
    expect(Object.keys(l.stateAt(2500).bindings)).toEqual(['v7', 'v1007', 'v2007']);
  });
});
