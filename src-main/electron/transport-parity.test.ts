// The two transports of one contract, side by side: Electron's IPC handler (ipc.ts) and the web
// shell's socket (connection.ts) over the same backend must answer every request the same way —
// the same requests reach the backend with the same params, the same refusals for names outside
// the contract, the same error for a handler that throws, and the same values after the trip
// (structured clone for IPC, wire.ts for the socket). A request or a refusal that one transport
// gains and the other lacks fails here.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, type Backend } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { decodeWire, encodeWire, joinFrame, type ServerMessage } from '../shared/wire.ts';
import type { BackendHandle } from '../backend/handle.ts';
import { serveConnection } from '../web/connection.ts';

const ipc = vi.hoisted(() => ({ handlers: new Map<string, (...args: unknown[]) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => Promise<unknown>) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
  app: {}, dialog: {}, session: {}, BrowserWindow: class {},
}));
const { registerIpc } = await import('./ipc.ts');
const { CHANNEL } = await import('./channels.ts');

/** What the backend answers: the request it got back, with values JSON alone would lose. */
function fakeBackend(calls: [string, unknown][]): Backend {
  return Object.fromEntries(REQUEST_NAMES.map((name) => [name, async (params: unknown) => {
    calls.push([name, params]);
    if (name === 'heap') throw new Error('boom');
    return { ok: true, value: { name, params, nan: NaN, negZero: -0, inf: -Infinity, bytes: new Uint8Array([1, 2, 3]) } };
  }])) as unknown as Backend;
}

const INDEX = '/app/out/renderer/index.html';

/** Electron: the invoke handler as the preload reaches it from our page, the answer structured-cloned back. */
function electronTransport(backend: Backend): (name: unknown, params: unknown) => Promise<Result<unknown>> {
  const mainFrame = { url: `file://${INDEX}` };
  const win = { webContents: { mainFrame, send: () => undefined }, isDestroyed: () => false };
  const handle = { backend, onEvent: () => () => undefined, trustFile: () => undefined } as unknown as BackendHandle;
  registerIpc(() => win as never, handle, INDEX);
  const event = { sender: win.webContents, senderFrame: mainFrame };
  return async (name, params) => structuredClone(await ipc.handlers.get(CHANNEL.request)!(event, structuredClone(name), structuredClone(params))) as Result<unknown>;
}

/** The web shell: one tab's socket, frames encoded and decoded as the page does. */
function webTransport(backend: Backend): (name: unknown, params: unknown) => Promise<Result<unknown>> {
  const socket = Object.assign(new EventEmitter(), {
    OPEN: 1, readyState: 1, bufferedAmount: 0, isPaused: false,
    pause: () => undefined, resume: () => undefined, terminate: () => undefined,
    send(data: string | Uint8Array) {
      const m = decodeWire(typeof data === 'string' ? data : new Uint8Array(data)) as ServerMessage;
      if (m.type === 'response') waiting.get(m.id)?.(m.result);
    },
  });
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  serveConnection(socket as never, backend);
  let nextId = 1;
  return (name, params) => new Promise((done) => {
    const id = nextId++;
    waiting.set(id, done);
    const frame = encodeWire({ type: 'request', id, name: name as never, params });
    socket.emit('message', typeof frame === 'string' ? Buffer.from(frame) : Buffer.from(joinFrame(frame)), typeof frame !== 'string');
  });
}

describe('Electron IPC and the web shell socket carry the same contract', () => {
  const electronCalls: [string, unknown][] = [];
  const webCalls: [string, unknown][] = [];
  const electron = electronTransport(fakeBackend(electronCalls));
  const web = webTransport(fakeBackend(webCalls));

  it('registers one request channel and the two dialogs, nothing more', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([CHANNEL.request, CHANNEL.pickFile, CHANNEL.saveFile].sort());
  });

  it('routes every contract request to the backend with the same params and the same answer', async () => {
    for (const name of REQUEST_NAMES) {
      const params = { at: 16, bytes: new Uint8Array([9, 8]), nan: NaN };
      const [a, b] = await Promise.all([electron(name, params), web(name, params)]);
      expect(b, name).toEqual(a);
    }
    expect(webCalls).toEqual(electronCalls);
    expect(electronCalls.map(([name]) => name)).toEqual([...REQUEST_NAMES]);
  });

  it('refuses names outside the contract alike, shell-only requests included', async () => {
    for (const name of ['pickFile', 'saveFile', 'on', 'constructor', '__proto__', 'toString', 'ping', 'disconnected']) {
      const [a, b] = await Promise.all([electron(name, {}), web(name, {})]);
      expect(a, name).toEqual({ ok: false, error: { code: 'usage', message: `unknown request "${name}"` } });
      expect(b, name).toEqual(a);
    }
  });

  it('answers a handler that throws with the same internal error', async () => {
    const [a, b] = await Promise.all([electron('heap', {}), web('heap', {})]);
    expect(a).toEqual({ ok: false, error: { code: 'internal', message: 'heap failed unexpectedly: boom' } });
    expect(b).toEqual(a);
  });
});
