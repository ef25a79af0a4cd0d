// A run's facts reach the session's listeners in the order they happened: each step's guest
// output before its own record and after the records of the steps before it (step records go
// through the step ring, output by message; neither may overtake the other), also when the
// worker is ended in the middle of a run.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('Session.run event order', () => {
  it('a step that prints: its output comes after the earlier steps records and before its own', async () => {
    const wseq = readFileSync(resolve(example('print-builtin'), '../print-builtin.wseq'), 'utf8');
    // Twice, so printing steps follow a step that printed and steps that did not.
    const session = await open(example('print-builtin'), { sequence: `${wseq}\n${wseq.replace(/^(module|import) .*$/gm, '')}` });
    const events: string[] = [];
    const decoder = new TextDecoder();
    session.on('output', (chunk) => events.push(`out ${decoder.decode(chunk.bytes)}`));
    session.on('step', (record) => events.push(`step ${record.index}`));
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    // What happened, from the records alone: each builtin print of a step, then the step.
    const expected = records.flatMap((r) => [
      ...r.calls.flatMap((c) => c.imports).filter((i) => i.binding === 'builtin').map((i) => `out ${JSON.parse(i.summary.slice(i.summary.indexOf('(') + 1, -1)) as string}`),
      `step ${r.index}`,
    ]);
    expect(expected.filter((e) => e.startsWith('out')).length).toBe(6);
    expect(events).toEqual(expected);
  });
});

describe('a run ended by Stop', () => {
  it('delivers the output still queued in order with the steps it read from the ring', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-stop-order-'));
    try {
      const hold = resolve(import.meta.dirname, '../../testdata/hold.wasm');
      const session = await open(hold, { sequence: `dir "${dir}" as "/d" rw\nsay()\nsay()\nsay()\nspin()\n` });
      const events: string[] = [];
      session.on('output', (chunk) => events.push(`out ${new TextDecoder().decode(chunk.bytes).trim()}`));
      session.on('step', (record) => events.push(`step ${record.index} ${record.ok ? 'ok' : record.error?.code}`));
      const running = session.run();
      // This thread waits without turning its event loop until the guest has reached spin()
      // (it creates "spinning" first): everything the worker posted is still queued, and Stop
      // reads the three finished steps from the ring. Before, their output followed them.
      const gate = new Int32Array(new SharedArrayBuffer(4));
      const deadline = Date.now() + 60_000;
      while (!existsSync(join(dir, 'spinning')) && Date.now() < deadline) Atomics.wait(gate, 0, 0, 5);
      expect(existsSync(join(dir, 'spinning'))).toBe(true);
      const stopped = session.stop();
      await running;
      await stopped;
      expect(events).toEqual(['out said', 'step 0 ok', 'out said', 'step 1 ok', 'out said', 'step 2 ok', 'step 3 stopped']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
