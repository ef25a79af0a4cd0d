// A run nobody watches is stopped: a stuck guest kept a core spinning after its last tab closed,
// until the sequence's time limit (here a minute; up to a day). The page that comes back finds
// the step stopped, saying why.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepEvent } from '../shared/contract.ts';
import { EXAMPLES_DIR } from '../paths.ts';
import { startWebShell, type WebShell } from './server.ts';
import { openRawSocket } from './testing/raw-socket.ts';

let shell: WebShell;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-unattended-'));
  const sequence = join(dir, 'spin.wseq');
  writeFileSync(sequence, `module "${join(EXAMPLES_DIR, 'infinite-loop', 'infinite-loop.wasm')}"\ntimeout 60000\nspin()\n`);
  shell = await startWebShell({ sequence, unattendedStopMs: 50 });
});
afterAll(() => shell.close());

describe('the web shell with no tab connected', () => {
  it('stops a stuck step once its last tab has gone, with that as the reason', async () => {
    const stopped = new Promise<StepEvent>((done) => shell.handle.onEvent((e) => {
      if (e.name === 'step' && !e.payload.ok) done(e.payload);
    }));
    const socket = await openRawSocket(shell.port, shell.token);
    socket.sendText(JSON.stringify({ type: 'request', id: 1, name: 'step', params: {} }));
    // The step is running before the tab goes.
    await expect.poll(async () => {
      const view = await shell.handle.backend.getSession({});
      return view.ok && view.value?.state;
    }, { timeout: 60_000 }).toBe('running');
    socket.close();
    const record = await stopped;
    expect(record.error).toMatchObject({ code: 'stopped', message: 'stopped: no page was connected for 50 ms; the worker was terminated' });
  });
});
