// The web shell under requests a client may send but the happy path never does: the largest
// request the backend accepts is answered, not cut off by the frame limit, and a refused
// WebSocket upgrade says which check failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { decodeWire, encodeWire, joinFrame, type ServerMessage } from '../shared/wire.ts';
import { MAX_IMAGE_BYTES, MAX_MODULE_BYTES } from '../backend/validate.ts';
import type { WebShell } from './server.ts';
import { stubRendererShell } from './testing/stub-renderer.ts';

let shell: WebShell;

beforeAll(async () => {
  shell = await stubRendererShell();
});
afterAll(() => shell.close());

/** Sends one frame on a fresh tab; resolves with the response to `id`, or with the close code if the server hung up. */
function answer(frame: string | Uint8Array, id: number): Promise<ServerMessage | { closed: number }> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: shell.origin });
    ws.on('open', () => ws.send(frame, { binary: typeof frame !== 'string' }));
    ws.on('message', (data, isBinary) => {
      const m = decodeWire(isBinary ? new Uint8Array(data as Buffer) : String(data)) as ServerMessage;
      if (m.type === 'response' && m.id === id) {
        done(m);
        ws.close();
      }
    });
    ws.on('close', (code) => done({ closed: code }));
    ws.on('error', fail);
  });
}

/** A raw upgrade request; resolves with the status line and body of the answer. */
function upgrade(path: string, headers: Record<string, string>): Promise<{ status: string; body: string }> {
  return new Promise((done, fail) => {
    const socket = connect(shell.port, '127.0.0.1');
    let text = '';
    socket.on('connect', () => socket.write([
      `GET ${path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Upgrade: websocket', 'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', '', '',
    ].join('\r\n')));
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => done({ status: text.split('\r\n')[0], body: text.split('\r\n\r\n')[1] ?? '' }));
    socket.on('error', fail);
  });
}

describe('web shell bad input', () => {
  it('answers openImage with the largest image and module validate.ts accepts instead of closing the tab', async () => {
    // Before: the frame limit (48 MiB) was below this 64 MiB request, so the server closed the
    // socket and the page said the server was gone, when it was only a large pair of files.
    const frame = joinFrame(encodeWire({
      type: 'request', id: 1, name: 'openImage',
      params: { image: { name: 'big.bin', bytes: new Uint8Array(MAX_IMAGE_BYTES) }, module: { name: 'big.wasm', bytes: new Uint8Array(MAX_MODULE_BYTES) } },
    }) as Uint8Array[]);
    const reply = await answer(frame, 1);
    expect(reply).toMatchObject({ type: 'response', id: 1, result: { ok: expect.any(Boolean) } });
  }, 120_000);

  it('says which check refused a WebSocket upgrade', async () => {
    const host = `127.0.0.1:${shell.port}`;
    const origin = shell.origin;
    expect(await upgrade('/ws?token=wrong', { Host: host, Origin: origin }))
      .toEqual({ status: 'HTTP/1.1 401 Unauthorized', body: 'missing or wrong token: open the URL memscope serve printed\n' });
    expect(await upgrade(`/ws?token=${shell.token}`, { Host: host, Origin: 'http://evil.example' }))
      .toEqual({ status: 'HTTP/1.1 403 Forbidden', body: `wrong Origin header: expected ${origin} or http://localhost:${shell.port}\n` });
    expect(await upgrade(`/ws?token=${shell.token}`, { Host: 'evil.example', Origin: origin }))
      .toEqual({ status: 'HTTP/1.1 403 Forbidden', body: `wrong Host header: expected ${host} or localhost:${shell.port}\n` });
    expect(await upgrade(`/socket?token=${shell.token}`, { Host: host, Origin: origin }))
      .toEqual({ status: 'HTTP/1.1 404 Not Found', body: 'no WebSocket here: it is at /ws\n' });
  });
});
