// A guest that writes 512 MiB to stdout while one tab does not read for the whole run and
// another reads as fast as it can, through a real `memscope serve` (issue 13, item 5): neither
// socket is dropped, every byte is either delivered or counted in a visible "not shown"
// marker, and the server's memory stays bounded.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../shared/dto.ts';
import type { SessionDelta } from '../shared/contract.ts';
import type { ServerMessage } from '../shared/wire.ts';
import { connectClient, startServe } from './testing/serve-process.ts';

const MIB = 1 << 20;
const BLOCKS = 8192; // × 64 KiB = 512 MiB
const TESTDATA = join(import.meta.dirname, '..', 'testdata');

function accounted(messages: ServerMessage[]): { shown: number; omitted: number } {
  let shown = 0;
  let omitted = 0;
  for (const m of messages) {
    if (m.type !== 'event' || m.name !== 'output') continue;
    const chunk = m.payload as OutputChunk;
    shown += chunk.bytes.length;
    omitted += chunk.omitted ?? 0;
  }
  return { shown, omitted };
}

/** Waits for `check`; a closed socket on the way is the failure this test is about. */
async function until(check: () => boolean, sockets: { readyState: number; CLOSED: number }[]): Promise<void> {
  while (!check()) {
    if (sockets.some((s) => s.readyState === s.CLOSED)) throw new Error('the server closed a tab that was reading');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('memscope serve under a flood of guest output', () => {
  it('keeps a tab that is not reading connected, and accounts for every byte', async () => {
    const serve = await startServe();
    try {
      const fast = await connectClient(serve);
      const slow = await connectClient(serve);
      const module = { name: 'spew.wasm', bytes: new Uint8Array(readFileSync(join(TESTDATA, 'spew.wasm'))) };
      const opened = await fast.request('openModule', { module, sequence: { name: 's.wseq', text: `timeout 600000\nspew(${BLOCKS})\n` } });
      expect(opened.ok).toBe(true);
      slow.ws.pause();
      const ran = fast.request('run', {});
      const done = () => fast.messages.some((m) => m.type === 'event' && m.name === 'delta' && (m.payload as SessionDelta).state === 'done');
      await until(done, [fast.ws, slow.ws]);
      expect((await ran).ok).toBe(true);
      slow.ws.resume();
      const answered = await slow.request('getSession', {});
      expect(answered.ok).toBe(true);
      await until(() => accounted(slow.messages).shown + accounted(slow.messages).omitted >= BLOCKS * 65536, [slow.ws]);
      for (const tab of [fast, slow]) {
        const { shown, omitted } = accounted(tab.messages);
        expect(shown + omitted).toBe(BLOCKS * 65536);
      }
      expect(accounted(slow.messages).omitted).toBeGreaterThan(256 * MIB);
      expect(slow.ws.readyState).toBe(slow.ws.OPEN);
      if (process.env.MEMSCOPE_FIGURES) console.log(`serve peak RSS ${(serve.peakRss() / MIB).toFixed(0)} MiB; slow tab shown ${(accounted(slow.messages).shown / MIB).toFixed(1)} MiB`);
      expect(serve.peakRss()).toBeLessThan(1024 * MIB);
      fast.ws.close();
      slow.ws.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 300_000);
});
