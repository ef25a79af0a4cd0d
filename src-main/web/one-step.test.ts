// One F10 through the real web shell, counted on the wire (issue 7): the page sends one request
// frame and gets back exactly two frames, the step event and the answer (how many steps ran:
// the state is the event's alone). The step event carries
// the record, the state after it, the bytes of the window the request named and the heap, so the
// grid and the heap panel have what they need without asking again.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepEvent } from '../shared/contract.ts';
import { decodeWire, type ServerMessage } from '../shared/wire.ts';
import { startWebShell, type WebShell } from './server.ts';
import { openRawSocket, type RawFrame, type RawSocket } from './testing/raw-socket.ts';

let shell: WebShell;
beforeAll(async () => {
  shell = await startWebShell({});
});
afterAll(() => shell.close());

const decode = (f: RawFrame): ServerMessage => decodeWire(f.opcode === 1 ? f.payload.toString('utf8') : new Uint8Array(f.payload)) as ServerMessage;

/** Sends a request and waits for its answer frame; returns the index of the first frame after it. */
async function roundTrip(socket: RawSocket, id: number, name: string, params: unknown): Promise<number> {
  socket.sendText(JSON.stringify({ type: 'request', id, name, params }));
  // Generous: a loaded 2-core machine can take seconds over a step (the test's bound is far above).
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const at = socket.frames.findIndex((f) => f.opcode !== 0 && (f.opcode === 1 || f.opcode === 2) && (() => {
      const m = decode(f);
      return m.type === 'response' && m.id === id;
    })());
    if (at >= 0) return at + 1;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no answer to ${name}`);
}

describe('one F10 in the web shell', () => {
  it('is one request frame out and two frames back: the step event (record, state, window bytes) and the answer', async () => {
    const socket = await openRawSocket(shell.port, shell.token);
    try {
      await roundTrip(socket, 1, 'openDemo', { id: 'return-string' });
      // A fence: whatever opening pushes is in before the step is sent.
      const from = await roundTrip(socket, 2, 'listDemos', {});
      const window = { address: 0x10000, length: 4096 };
      const answered = await roundTrip(socket, 3, 'step', { window, heap: true });
      // A second fence: a delta or record pushed after the answer would land before its answer.
      const fenced = await roundTrip(socket, 4, 'getSession', {});
      const stepFrames = socket.frames.slice(from, answered);
      expect(socket.frames.slice(answered, fenced - 1)).toEqual([]);
      expect(stepFrames).toHaveLength(2);
      expect(stepFrames.every((f) => f.fin && f.opcode !== 0)).toBe(true);
      const [event, answer] = stepFrames.map(decode);
      expect(answer).toMatchObject({ type: 'response', id: 3, result: { ok: true, value: { ran: 1 } } });
      if (event.type !== 'event' || event.name !== 'step') throw new Error(`expected the step event first, got ${JSON.stringify(event).slice(0, 80)}`);
      const step = event.payload as StepEvent;
      expect(step).toMatchObject({ index: 0, ok: true, after: { nextStep: 1, state: 'paused' } });
      expect(step.changes.length).toBeGreaterThan(0);
      expect(step.after!.regions.some((r) => r.kind === 'alloc')).toBe(true);

      // The window's bytes are memory after the step, exactly what a read would have answered.
      const carried = step.after!.window!;
      expect(carried).toMatchObject({ address: window.address, memorySize: step.after!.memorySize, step: 0 });
      const read = await shell.handle.backend.readMemory(window);
      if (!read.ok) throw new Error(read.error.message);
      expect(Buffer.from(carried.bytes).equals(Buffer.from(read.value.bytes))).toBe(true);
      const pages = await shell.handle.backend.pageMap({});
      if (!pages.ok) throw new Error(pages.error.message);
      expect([...step.after!.pages!]).toEqual([...pages.value]);
      // And the heap panel's summary, as the heap request would answer it.
      const heap = await shell.handle.backend.heap({});
      expect(step.after!.heap).toEqual(heap);
      expect(heap.ok && heap.value.live.length).toBeGreaterThan(0);
    } finally {
      socket.close();
    }
  });

  it('a step whose change lies outside the named window brings the bytes where the grid goes (near)', async () => {
    const socket = await openRawSocket(shell.port, shell.token);
    try {
      await roundTrip(socket, 1, 'openDemo', { id: 'return-string' });
      const from = await roundTrip(socket, 2, 'listDemos', {});
      // The grid at the start of memory; malloc(8) creates `ret` far above it.
      const window = { address: 0, length: 4096 };
      const answered = await roundTrip(socket, 3, 'step', { window, heap: true });
      const frames = socket.frames.slice(from, answered);
      expect(frames).toHaveLength(2);
      const step = (decode(frames[0]) as { payload: StepEvent }).payload;
      const ret = step.after!.regions.find((r) => r.name === 'ret' && r.createdStep === 0)!;
      const near = step.after!.near!;
      expect(near).toMatchObject({ memorySize: step.after!.memorySize, step: 0 });
      // The page around `ret` fits: as much on either side as the window the request named.
      expect(near.address).toBeLessThanOrEqual(ret.start - window.length / 2);
      expect(near.address + near.bytes.length).toBeGreaterThanOrEqual(ret.start + window.length / 2);
      const read = await shell.handle.backend.readMemory({ address: near.address, length: near.bytes.length });
      if (!read.ok) throw new Error(read.error.message);
      expect(Buffer.from(near.bytes).equals(Buffer.from(read.value.bytes))).toBe(true);
      expect(step.after!.window!.address).toBe(0);
    } finally {
      socket.close();
    }
  });

  it('a step whose change is inside the named window brings no second window', async () => {
    const socket = await openRawSocket(shell.port, shell.token);
    try {
      await roundTrip(socket, 1, 'openDemo', { id: 'return-string' });
      const from = await roundTrip(socket, 2, 'listDemos', {});
      const answered = await roundTrip(socket, 3, 'step', { window: { address: 0x10000, length: 4096 }, heap: true });
      const step = (decode(socket.frames[from]) as { payload: StepEvent }).payload;
      expect(answered - from).toBe(2);
      expect(step.after!.window).toBeDefined();
      expect(step.after!.near).toBeUndefined();
    } finally {
      socket.close();
    }
  });

  it('a step request without a window gets the state after it, and no bytes', async () => {
    const socket = await openRawSocket(shell.port, shell.token);
    try {
      await roundTrip(socket, 1, 'openDemo', { id: 'return-string' });
      const from = await roundTrip(socket, 2, 'listDemos', {});
      const answered = await roundTrip(socket, 3, 'step', {});
      const frames = socket.frames.slice(from, answered);
      expect(frames).toHaveLength(2);
      const event = decode(frames[0]);
      expect(event).toMatchObject({ type: 'event', name: 'step', payload: { index: 0, after: { state: 'paused' } } });
      expect(frames[0].opcode).toBe(1);
    } finally {
      socket.close();
    }
  });
});
