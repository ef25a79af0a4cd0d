// The answers of the requests that make a fresh view (stepBack, reverseContinue, setTraceWrites,
// reset, setSequence), through a real `memscope serve`: their `session` event, sent to every
// page before the answer, carries the whole view, so the answer is null. It once was that view
// again (every step record, region, binding and the output so far), which the page threw away.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SessionView } from '../shared/contract.ts';
import { connectClient, startServe } from './testing/serve-process.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'examples', 'return-string');
const ROUND = ['ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)'];
const ROUNDS = 10;
const STEPS = 4 * ROUNDS;

it('the requests that make a fresh view answer null; their session event, before the answer, brings the view', async () => {
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
      ['stepBack', null, 1, state(STEPS - 1)],
      ['stepBack', null, 1, state(2)],
      // No breakpoint and no watch: back to the start.
      ['reverseContinue', null, 1, state(0)],
      // The steps that ran are replayed traced: the run keeps its place.
      ['setTraceWrites', null, 1, state(STEPS, true)],
      ['reset', null, 1, state(0, true)],
      ['setSequence', null, 1, state(0, true)],
    ]);
    expect(views().at(-1)!.sequence?.text).toBe(edited);
    // The opening answered a whole view; each of these answers is a few bytes.
    expect(answerBytes.length).toBe(requests.length + 1);
    expect(answerBytes.slice(1).every((n) => n < 100)).toBe(true);
    client.ws.close();
  } finally {
    expect(await serve.stop()).toBe(0);
  }
}, 120_000);
