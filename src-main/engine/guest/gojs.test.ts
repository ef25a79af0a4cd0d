// Go's runtime imports read in the call log from their stack-slot layouts (data beside each
// entry): arguments before the call, results after it, in the words the log has always used.
import { describe, expect, it } from 'vitest';
import type { ImportCallRecord } from '../../shared/dto.ts';
import { GuestMemory } from '../memory/guest-memory.ts';
import { goRuntimeFunction } from './gojs.ts';
import { recordsTo } from './host-call.ts';
import type { ImportContext } from './import-context.ts';
import { readSlots, slots, writeSlots } from './stack-slots.ts';

const SP = 1024;

function setup() {
  const records: ImportCallRecord[] = [];
  const memory = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
  const out: string[] = [];
  const ctx: ImportContext = {
    memory: () => memory,
    stdout: (b) => out.push(`1:${new TextDecoder().decode(b)}`),
    stderr: (b) => out.push(`2:${new TextDecoder().decode(b)}`),
    calls: recordsTo((r) => records.push(r)),
    deterministic: true,
    memoryCapBytes: 1 << 20,
    exports: () => ({}),
    functionNames: {},
  };
  const call = (name: string) => goRuntimeFunction(ctx, 'go', name)(SP);
  return { records, memory, out, call };
}

describe('stack slots', () => {
  it('reads a layout and refuses a malformed one', () => {
    expect(slots('fd u64@8, n i32@24')).toEqual([{ name: 'fd', type: 'u64', at: 8 }, { name: 'n', type: 'i32', at: 24 }]);
    expect(slots('')).toEqual([]);
    expect(() => slots('fd i128@8')).toThrow(/cannot read 'fd i128@8'/);
  });

  it('writes and reads values at sp + offset', () => {
    const memory = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
    const layout = slots('sec u64@8, nsec u32@16, id i32@24');
    writeSlots(layout, SP, memory, { sec: 5n, nsec: 7, id: -1 });
    expect(readSlots(layout, SP, memory)).toEqual([5n, 7, -1]);
    expect(memory.getU64(SP + 8)).toBe(5n);
  });
});

describe('Go runtime call lines', () => {
  it('wasmWrite prints the bytes its slots point at, to the stream its fd names', () => {
    const { records, memory, out, call } = setup();
    memory.write(4096, new TextEncoder().encode('hi\n'));
    writeSlots(slots('fd u64@8, p u64@16, n i32@24'), SP, memory, { fd: 2n, p: 4096n, n: 3 });
    call('runtime.wasmWrite');
    expect(out).toEqual(['2:hi\n']);
    expect(records[0]).toMatchObject({ name: 'runtime.wasmWrite', summary: 'wasmWrite(fd=2, "hi\\n")', args: [{ type: 'i32', bits: 1024 }], touched: [[4096, 4099]] });
  });

  it('results are read from their slots after the call', () => {
    const { records, memory, call } = setup();
    call('runtime.nanotime1');
    call('runtime.walltime');
    memory.setU64(SP + 8, 50n);
    call('runtime.scheduleTimeoutEvent');
    call('runtime.clearTimeoutEvent');
    expect(records.map((r) => r.summary)).toEqual([
      'nanotime1() → 1000000 ns',
      'walltime() → 2024-01-01T00:00:00.001Z',
      'scheduleTimeoutEvent(50 ms) → timer 1',
      'clearTimeoutEvent(50)',
    ]);
    expect(records[0]!.touched).toEqual([[SP + 8, SP + 16]]);
    expect(records[1]!.touched).toEqual([[SP + 8, SP + 20]]);
    expect(memory.getU32(SP + 16)).toBe(1);
  });

  it('the rest: random bytes, debug, resetMemoryDataView', () => {
    const { records, memory, call } = setup();
    writeSlots(slots('ptr u64@8, len u64@16'), SP, memory, { ptr: 2048n, len: 16n });
    call('runtime.getRandomData');
    call('debug');
    call('runtime.resetMemoryDataView');
    expect(records.map((r) => r.summary)).toEqual(['getRandomData(16 bytes)', 'debug(1024)', 'resetMemoryDataView() (memory is re-read on every access)']);
    expect(records[0]!.touched).toEqual([[2048, 2064]]);
    expect(memory.read(2048, 16).some((b) => b !== 0)).toBe(true);
  });
});
