// The answers of the requests that run steps, through a real `memscope serve`: the state they
// leave came before them as events (a step's `after`, a run's deltas), so they do not carry it
// again. A run's answer once held the whole session state (every region and binding: 0.67 MB
// of JSON after a 10,000-step run) which the page, already up to date, threw away.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SessionView, StepsRan } from '../shared/contract.ts';
import { connectClient, startServe } from './testing/serve-process.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'examples', 'return-string');
const ROUND = ['ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)'];
const ROUNDS = 50;

it('step, run and runToLine answer how many steps they ran; the state came as events before', async () => {
  const serve = await startServe();
  try {
    const client = await connectClient(serve);
    // Every response frame's length as it came over the socket.
    const answerBytes: number[] = [];
    client.ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : String(data);
      if (text.startsWith('{"type":"response"')) answerBytes.push(text.length);
    });
    const module = { name: 'return-string.wasm', bytes: new Uint8Array(readFileSync(join(DEMO, 'return-string.wasm'))) };
    const text = Array.from({ length: ROUNDS }, () => ROUND.join('\n')).join('\n');
    const opened = await client.request<SessionView>('openModule', { module, sequence: { name: 'r.wseq', text } });
    if (!opened.ok) throw new Error(opened.error.message);
    const lines = opened.value.sequence!.stepLines;
    /** The nextStep of the last state event the client has (a delta, or a single step's `after`). */
    const eventNextStep = (): number | undefined => {
      const m = client.messages.findLast((e) => e.type === 'event' && (e.name === 'delta' || e.name === 'step'));
      if (m?.type !== 'event') return undefined;
      return m.name === 'step' ? (m.payload as { after?: { nextStep: number } }).after?.nextStep : (m.payload as { nextStep: number }).nextStep;
    };
    const answers: [StepsRan | string, number | undefined][] = [];
    for (const [name, params] of [['step', {}], ['runToLine', { line: lines[100] }], ['run', {}]] as const) {
      const r = await client.request<StepsRan>(name, params);
      answers.push([r.ok ? r.value : r.error.message, eventNextStep()]);
    }
    expect(answers).toEqual([[{ ran: 1 }, 1], [{ ran: 99 }, 100], [{ ran: 4 * ROUNDS - 100 }, 4 * ROUNDS]]);
    // The opening answered a whole view; the three answers after it are a few bytes each.
    expect(answerBytes.slice(-3).every((n) => n < 100)).toBe(true);
    client.ws.close();
  } finally {
    expect(await serve.stop()).toBe(0);
  }
}, 120_000);
