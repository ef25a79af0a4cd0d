// The first walk that succeeds after failed ones (a corrupt header the host wrote back) finds
// every change of the steps between at once: the host's allocations and frees in them keep
// their own lines, the guest's say they were made while the heap walk failed, and `expect no
// leaks` answers again with the right lines.
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { boundInt, runHeapSequence } from './testing.ts';

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
      expect(repaired.freed).toEqual([expect.objectContaining({ address: boundInt(records, 'guard'), freedBy: 'host' })]);
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
});
