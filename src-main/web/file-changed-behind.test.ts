// A tab that stops reading (frozen, backgrounded) while a build loop rewrites the modules
// `memscope serve` opened: each change carries the module, and none was ever dropped, so the
// server held every version for that tab (a send queue without bound). Now, behind, it holds the
// latest change per file, and the tab gets those once it reads again, in the order they changed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FileChange } from '../shared/contract.ts';
import { decodeWire, type ServerMessage } from '../shared/wire.ts';
import { STATE_BACKLOG } from './outbox.ts';
import { startWebShell, type WebShell } from './server.ts';

const MIB = 1 << 20;

let shell: WebShell;
beforeAll(async () => {
  shell = await startWebShell({});
});
afterAll(() => shell.close());

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a tab that does not read while files change on disk', () => {
  it('holds the latest change per file for it, and sends those once it reads again', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: shell.origin, maxPayload: 0 });
    const changes: FileChange[] = [];
    let connected = false;
    ws.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const m = decodeWire(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8')) as ServerMessage;
      if (m.type === 'event' && m.name === 'session') connected = true;
      if (m.type === 'event' && m.name === 'fileChanged') changes.push(m.payload as FileChange);
    });
    await new Promise((done, fail) => ws.once('open', done).once('error', fail));
    await until(() => connected, 'the first view');
    ws.pause();

    // A build loop over two modules, 8 MiB each time: 320 MiB in all, far past the bound.
    const bytes = new Uint8Array(8 * MIB);
    const change = (path: string, i: number): FileChange => ({ kind: 'module', path, module: { name: path, bytes, sha256: String(i) } });
    let peak = 0;
    for (let i = 0; i < 40; i++) {
      shell.fileChanged(change(i % 2 === 0 ? 'a.wasm' : 'b.wasm', i));
      peak = Math.max(peak, ...shell.backlogs());
      await new Promise((r) => setTimeout(r, 5));
    }
    // The bound, the change that crossed it, and what the socket itself took in.
    expect(peak).toBeLessThan(STATE_BACKLOG + 3 * 8 * MIB);
    const seen = changes.length;
    ws.resume();
    await until(() => changes.at(-1)?.module?.sha256 === '39', 'the last change');
    await new Promise((r) => setTimeout(r, 200));
    // Every change the tab got is one that was made, in the order made; the last two are the
    // latest of each file, a's then b's, and most versions in between never went out.
    const order = changes.map((c) => Number(c.module!.sha256));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(order.slice(-2)).toEqual([38, 39]);
    expect(changes.slice(-2).map((c) => c.path)).toEqual(['a.wasm', 'b.wasm']);
    expect(changes.length).toBeLessThan(20);
    expect(seen).toBeLessThanOrEqual(changes.length);
    ws.close();
  }, 120_000);
});
