// The first walk that succeeds after failed ones (a corrupt header the host wrote back) finds
// every change of the steps between at once: the host's allocations and frees in them keep
// their own lines, the guest's say they were made while the heap walk failed, and `expect no
// leaks` answers again with the right lines.
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { boundInt, runHeapSequence } from './testing.ts';
import { formatStepHeap } from '../../../shared/heap-format.ts';

const open = openSessionsDisposedAfterEach();

// keep's header is overwritten (every walk fails) and written back at line 8; x, guard's free
// and the block churn keeps all happen in between.
const SEQUENCE = `keep = malloc(24)
guard = malloc(24)
h = read u32 @ keep - 4
write u32 0xdeadbeef @ keep - 4
x = malloc(100)
free(guard)
k = churn(8)
write u32 h @ keep - 4
free(keep)
expect no leaks
`;

describe('the ledger after a blind window', () => {
  for (const wasm of ['doublefree-emmalloc.wasm', 'doublefree-wasi.wasm', 'doublefree-emcc.wasm']) {
    it(`${wasm}: the walk that succeeds again credits the window's changes to their lines, not to its own`, async () => {
      const { records } = await runHeapSequence(open, wasm, SEQUENCE);
      const x = boundInt(records, 'x');
      const k = boundInt(records, 'k');
      expect(records.slice(3, 7).every((r) => r.heap?.walk?.startsWith('corrupt'))).toBe(true);
      const repaired = records[7]!.heap!;
      expect(repaired.walk).toBeUndefined();
      // Before: x "allocated at line 8 by the guest", guard "freed by the guest" at line 8, a write step.
      expect(repaired.allocated).toContainEqual(expect.objectContaining({ address: x, owner: 'host', line: 5, by: 'malloc' }));
      const guard = boundInt(records, 'guard');
      expect(repaired.freed).toEqual([expect.objectContaining({ address: guard, freedBy: 'host', freedLine: 6 })]);
      // Before: listed under line 8 as "host freed 24 B at … (from line 2, host malloc)", read as freed by the write.
      expect(formatStepHeap(repaired, undefined, 8)).toContainEqual(expect.stringMatching(new RegExp(`^heap: host freed \\d+ B at 0x${guard.toString(16)} at line 6 \\(from line 2, host malloc\\)$`)));
      // keep's free at line 9, after the window, is listed under its own step: no line of its own.
      expect(records[8]!.heap!.freed).toEqual([expect.objectContaining({ address: boundInt(records, 'keep'), freedBy: 'host' })]);
      expect(records[8]!.heap!.freed[0]).not.toHaveProperty('freedLine');
      expect(repaired.allocated).toContainEqual(expect.objectContaining({ address: k, owner: 'guest', line: 4, by: 'a call between lines 4 and 8, while the heap walk failed' }));
      const expectStep = records.at(-1)!;
      expect(expectStep.ok).toBe(false);
      expect(expectStep.error?.message).toContain(`B at 0x${x.toString(16)} (line 5, host malloc)`);
      expect(expectStep.error?.message).toContain(`B at 0x${k.toString(16)} (line 4, guest in a call between lines 4 and 8, while the heap walk failed)`);
    });
  }

  it('a double free of a block the host freed in the window names the free\'s own line', async () => {
    const { records } = await runHeapSequence(open, 'doublefree-wasi.wasm', `keep = malloc(24)
guard = malloc(24)
h = read u32 @ keep - 4
write u32 0xdeadbeef @ keep - 4
free(guard)
write u32 h @ keep - 4
free(guard)
`);
    expect(records[6]!.ok).toBe(false);
    expect(records[6]!.error?.message).toMatch(/already freed at line 5 by the host; it was allocated at line 2 by the host's malloc/);
  });

  it('a block the guest freed in the window is said freed in the window\'s calls, not at the line of the walk that found it', async () => {
    const { records } = await runHeapSequence(open, 'doublefree-wasi.wasm', `keep = malloc(24)
guard = malloc(24)
h = read u32 @ keep - 4
write u32 0xdeadbeef @ keep - 4
free_at(guard, 0)
write u32 h @ keep - 4
v = read u32 @ guard
free(guard)
`);
    expect(records[5]!.heap!.freed).toEqual([expect.objectContaining({ address: boundInt(records, 'guard'), freedBy: 'guest' })]);
    // Before: "freed at line 6" and "already freed at line 6 by the guest": line 6 is the write that repaired the header.
    const window = 'by the guest in a call between lines 4 and 6, while the heap walk failed; it was allocated at line 2 by the host\'s malloc';
    expect(records[6]!.heap!.problems.map((p) => p.message)).toEqual([expect.stringContaining(`, freed ${window}`)]);
    expect(records[7]!.ok).toBe(false);
    expect(records[7]!.error?.message).toContain(`already freed ${window}`);
  });

  // b gets a's freed block while keep's header is overwritten: the walk cannot see it, the host's malloc can.
  for (const wasm of ['doublefree-wasi.wasm', 'doublefree-emcc.wasm', 'doublefree-emmalloc.wasm']) {
    it(`${wasm}: a block the host allocated in the window, at a freed block's address, is used and freed without a problem`, async () => {
      const { records } = await runHeapSequence(open, wasm, `keep = malloc(24)
a = malloc(24)
guard = malloc(24)
free(a)
h = read u32 @ keep - 4
write u32 0xdeadbeef @ keep - 4
b = malloc(24)
write u32 1 @ b
free(b)
write u32 h @ keep - 4
expect no heap problems
`);
      expect(boundInt(records, 'b')).toBe(boundInt(records, 'a'));
      expect(records.slice(5, 8).every((r) => r.heap?.walk?.startsWith('corrupt'))).toBe(true);
      // Before: line 8 "use after free: the write of 4 bytes … freed at line 4", line 9 refused as a double free.
      expect(records[7]!.heap!.problems).toEqual([]);
      expect(records[8]!.ok).toBe(true);
      expect(records[8]!.calls).toMatchObject([{ export: 'free' }]);
      // b was made and freed inside the window: the walk after it sees a's free block, as before it.
      expect(records[9]!.heap!.walk).toBeUndefined();
      expect(records[9]!.heap!.freed).toEqual([]);
      expect(records.at(-1)!.heap!.problems).toEqual([]);
      const problems = records.at(-1)!.error?.message;
      expect(problems).toMatch(/^expected no heap problems.*line 6/);
      expect(problems).not.toMatch(/use after free|double free/);
    });
  }
});
