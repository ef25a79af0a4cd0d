// Call values end to end: the values a real guest returns and receives, from the guest worker
// through the controller and a real `memscope serve` (the web shell's JSON frames; the Electron
// shell's IPC is structured clone) to the text the renderer's call log, the CLI and `run --json`
// print. Exact at the edges JSON loses: i64 at both ends, an i32 above 2^31 unsigned, NaNs with
// payloads, -0, infinities; bound floats (JS numbers) keep NaN, -Infinity and -0 over the wire.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepRecord } from '../shared/dto.ts';
import { formatValues, fromJs } from '../shared/value-format.ts';
import { EDGE_RESULTS, edgeValuesModule } from '../engine/testing.ts';
import { callText } from '../../src-renderer/calls/call-format.ts';
import { memscope } from '../cli/testing/run-json.ts';
import { connectClient, startServe } from './testing/serve-process.ts';

const SEQUENCE = [
  'edges()',
  'nan64()',
  'echo(0x8000000000000000, 0x80000000, -0.0)',
  'echo(0x7fffffffffffffff, 4294967295, 1.5)',
  'write bytes "00 00 00 00 00 00 f0 ff  00 00 00 00 00 00 00 80  01 00 00 00 00 00 f8 7f" @ 0',
  'ninf = read f64 @ 0',
  'nz = read f64 @ 8',
  'nan = read f64 @ 16',
].join('\n');

/** Each step's call as `export(args) = results`, as the CLI prints it. */
const EXPECTED = [
  'edges() = -9223372036854775808, 9223372036854775807, -2147483648, NaN:0x400321, -0, NaN:0x8000000000123, -Infinity, Infinity, -0, -NaN',
  'nan64() = NaN:0x8000000000abc',
  'echo(-9223372036854775808, -2147483648, -0) = -9223372036854775808, -2147483648, -0',
  'echo(9223372036854775807, -1, 1.5) = 9223372036854775807, -1, 1.5',
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'memscope-values-'));
  writeFileSync(join(dir, 'edges.wasm'), edgeValuesModule());
  writeFileSync(join(dir, 'edges.wseq'), `module "edges.wasm"\n${SEQUENCE}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('call values from the guest to the text', () => {
  it('cross the worker, the web shell\'s JSON and IPC\'s structured clone bit for bit, and print exactly', async () => {
    const serve = await startServe();
    try {
      const client = await connectClient(serve);
      const module = { name: 'edges.wasm', bytes: edgeValuesModule() };
      expect((await client.request('openModule', { module, sequence: { name: 'edges.wseq', text: SEQUENCE } })).ok).toBe(true);
      expect((await client.request('run', {})).ok).toBe(true);
      // A run's steps come in batches (`steps` events).
      const steps = client.messages.flatMap((m) => (m.type === 'event' && m.name === 'steps' ? m.payload as StepRecord[] : []));
      expect(steps.map((s) => s.calls.length)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
      const [edges, nan64] = steps.map((s) => s.calls[0]!);
      // Bound floats are JS numbers: the wire brings back what JSON writes as null and 0.
      expect(steps.slice(5).map((s) => s.bound)).toEqual([
        { ninf: { kind: 'float', value: -Infinity } }, { nz: { kind: 'float', value: -0 } }, { nan: { kind: 'float', value: NaN } },
      ]);
      expect(Object.is((steps[6]!.bound.nz as { value: number }).value, -0)).toBe(true);

      // The bits the guest's constants hold, as data after the JSON frame.
      const e = EDGE_RESULTS;
      expect(edges!.results).toEqual([
        fromJs('i64', e.i64Min), fromJs('i64', e.i64Max), fromJs('i32', e.u32Above2p31),
        { type: 'f32', bits: e.f32NaNPayload }, { type: 'f32', bits: e.f32MinusZero },
        ...[e.f64NaNPayload, e.f64MinusInfinity, e.f64Infinity, e.f64MinusZero, e.f64NegativeNaN]
          .map((bits) => ({ type: 'f64', bits: bits.toString(16).padStart(16, '0') })),
      ]);
      expect(nan64!.results).toEqual([{ type: 'f64', bits: e.nan64.toString(16) }]);
      expect(structuredClone(steps)).toEqual(steps);

      expect(steps.slice(0, 4).map((s) => `${s.calls[0]!.export}(${formatValues(s.calls[0]!.args)}) = ${formatValues(s.calls[0]!.results)}`)).toEqual(EXPECTED);
      expect(callText(nan64!)).toBe('nan64() → NaN:0x8000000000abc');
      expect(callText(steps[2]!.calls[0]!)).toBe('echo(-9223372036854775808, -2147483648, -0) → (-9223372036854775808, -2147483648, -0)');
      client.ws.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 120_000);

  it('print the same text in `memscope run` and `run --json`', () => {
    const text = memscope(['run', join(dir, 'edges.wseq')]);
    expect(text.status).toBe(0);
    const calls = text.stdout.split('\n').filter((l) => l.includes('→ ')).map((l) => l.replace(/^\s*→ /, '').replace(/ {2}\[.*\]$/, ''));
    expect(calls).toEqual(EXPECTED);

    const json = memscope(['run', '--json', join(dir, 'edges.wseq')]);
    const steps = (JSON.parse(json.stdout) as { steps: { calls: { export: string; args: string[]; results: string[] }[] }[] }).steps;
    expect(steps.slice(0, 4).map((s) => `${s.calls[0]!.export}(${s.calls[0]!.args.join(', ')}) = ${s.calls[0]!.results.join(', ')}`)).toEqual(EXPECTED);
  }, 120_000);
});
