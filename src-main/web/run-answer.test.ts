// The answers of the requests that change the session's state, through a real `memscope serve`:
// the state they leave came before them as events, so they do not carry it again. Step, run and
// runToLine answer how many steps ran (a step's `after`, a run's deltas came first); the requests
// that make a fresh view (stepBack, reverseContinue, setTraceWrites, reset, setSequence) answer
// null, their `session` event having brought the whole view to every page. A run's answer once
// held every region and binding (0.67 MB of JSON after a 10,000-step run), and each fresh view
// was sent twice; the page, already up to date, threw the answers away.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SessionView, StepsRan } from '../shared/contract.ts';
import { connectClient, startServe, type ServeProcess, type WireClient } from './testing/serve-process.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'examples', 'return-string');
const ROUND = ['ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)'];

/**
 * Serves return-string with its round `rounds` times, runs `body` on a client, and stops the
 * server. `answerBytes`: every response frame's length as it came over the socket.
 */
async function withRounds(rounds: number, body: (t: { client: WireClient; opened: SessionView; text: string; answerBytes: number[] }) => Promise<void>): Promise<void> {
  const serve: ServeProcess = await startServe();
  try {
    const client = await connectClient(serve);
    const answerBytes: number[] = [];
    client.ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : String(data);
      if (text.startsWith('{"type":"response"')) answerBytes.push(text.length);
    });
    const module = { name: 'return-string.wasm', bytes: new Uint8Array(readFileSync(join(DEMO, 'return-string.wasm'))) };
    const text = Array.from({ length: rounds }, () => ROUND.join('\n')).join('\n');
    const opened = await client.request<SessionView>('openModule', { module, sequence: { name: 'r.wseq', text } });
    if (!opened.ok) throw new Error(opened.error.message);
    await body({ client, opened: opened.value, text, answerBytes });
    client.ws.close();
  } finally {
    expect(await serve.stop()).toBe(0);
  }
}

it('step, run and runToLine answer how many steps they ran; the state came as events before', () => withRounds(50, async ({ client, opened, answerBytes }) => {
  const lines = opened.sequence!.stepLines;
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
  expect(answers).toEqual([[{ ran: 1 }, 1], [{ ran: 99 }, 100], [{ ran: 200 - 100 }, 200]]);
  // The opening answered a whole view; the three answers after it are a few bytes each.
  expect(answerBytes.slice(-3).every((n) => n < 100)).toBe(true);
}), 120_000);

it('the requests that make a fresh view answer null; their session event, before the answer, brings the view', () => withRounds(10, async ({ client, text, answerBytes }) => {
  const steps = 4 * 10;
  const edited = `${text}\n# a note\n`;
  const views = (): SessionView[] => client.messages.flatMap((m) => (m.type === 'event' && m.name === 'session' ? [m.payload as SessionView] : []));
  const requests = [
    ['run', {}], ['stepBack', {}], ['stepBack', { to: 2 }], ['reverseContinue', {}], ['run', {}],
    ['setTraceWrites', { on: true }], ['reset', {}], ['setSequence', { name: 'r.wseq', text: edited }],
  ] as const;
  /** Each fresh-view request's answer, and the session events that came before it: how many, and what the last said. */
  const seen: [string, unknown, number, Partial<SessionView>][] = [];
  for (const [name, params] of requests) {
    const before = views().length;
    const r = await client.request<unknown>(name, params);
    if (name === 'run') continue;
    const last = views().at(-1)!;
    seen.push([name, r.ok ? r.value : r.error.message, views().length - before, { nextStep: last.nextStep, traceWrites: last.traceWrites, steps: last.steps.slice(-1) }]);
  }
  const state = (nextStep: number, traceWrites = false): Partial<SessionView> => expect.objectContaining({ nextStep, traceWrites, steps: nextStep === 0 ? [] : [expect.objectContaining({ index: nextStep - 1 })] });
  expect(seen).toEqual([
    ['stepBack', null, 1, state(steps - 1)],
    ['stepBack', null, 1, state(2)],
    // No breakpoint and no watch: back to the start.
    ['reverseContinue', null, 1, state(0)],
    // The steps that ran are replayed traced: the run keeps its place.
    ['setTraceWrites', null, 1, state(steps, true)],
    ['reset', null, 1, state(0, true)],
    ['setSequence', null, 1, state(0, true)],
  ]);
  expect(views().at(-1)!.sequence?.text).toBe(edited);
  // The opening answered a whole view; each of these answers is a few bytes.
  expect(answerBytes.length).toBe(requests.length + 1);
  expect(answerBytes.slice(1).every((n) => n < 100)).toBe(true);
}), 120_000);
