// The web shell shutting down (Ctrl-C on memscope serve) with tabs connected: a tab that reads
// is told why, with a close code and reason, not cut off with 1006 "abnormal closure"; a tab
// that does not read does not hold the shutdown up, and no tab gets in meanwhile.

import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebShell, type WebShell } from './server.ts';

function openTab(shell: WebShell): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: shell.origin });
  const closed = new Promise<{ code: number; reason: string }>((done) => ws.once('close', (code, reason) => done({ code, reason: String(reason) })));
  ws.on('error', () => undefined);
  return new Promise((done, fail) => {
    ws.once('open', () => done({ ws, closed }));
    ws.once('error', fail);
  });
}

describe('the web shell shutting down with tabs open', () => {
  it('tells a reading tab why it closes, and does not wait on one that does not read, nor let a new one in', async () => {
    const shell = await startWebShell({});
    const reading = await openTab(shell);
    const frozen = await openTab(shell);
    frozen.ws.pause();
    const closed = shell.close();
    // While close() waits on the frozen tab, a new one is refused: it would outlive the close.
    const late = await new Promise<number>((done) => {
      const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: shell.origin });
      ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
      ws.on('open', () => done(101));
      ws.on('error', () => done(-1));
    });
    expect(late).toBe(503);
    await closed;
    expect(await reading.closed).toEqual({ code: 1001, reason: 'memscope serve is shutting down' });
    // Cut off, since it never answered: its socket is gone once it reads again.
    frozen.ws.resume();
    expect((await frozen.closed).code).toBeGreaterThan(0);
  }, 30_000);
});
