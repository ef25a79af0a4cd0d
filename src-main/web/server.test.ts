// The web shell over real HTTP and WebSocket on 127.0.0.1: token and Origin checks, static
// files, malformed frames, a request round trip and events reaching every tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { decodeWire, encodeWire, joinFrame, type ServerMessage } from '../shared/wire.ts';
import type { WebShell } from './server.ts';
import { stubRendererShell } from './testing/stub-renderer.ts';

let shell: WebShell;

beforeAll(async () => {
  shell = await stubRendererShell(true);
});
afterAll(() => shell.close());

function get(path: string, host?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Connects and resolves with the socket once open, or with the HTTP status of the refusal. */
function connect(query: string, origin: string | null): Promise<{ ws: WebSocket; messages: ServerMessage[] } | number> {
  return new Promise((done) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws${query}`, origin === null ? {} : { origin });
    const messages: ServerMessage[] = [];
    ws.on('message', (data, isBinary) => messages.push(decodeWire(isBinary ? new Uint8Array(data as Buffer) : String(data)) as ServerMessage));
    ws.on('open', () => done({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

async function open(): Promise<{ ws: WebSocket; messages: ServerMessage[] }> {
  const c = await connect(`?token=${shell.token}`, shell.origin);
  if (typeof c === 'number') throw new Error(`refused with ${c}`);
  return c;
}

/** Generous: opening a module starts a worker, which a loaded 2-core machine can take seconds over. */
async function waitFor<T>(messages: ServerMessage[], pick: (m: ServerMessage) => T | undefined): Promise<T> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const m of messages) {
      const v = pick(m);
      if (v !== undefined) return v;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting for a message');
}

const response = (id: number) => (m: ServerMessage) => (m.type === 'response' && m.id === id ? m.result : undefined);

describe('web shell', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    expect(shell.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with MIME types and a strict CSP, and nothing outside it', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain(`ws://127.0.0.1:${shell.port}`);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/', 'evil.example:80')).status).toBe(421);
    expect((await get('/ws')).status).toBe(426);
    expect((await get('//[')).status).toBe(400);
    expect((await get('/', undefined)).status).toBe(200);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another Origin', async () => {
    expect(await connect('', shell.origin)).toBe(401);
    expect(await connect('?token=wrong', shell.origin)).toBe(401);
    expect(await connect(`?token=${shell.token}x`, shell.origin)).toBe(401);
    expect(await connect(`?token=${shell.token}`, 'http://evil.example')).toBe(403);
    expect(await connect(`?token=${shell.token}`, `http://127.0.0.1:${shell.port + 1}`)).toBe(403);
    expect(await connect(`?token=${shell.token}`, null)).toBe(403);
  });

  it('answers malformed frames with errors and keeps the connection', async () => {
    const { ws, messages } = await open();
    ws.send('this is not json');
    ws.send(JSON.stringify({ type: 'request', id: 7, name: 'formatDisk', params: {} }));
    ws.send(JSON.stringify({ type: 'request', id: 8, name: 'readMemory', params: { address: -5, length: 4 } }));
    ws.send(JSON.stringify([1, 2, 3]));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send(Buffer.from([2, 0, 0, 0, 0x7b, 0x7d, 9]), { binary: true });
    ws.send(joinFrame(encodeWire({ type: 'request', id: 10, name: 'evaluate', params: { bytes: new Uint8Array(3) } }) as Uint8Array[]).subarray(0, 30), { binary: true });
    const notJson = await waitFor(messages, response(-1));
    expect(notJson).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await waitFor(messages, response(7))).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringMatching(/unknown request/) } });
    expect(await waitFor(messages, response(8))).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringMatching(/address/) } });
    await waitFor(messages, (m) => (m.type === 'response' && m.id === -1 && messages.filter((x) => x.type === 'response' && x.id === -1).length >= 4 ? true : undefined));
    // A binary frame whose $blob points past its end is refused as malformed, not read out of bounds.
    expect(messages.filter((x) => x.type === 'response' && x.id === -1 && !x.result.ok && /malformed binary frame/.test(x.result.error.message))).toHaveLength(2);
    ws.send(encodeWire({ type: 'request', id: 9, name: 'listDemos', params: {} }));
    const demos = await waitFor(messages, response(9));
    expect(demos.ok && (demos.value as { id: string }[]).some((d) => d.id === 'return-string')).toBe(true);
    ws.close();
  });

  it('round-trips requests with bytes and pushes events to every tab', async () => {
    const a = await open();
    const b = await open();
    // A new tab is told the current session at once.
    await waitFor(b.messages, (m) => (m.type === 'event' && m.name === 'session' ? true : undefined));

    a.ws.send(encodeWire({ type: 'request', id: 1, name: 'openDemo', params: { id: 'return-string' } }));
    const opened = await waitFor(a.messages, response(1));
    expect(opened.ok).toBe(true);
    const view = await waitFor(b.messages, (m) => (m.type === 'event' && m.name === 'session' && m.payload ? m.payload : undefined));
    expect(view).toMatchObject({ moduleName: 'return-string.wasm', state: 'ready' });

    a.ws.send(encodeWire({ type: 'request', id: 2, name: 'step', params: {} }));
    expect(await waitFor(a.messages, response(2))).toEqual({ ok: true, value: { ran: 1 } });
    const record = await waitFor(b.messages, (m) => (m.type === 'event' && m.name === 'step' ? m.payload : undefined));
    expect(record).toMatchObject({ index: 0, ok: true });

    b.ws.send(encodeWire({ type: 'request', id: 3, name: 'readMemory', params: { address: 0, length: 4096 } }));
    const read = await waitFor(b.messages, response(3));
    if (!read.ok) throw new Error(read.error.message);
    const bytes = (read.value as { bytes: unknown }).bytes;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect((bytes as Uint8Array).length).toBe(4096);
    a.ws.close();
    b.ws.close();
  });
});
