// A finished step through its binary form (step-ring.ts, step-record-wire.ts) comes back equal
// and with its keys in the worker's order, for the steps real modules' sequences make, run as
// the worker runs them, and for the rarer shapes (errors, references, exits) built by hand.

import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FinishedStep } from './protocol.ts';
import { GuestInstance } from './guest/instance.ts';
import { StepRunner } from './guest/step-runner.ts';
import { ChangeTracker } from './memory/change-tracker.ts';
import { resolveInputs } from './host/session-inputs.ts';
import { readStep, writeStep } from './step-ring.ts';
import { WireReader, WireWriter } from './wire-codec.ts';
import { sharedIds, sharedStrings } from './ring-strings.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../resources/examples');

/** Every step of `example`'s sequence, run in this thread the way the worker runs a `run`. */
function stepsOf(example: string, name = example): FinishedStep[] {
  const wasm = resolve(EXAMPLES, example, `${name}.wasm`);
  const file = resolve(EXAMPLES, example, `${name}.wseq`);
  const inputs = resolveInputs({
    moduleBytes: readFileSync(wasm), moduleName: basename(wasm),
    sequence: { text: readFileSync(file, 'utf8'), file, baseDir: dirname(file) },
  });
  if (!inputs.ok) throw new Error(inputs.error.message);
  const init = inputs.value.init;
  const created = GuestInstance.create(init, { output: () => {} });
  if (!created.ok) throw new Error(created.error.message);
  const guest = created.value;
  guest.initialize();
  const tracker = new ChangeTracker(guest.memory.bytes());
  const runner = new StepRunner(guest, init);
  const out: FinishedStep[] = [];
  for (let i = 0; i < init.sequence!.parsed.steps.length; i++) {
    const step = runner.run(i, (mayChange) => mayChange ? tracker.capture(guest.memory.bytes()) : null);
    out.push(step);
    if (!step.record.ok || step.exited) break;
  }
  return out;
}

const wire = new WireWriter();

/** `example`'s steps and the shared strings its session's ring would have (ring-strings.ts). */
function withShared(example: string): { steps: FinishedStep[]; shared: string[] } {
  const wasm = resolve(EXAMPLES, example, `${example}.wasm`);
  const file = resolve(EXAMPLES, example, `${example}.wseq`);
  const inputs = resolveInputs({ moduleBytes: readFileSync(wasm), moduleName: basename(wasm), sequence: { text: readFileSync(file, 'utf8'), file, baseDir: dirname(file) } });
  if (!inputs.ok) throw new Error(inputs.error.message);
  return { steps: stepsOf(example), shared: sharedStrings(inputs.value.init) };
}

function roundTrip(step: FinishedStep): FinishedStep {
  expect(writeStep(wire, step)).toBe(true);
  const bytes = Buffer.from(wire.bytes.subarray(0, wire.at));
  const reader = new WireReader(bytes);
  const back = readStep(reader, step.delta?.changed.data ?? new Uint8Array(0));
  expect(reader.at).toBe(bytes.length);
  return back;
}

/** JSON with bigints spelled out and block data left out (toEqual compares it): compares key order too. */
function json(value: unknown): string {
  return JSON.stringify(value, (_, v) => typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? v.length : v);
}

describe('a finished step in its binary form', () => {
  it.each<[string, string?]>([
    ['return-string'], ['heap-double-free', 'double-free'], ['heap-who-frees', 'who-frees'], ['c-struct'],
    ['linked-list'], ['packed-i64'], ['multi-value'], ['trap'], ['wasi-io'], ['canonical-abi'], ['emscripten-i64'],
  ])('comes back equal, keys in order, for every step of %s', (example, sequence) => {
    const steps = stepsOf(example, sequence);
    expect(steps.length).toBeGreaterThan(2);
    for (const step of steps) {
      const back = roundTrip(step);
      expect(back).toEqual(step);
      expect(json(back)).toBe(json(step));
    }
  });

  it('keeps the rare shapes: call errors, dropped imports, references, a failed walk, labels, exits', () => {
    const [first] = stepsOf('return-string');
    const { index, line, source, bound, changes, changedBytes, regionEvents, durationMs, memorySize } = first!.record;
    // Keys in the order the step runner sets them.
    const step: FinishedStep = {
      record: {
        index, line, source,
        ok: false,
        calls: [
          { export: 'f', args: [{ type: 'funcref', func: null }, { type: 'externref', isNull: true }], results: [{ type: 'f64', bits: '7ff8000000000001' }], durationMs: 0.5, imports: [], error: { code: 'trap', message: 'unreachable' }, importsDropped: 3 },
          { export: 'g', args: [{ type: 'i64', bits: 'ffffffffffffffff' }], results: [], durationMs: -0, imports: [] },
          { export: 'greet', args: [{ type: 'js', text: '"ann"' }], results: [{ type: 'js', text: '"hello, ann"' }], durationMs: 1, imports: [] },
        ],
        bound, changes, changedBytes, regionEvents, durationMs, memorySize,
        error: { code: 'trap', message: 'unreachable' },
        captureMs: 0.125,
        grew: { fromPages: 2, toPages: 3, by: 'grow+0x1f' },
        writes: [{ start: 1, end: 2, function: 'f', offset: 3 }], writesDropped: 4,
        watchHits: [{ name: 'w', address: 8, size: 4, value: '01 00 00 00', old: '00 00 00 00', function: 'f', offset: 2 }],
        changesCoarse: true, exitCode: 3,
        heap: {
          allocated: [{ address: 16, size: 8, owner: 'guest', step: null, line: null }, { address: 48, size: 20, owner: 'guest', step: 1, line: 2, by: 'parse', holds: 'a thrown C++ E nothing caught' }],
          freed: [{ address: 32, size: 8, owner: 'host', step: 1, line: 2, by: 'malloc', freedBy: 'guest' }, { address: 64, size: 8, owner: 'guest', step: 1, line: 2, holds: 'x', freedBy: 'host' }],
          problems: [{ kind: 'double-free', address: 32, message: 'freed twice' }], walk: 'corrupt: chunk at 0x20',
        },
        stackPointer: 65536,
        goFunctions: ['greet', 'add'],
      },
      delta: first!.delta,
      exited: true,
      snapshotLabel: 'before ünïcode',
      regionUpdates: [{ id: 1, name: 'r', kind: 'alloc', start: 16, size: 8, freed: true, createdStep: 0, freedStep: 2 }],
    };
    const back = roundTrip(step);
    expect(back).toEqual(step);
    expect(json(back)).toBe(json(step));
  });

  it('keeps a property its form does not know, on any object, as plain data', () => {
    const steps = stepsOf('return-string');
    const withRegions = structuredClone(steps.find((s) => s.regionUpdates && s.record.heap?.allocated.length)!);
    const extra = { note: 'kept', n: 1 };
    Object.assign(withRegions.regionUpdates![0]!, extra);
    Object.assign(withRegions.record.heap!.allocated[0]!, extra);
    Object.assign(withRegions.record.calls[0]!, extra);
    Object.assign(withRegions.record.calls[0]!.args[0]!, extra);
    Object.assign(withRegions.record.regionEvents[0]!, extra);
    Object.assign(withRegions.record.heap!, extra);
    const back = roundTrip(withRegions);
    expect(back).toEqual(withRegions);
    expect(json(back)).toBe(json(withRegions));
  });

  it('keeps the key order of an object built in another order (a failed step: error right after ok)', () => {
    const [first] = stepsOf('return-string');
    const { index, line, source, ok: _ok, ...rest } = first!.record;
    const step: FinishedStep = { ...first!, record: { index, line, source, ok: false, error: { code: 'timeout', message: 'too slow' }, ...rest } };
    const back = roundTrip(step);
    expect(back).toEqual(step);
    expect(json(back)).toBe(json(step));
  });

  it('leaves out a source both ends have as a step text, and reads it back from its own list', () => {
    const steps = stepsOf('return-string');
    const sources = steps.map((step) => step.record.source);
    for (const step of steps) {
      writeStep(wire, step);
      const without = wire.at;
      expect(writeStep(wire, step, sources)).toBe(true);
      expect(wire.at).toBe(without - Buffer.byteLength(step.record.source) - 2);
      const reader = new WireReader(Buffer.from(wire.bytes.subarray(0, wire.at)));
      // The reader's own copy of the texts: the record's source comes from there.
      const theirs = sources.map((text) => ` ${text}`.slice(1));
      const back = readStep(reader, step.delta?.changed.data ?? new Uint8Array(0), theirs);
      expect(back).toEqual(step);
      expect(json(back)).toBe(json(step));
      expect(back.record.source).toBe(theirs[step.record.index]);
    }
    // A source that is not its step's text (or a step the list lacks) is written out as before.
    const [first] = steps;
    const other: FinishedStep = { ...first!, record: { ...first!.record, source: 'not the step' } };
    writeStep(wire, other, sources);
    const back = readStep(new WireReader(Buffer.from(wire.bytes.subarray(0, wire.at))), other.delta?.changed.data ?? new Uint8Array(0), sources);
    expect(back.record.source).toBe('not the step');
  });

  it('writes the strings both ends share as their index: every step of return-string comes back equal', () => {
    const { steps, shared } = withShared('return-string');
    const writer = new WireWriter(4096, sharedIds(shared));
    let bytes = 0;
    let without = 0;
    for (const step of steps) {
      writeStep(wire, step);
      without += wire.at;
      expect(writeStep(writer, step)).toBe(true);
      bytes += writer.at;
      const reader = new WireReader(Buffer.from(writer.bytes.subarray(0, writer.at)), [...shared]);
      const back = readStep(reader, step.delta?.changed.data ?? new Uint8Array(0));
      expect(reader.at).toBe(writer.at);
      expect(back).toEqual(step);
      expect(json(back)).toBe(json(step));
    }
    expect(bytes).toBeLessThan(without);
  });

  it('carries no field names: the string-return example takes under 160 bytes a step (it took 202)', () => {
    const steps = stepsOf('return-string');
    let bytes = 0;
    for (const step of steps) {
      writeStep(wire, step);
      bytes += wire.at;
    }
    expect(bytes / steps.length).toBeLessThan(160);
  });
});
