// A 256 MiB raw export through a real `memscope serve` (issue 13, item 1): the bytes arrive
// whole as a binary frame, the server stays up and answers afterwards, and its heap does not
// balloon the way a base64 JSON string did (that ended the process with a V8 heap OOM).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient, startServe } from './testing/serve-process.ts';

const MIB = 1 << 20;
const TESTDATA = join(import.meta.dirname, '..', 'testdata');

describe('memscope serve and a 256 MiB memory', () => {
  it('exports it as .bin and answers afterwards', async () => {
    const serve = await startServe();
    try {
      const client = await connectClient(serve);
      const module = { name: 'big-memory.wasm', bytes: new Uint8Array(readFileSync(join(TESTDATA, 'big-memory.wasm'))) };
      const opened = await client.request('openModule', { module, sequence: { name: 'b.wseq', text: 'mark(268435455, 7)\n' } });
      expect(opened.ok).toBe(true);
      expect((await client.request('run', {})).ok).toBe(true);
      const exported = await client.request<{ name: string; bytes: Uint8Array }>('exportSnapshot', { format: 'bin' });
      expect(exported.ok).toBe(true);
      if (!exported.ok) return;
      expect(exported.value.name).toMatch(/\.bin$/);
      expect(exported.value.bytes.length).toBe(256 * MIB);
      expect(exported.value.bytes[256 * MIB - 1]).toBe(7);
      const again = await client.request('getSession', {});
      expect(again.ok).toBe(true);
      // The guest's 256 MiB and one export copy are expected; base64 strings were ~19 B/byte.
      if (process.env.MEMSCOPE_FIGURES) console.log(`serve peak RSS ${(serve.peakRss() / MIB).toFixed(0)} MiB`);
      expect(serve.peakRss()).toBeLessThan(1024 * MIB);
      client.ws.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 180_000);
});
