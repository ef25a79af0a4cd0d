// A tab that stops reading its socket while another tab steps (a frozen or backgrounded browser
// tab): the server's unsent bytes for it stay bounded, measured on the server's own socket,
// instead of growing by every state event; the stepping tab is not held up; and once the tab
// reads again it gets the session as it is now, then the events after it, as a new tab would.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SessionDelta, SessionView, StepEvent } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { decodeWire, encodeWire, joinFrame, type ServerMessage } from '../shared/wire.ts';
import { STATE_BACKLOG } from './outbox.ts';
import { startWebShell, type WebShell } from './server.ts';

const MIB = 1 << 20;
const TESTDATA = join(import.meta.dirname, '..', 'testdata');

let shell: WebShell;
beforeAll(async () => {
  shell = await startWebShell({});
});
afterAll(() => shell.close());

interface Tab {
  ws: WebSocket;
  messages: ServerMessage[];
  received: number;
  request<T>(name: string, params: unknown): Promise<Result<T>>;
}

function openTab(): Promise<Tab> {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: shell.origin, maxPayload: 0 });
  const tab: Tab = { ws, messages: [], received: 0, request: () => Promise.reject(new Error('not open')) };
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  ws.on('message', (data, isBinary) => {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    tab.received += buffer.length;
    const m = decodeWire(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8')) as ServerMessage;
    if (m.type === 'response') waiting.get(m.id)?.(m.result);
    else tab.messages.push(m);
  });
  tab.request = <T>(name: string, params: unknown) => new Promise<Result<T>>((done) => {
    const id = nextId++;
    waiting.set(id, done as (r: Result<unknown>) => void);
    const frame = encodeWire({ type: 'request', id, name: name as never, params });
    ws.send(typeof frame === 'string' ? frame : joinFrame(frame));
  });
  return new Promise((done, fail) => {
    ws.once('open', () => done(tab));
    ws.once('error', fail);
  });
}

/** The state a tab was last told: a view, a delta, or a step's `after`. */
function lastState(messages: ServerMessage[]): SessionDelta | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.type !== 'event') continue;
    if (m.name === 'session' || m.name === 'delta') return m.payload as SessionDelta;
    if (m.name === 'step' && (m.payload as StepEvent).after) return (m.payload as StepEvent).after!;
  }
  return null;
}

describe('a tab that does not read while another steps', () => {
  it('has a bounded backlog on the server, and the current session once it reads again', async () => {
    const fast = await openTab();
    const slow = await openTab();
    const module = { name: 'big-memory.wasm', bytes: new Uint8Array(readFileSync(join(TESTDATA, 'big-memory.wasm'))) };
    const lines = Array.from({ length: 16 }, (_, i) => `mark(${i}, ${i + 1})`).join('\n');
    expect((await fast.request('openModule', { module, sequence: { name: 'm.wseq', text: `${lines}\n` } })).ok).toBe(true);
    while (!slow.messages.some((m) => m.type === 'event' && m.name === 'session' && (m.payload as SessionView | null)?.moduleName === 'big-memory.wasm')) {
      await new Promise((r) => setTimeout(r, 10));
    }
    slow.ws.pause();

    // Every step and reset carries a 1 MiB window: far more state than the bound, sent to both tabs.
    const window = { address: 0, length: MIB };
    let peak = 0;
    const before = fast.received;
    for (let round = 0; fast.received - before < 8 * STATE_BACKLOG; round++) {
      for (let i = 0; i < 16; i++) expect((await fast.request('step', { window })).ok).toBe(true);
      expect((await fast.request('reset', { window })).ok).toBe(true);
      peak = Math.max(peak, ...shell.backlogs());
    }
    if (process.env.MEMSCOPE_FIGURES) console.log(`sent the reading tab ${((fast.received - before) / MIB).toFixed(0)} MiB; the other's peak backlog ${(peak / MIB).toFixed(1)} MiB`);
    // The bound, plus one message over it (the one that crossed it) and the session sent on resync.
    expect(peak).toBeLessThan(STATE_BACKLOG + 4 * MIB);
    expect(slow.ws.readyState).toBe(WebSocket.OPEN);

    // One more step the slow tab must learn of, then it reads again.
    expect((await fast.request('step', { window })).ok).toBe(true);
    const now = lastState(fast.messages)!;
    expect(now.nextStep).toBe(1);
    const seen = slow.messages.length;
    slow.ws.resume();
    expect((await slow.request('getSession', {})).ok).toBe(true);
    const deadline = Date.now() + 30_000;
    const resynced = () => slow.messages.slice(seen).some((m) => m.type === 'event' && m.name === 'session');
    while (!resynced() || lastState(slow.messages)?.nextStep !== now.nextStep) {
      if (Date.now() > deadline) throw new Error(`the slow tab was last told step ${lastState(slow.messages)?.nextStep}, not ${now.nextStep}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(lastState(slow.messages)).toMatchObject({ id: now.id, nextStep: now.nextStep, state: now.state });
    // What it missed came as one view, not as the whole backlog.
    expect(slow.received).toBeLessThan(fast.received / 2);
    fast.ws.close();
    slow.ws.close();
  }, 120_000);
});
