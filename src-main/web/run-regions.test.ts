// A session's regions through a real `memscope serve`: a step's or run's state event carries
// only the regions that changed since the tab's last one (a 10,000-step run's deltas once
// carried every region each, 22 MB), and the page's client still ends with the whole list.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../shared/contract.ts';
import type { Region } from '../shared/dto.ts';
import { decodeWire, type ServerMessage } from '../shared/wire.ts';
import { connectClient, startServe } from './testing/serve-process.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'examples', 'return-string');
const ROUND = ['ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)'];
const ROUNDS = 50;

type WireState = { regions: Region[]; regionsFrom?: number };

/** The state an event carries as it came over the socket, before the client restores it. */
function rawState(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): WireState | null {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  const m = decodeWire(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8')) as ServerMessage;
  if (m.type !== 'event') return null;
  if (m.name === 'delta') return m.payload as WireState;
  if (m.name === 'step') return (m.payload as { after?: WireState }).after ?? null;
  return null;
}

describe('regions in state events', () => {
  it('go as the tail that changed, and the client restores the whole list', async () => {
    const serve = await startServe();
    try {
      const client = await connectClient(serve);
      const raw: WireState[] = [];
      client.ws.on('message', (data, isBinary) => { const s = rawState(data as Buffer, isBinary); if (s) raw.push(s); });
      const module = { name: 'return-string.wasm', bytes: new Uint8Array(readFileSync(join(DEMO, 'return-string.wasm'))) };
      const text = Array.from({ length: ROUNDS }, () => ROUND.join('\n')).join('\n');
      expect((await client.request('openModule', { module, sequence: { name: 'r.wseq', text } })).ok).toBe(true);
      for (let i = 0; i < 8; i++) expect((await client.request('step', {})).ok).toBe(true);
      expect((await client.request('run', {})).ok).toBe(true);
      const view = await client.request<SessionView>('getSession', {});
      if (!view.ok) throw new Error(view.error.message);
      expect(view.value.regions).toHaveLength(2 * ROUNDS);
      // The client's last state event, restored, is the session's whole list.
      const last = client.messages.findLast((m) => m.type === 'event' && (m.name === 'delta' || m.name === 'step'))!;
      if (last.type !== 'event') throw new Error('no state event came');
      const restored = (last.name === 'step' ? (last.payload as { after: WireState }).after : last.payload) as WireState;
      expect(restored.regions).toEqual(view.value.regions);
      expect(restored).not.toHaveProperty('regionsFrom');
      // On the wire, each of the 8 steps' events brought the regions from the first its step made
      // or freed (a freed one is a new object): none kept when round 1's free replaced region 1.
      const steps = raw.slice(0, 8);
      expect(steps.map((s) => [s.regionsFrom, s.regions.length])).toEqual([[undefined, 1], [1, 0], [1, 1], [undefined, 2], [2, 1], [3, 0], [3, 1], [2, 2]]);
      // The run's events too: far fewer regions than a whole list each.
      const runEvents = raw.slice(8);
      expect(runEvents.length).toBeGreaterThan(0);
      expect(runEvents.every((s) => s.regionsFrom !== undefined)).toBe(true);
      client.ws.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 120_000);
});
