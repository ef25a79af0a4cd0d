// WebShell.fileChanged: a file `memscope serve` opened changed on disk. Every tab hears of it,
// and a tab that connects later hears the latest change per file (a page reloaded after a
// rebuild otherwise ran the old module without a word).
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeWire, type ServerMessage } from '../shared/wire.ts';
import type { FileChange } from '../shared/contract.ts';
import type { WebShell } from './server.ts';
import { stubRendererShell } from './testing/stub-renderer.ts';

let shell: WebShell;

beforeAll(async () => {
  shell = await stubRendererShell();
});
afterAll(() => shell.close());

async function open(): Promise<{ ws: WebSocket; changes: FileChange[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: shell.origin });
  const changes: FileChange[] = [];
  ws.on('message', (data, isBinary) => {
    const m = decodeWire(isBinary ? new Uint8Array(data as Buffer) : String(data)) as ServerMessage;
    if (m.type === 'event' && m.name === 'fileChanged') changes.push(m.payload as FileChange);
  });
  await new Promise((done, fail) => ws.once('open', done).once('error', fail));
  return { ws, changes };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

it('sends a file change to every tab, and the latest per file to a tab that connects later', async () => {
  const first = await open();
  const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  const module: FileChange = { kind: 'module', path: 'm.wasm', module: { name: 'm.wasm', bytes, sha256: 'ab' } };
  shell.fileChanged({ kind: 'module', path: 'm.wasm', problem: 'cannot be loaded: it is gone from disk' });
  shell.fileChanged(module);
  const sequence: FileChange = { kind: 'sequence', path: 's.wseq', sequence: { name: 's.wseq', text: 'x = 1\n', earlier: [] } };
  shell.fileChanged(sequence);
  await until(() => first.changes.length >= 3);
  expect(first.changes.slice(1)).toEqual([module, sequence]);
  const later = await open();
  await until(() => later.changes.length >= 2);
  await new Promise((r) => setTimeout(r, 100));
  expect(later.changes).toEqual([module, sequence]);
  first.ws.close();
  later.ws.close();
});
