// The guest's output while a step runs on and at disconnect: a line written in pieces (progress
// dots) reaches the debug console while the guest still runs, and what is held when the client
// disconnects is sent before the disconnect's response, not dropped.

import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GuestOutput } from './guest-output.ts';
import { launchedAdapters } from './testing/dap-client.ts';

const TESTDATA = join(new URL('.', import.meta.url).pathname, 'testdata');
const launched = launchedAdapters();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('GuestOutput', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('a line written in pieces every 10 ms is sent 50 ms after its first piece, not held until the line ends', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const output = new GuestOutput((text) => sent.push(text));
    // Each piece restarted the wait for the rest of the line, so a guest writing progress dots
    // showed nothing until a newline (or 64 KiB) came.
    const dots = (n: number) => {
      for (let i = 0; i < n; i++) {
        output.push('stdout', bytes('.'));
        vi.advanceTimersByTime(10);
      }
    };
    dots(4);
    expect(sent).toEqual([]);
    dots(1);
    expect(sent).toEqual(['.....']);
    dots(5);
    expect(sent).toEqual(['.....', '.....']);
    // A newline still sends at once, at the end of its turn.
    output.push('stdout', bytes('.\n'));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual(['.....', '.....', '.\n']);
  });
});

describe('memscope dap guest output held mid-line', () => {
  it('progress dots with no newline arrive while the step still runs', async () => {
    const client = await launched({ program: join(TESTDATA, 'dots.wseq') });
    await client.request('configurationDone');
    const first = await client.waitEvent('output', 5000);
    expect(first.body).toMatchObject({ category: 'stdout', output: expect.stringMatching(/^\.+$/) });
    await client.request('disconnect', {});
  });

  it('at disconnect, what the guest wrote and the adapter still holds (half a character) is sent before the response', async () => {
    const client = await launched({ program: join(TESTDATA, 'half-then-spin.wseq') });
    await client.request('configurationDone');
    // "ok " once the wait for the rest of its line is over; the two bytes of "€" stay held.
    await client.waitEvent('output', 5000);
    expect((await client.request('disconnect', {})).success).toBe(true);
    expect(client.output_('stdout')).toBe('ok \uFFFD');
  });
});
