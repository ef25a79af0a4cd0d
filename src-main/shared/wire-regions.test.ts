import { describe, expect, it } from 'vitest';
import type { Region } from './dto.ts';
import type { ServerMessage } from './wire.ts';
import { decodeWire, encodeWire } from './wire.ts';
import { RegionsReceived, RegionsSent } from './wire-regions.ts';

const region = (id: number, freed = false): Region => ({ id, name: `r${id}`, kind: 'alloc', start: 16 * id, size: 8, freed, createdStep: id });
const delta = (id: string, regions: Region[]): ServerMessage => ({ type: 'event', name: 'delta', payload: { id, regions, state: 'running' } as never });
const step = (id: string, regions: Region[]): ServerMessage => ({ type: 'event', name: 'step', payload: { index: 0, after: { id, regions } } as never });
const view = (id: string, regions: Region[]): ServerMessage => ({ type: 'event', name: 'session', payload: { id, regions } as never });
/** Through the wire as a tab gets it. */
const wire = (m: ServerMessage) => decodeWire(encodeWire(m) as string) as ServerMessage;
const regionsOf = (m: ServerMessage) => {
  if (m.type !== 'event') throw new Error('not an event');
  return (m.name === 'step' ? (m.payload as { after: unknown }).after : m.payload) as { regions: Region[]; regionsFrom?: number };
};

describe('regions on the wire', () => {
  it('sends a delta only the regions after those unchanged since the last state event, and the tab gets the whole list', () => {
    const sent = new RegionsSent();
    const got = new RegionsReceived();
    const a = [region(1), region(2)];
    const b = [a[0]!, region(2, true), region(3)]; // 2 freed (a new object), 3 created
    const c = [...b, region(4)];
    const seen: Region[][] = [];
    for (const m of [view('s1', a), delta('s1', b), step('s1', c)]) {
      const onWire = wire(sent.trim(m));
      seen.push(regionsOf(onWire).regions);
      expect(regionsOf(got.restore(onWire))).toEqual(regionsOf(m));
    }
    expect(seen.map((r) => r.map((x) => x.id))).toEqual([[1, 2], [2, 3], [4]]);
  });

  it('sends the whole list after a session event, to another session, and when the head changed', () => {
    const sent = new RegionsSent();
    const a = [region(1), region(2)];
    expect(regionsOf(sent.trim(delta('s1', a))).regions).toHaveLength(2); // nothing sent before
    expect(regionsOf(sent.trim(delta('s2', a))).regions).toHaveLength(2); // another session
    expect(regionsOf(sent.trim(delta('s2', [region(1), ...a.slice(1)]))).regions).toHaveLength(2); // first one replaced
    expect(regionsOf(sent.trim(view('s2', [...a, region(3)])))).not.toHaveProperty('regionsFrom'); // a view is whole
  });

  it('refuses a tail that does not follow what the tab holds, saying where', () => {
    const got = new RegionsReceived();
    const tail: ServerMessage = { type: 'event', name: 'delta', payload: { id: 's1', regions: [region(3)], regionsFrom: 2 } as never };
    expect(() => got.restore(tail)).toThrow('delta event: regionsFrom 2 does not follow the last state (none) of session s1');
    got.restore(view('s1', [region(1)]));
    expect(() => got.restore(tail)).toThrow('(session s1, 1 regions)');
  });
});
