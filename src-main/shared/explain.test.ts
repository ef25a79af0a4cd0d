import { describe, expect, it } from 'vitest';
import type { Region, StepRecord } from './dto.ts';
import { explainStep } from './explain.ts';
import { fromJs } from './value-format.ts';

const base: StepRecord = {
  index: 0, line: 15, source: 'ret = malloc(8)', ok: true, calls: [], bound: {}, changes: [], changedBytes: 0,
  regionEvents: [], durationMs: 1, memorySize: 131072,
};
const ret: Region = { id: 1, name: 'ret', kind: 'alloc', start: 0x10620, size: 8, freed: false, createdStep: 0 };

describe('explainStep', () => {
  it('a malloc: the call, the block that is now the host\'s, and the bookkeeping bytes', () => {
    const step: StepRecord = {
      ...base,
      calls: [{ export: 'malloc', args: [fromJs('i32', 8)], results: [fromJs('i32', 67104)], durationMs: 0.1, imports: [] }],
      bound: { ret: { kind: 'int', value: '67104' } },
      changes: [[0x1061c, 0x10620]], changedBytes: 4,
      regionEvents: [{ region: 1, action: 'created' }],
    };
    expect(explainStep(step, [ret])).toEqual([
      'The host called `malloc(8)`; it returned 67104 (0x10620).',
      'The 8 bytes at 0x10620 (`ret`) are now yours: pass 0x10620 as the pointer, and free it when done.',
      "4 bytes changed: 4 outside any region (from 0x1061c: the guest's own data or its allocator's bookkeeping).",
    ]);
  });
  it('a read, a check, a free, a failure', () => {
    const read = { ...base, index: 2, source: 's = read u32 @ ret', bound: { n: { kind: 'int' as const, value: '12' } } };
    expect(explainStep(read, [ret])).toEqual(['The host read guest memory: `n` = 12.']);
    expect(explainStep({ ...read, source: 'p = read {ptr: u32, len: u32} @ ret' }, [ret])).toEqual(['The host read guest memory: `n` = 12.']);
    // An assignment computes: it neither calls nor reads, even when a name is a keyword.
    for (const source of ['n = packed >> 32', 'n = read + 1', 'n = reader & 0xff']) {
      expect(explainStep({ ...read, source }, [ret])).toEqual(['The host computed `n` = 12, without touching guest memory.']);
    }
    expect(explainStep({ ...base, source: 'expect n == 12' }, [])).toEqual(['The check `n == 12` holds.']);
    const free = { ...base, index: 5, calls: [{ export: 'free', args: [fromJs('i32', 67104)], results: [], durationMs: 0, imports: [] }], regionEvents: [{ region: 1, action: 'freed' as const }] };
    expect(explainStep(free, [{ ...ret, freed: true, freedStep: 5 }])[1]).toBe('`ret` (0x10620, 8 bytes) was given back to the allocator: do not use it again.');
    // Under AssemblyScript's collector, unpinning lets go; the block lives on while the guest refers to it.
    const unpin = { ...free, calls: [{ ...free.calls[0]!, export: '__unpin' }] };
    expect(explainStep(unpin, [{ ...ret, freed: true, freedStep: 5 }])[1]).toBe('The host let go of `ret` (0x10620, 8 bytes): unpinned, the garbage collector frees it once nothing in the guest refers to it, so the host must not use it again.');
    const failed = { ...base, ok: false, source: 'expect n == 13', error: { code: 'expect-failed' as const, message: 'n is 12, not 13' } };
    // The error is printed beside the explanation: the sentence says what it means, not the error again.
    expect(explainStep(failed, [])).toEqual(['The check `n == 13` does not hold, so the sequence stops here.']);
    const refused = { ...base, ok: false, source: 'free(a)', error: { code: 'heap-problem' as const, message: 'double free of 0x10620: … (free was not called; free!(p) forces it)' } };
    const [sentence] = explainStep(refused, []);
    expect(sentence).toMatch(/^Memscope did not make the call: freeing what is not a live block corrupts/);
    expect(sentence).not.toContain('0x10620');
  });
  it('a call that did not return: trapped, or failed with what ended it', () => {
    const call = (message: string) => explainStep({ ...base, ok: false, source: 'divide(1, 0)', calls: [{
      export: 'divide', args: [fromJs('i32', 1), fromJs('i32', 0)], results: [], durationMs: 0, imports: [], error: { code: 'trap', message },
    }] }, [])[0];
    expect(call('trap: divide by zero in divide')).toBe('The host called `divide(1, 0)`; it trapped: divide by zero in divide.');
    expect(call('uncaught exception: the guest threw env.__cpp_exception(0x500bd0) and nothing in the guest caught it'))
      .toBe('The host called `divide(1, 0)`; it failed: uncaught exception: the guest threw env.__cpp_exception(0x500bd0) and nothing in the guest caught it.');
  });
  it("a watch's stop: the call stopped right after the write, a pause that stepping goes on past", () => {
    const error = { code: 'watchpoint' as const, message: "watch 'y' was written by point_init+0x20: 00 00 00 00 → 04 00 00 00 at 0x10614" };
    const stopped = explainStep({ ...base, ok: false, source: 'point_init(p, 3, 4, 7)', error, calls: [{
      export: 'point_init', args: [fromJs('i32', 0x10610), fromJs('i32', 3), fromJs('i32', 4), fromJs('i32', 7)], results: [], durationMs: 0, imports: [], error,
    }] }, []);
    expect(stopped).toEqual([
      "The host called `point_init(67088, 3, 4, 7)`; it stopped right after a watched write (watch 'y' was written by point_init+0x20: 00 00 00 00 → 04 00 00 00 at 0x10614).",
      "Memory is as right after that write. A watch's stop is a pause, not a failure: stepping on goes on past it.",
    ]);
  });

  it('a malloc handed a block that is still live (double-alloc): not the host\'s alone, naming who holds it', () => {
    const b: Region = { ...ret, id: 2, name: 'b', size: 16, createdStep: 4 };
    const c: Region = { ...ret, id: 3, name: 'c', size: 16, createdStep: 5 };
    const step: StepRecord = {
      ...base, index: 5, source: 'c = malloc(16)',
      calls: [{ export: 'malloc', args: [fromJs('i32', 16)], results: [fromJs('i32', 0x10620)], durationMs: 0.1, imports: [] }],
      bound: { c: { kind: 'int', value: String(0x10620) } },
      regionEvents: [{ region: 3, action: 'created' }],
      heap: { allocated: [], freed: [], problems: [{ kind: 'double-alloc', address: 0x10620, message: 'malloc returned 0x10620, …' }] },
    };
    expect(explainStep(step, [b, c])[1]).toBe('The 16 bytes at 0x10620 (`c`) are not yours alone: the allocator handed out a block that is still live (`b` still holds it), so whatever one owner writes, the other reads.');
    expect(explainStep(step, [c])[1]).toContain('(its first owner never freed it)');
  });
  it('changed bytes over regions: counted by stretches, a byte in overlapping regions for the first', () => {
    const s: Region = { ...ret, id: 2, name: 's', kind: 'struct', start: 0x10620, size: 4 };
    const big: Region = { ...ret, id: 3, name: 'big', start: 0x20000, size: 1 << 20 };
    const step: StepRecord = {
      ...base, calls: [{ export: 'fill', args: [], results: [], durationMs: 0.1, imports: [] }],
      changes: [[0x1061e, 0x10626], [0x1ff00, 0x121000]], changedBytes: 8 + (0x121000 - 0x1ff00),
    };
    // ret and s overlap: their bytes count for ret, listed first; big's 1 MiB is one stretch.
    expect(explainStep(step, [ret, s, big]).at(-1)).toBe(
      "1052936 bytes changed: 6 in `ret`, 1048576 in `big`, 4354 outside any region (from 0x1061e: the guest's own data or its allocator's bookkeeping).");
  });
  it('changes too scattered to keep exactly: the blocks that hold them, not a count of bytes per region', () => {
    const step: StepRecord = {
      ...base, calls: [{ export: 'run', args: [], results: [], durationMs: 1, imports: [] }],
      changes: [[0x99000, 0x9b000], [0xb0000, 0xb1000]], changedBytes: 5295, changesCoarse: true,
    };
    expect(explainStep(step, [ret]).at(-1)).toBe('5295 bytes changed, too scattered to list one by one (over 1,024 separate ranges): they lie in 3 blocks of 4 KiB between 0x99000 and 0xb1000, none of them in a region.');
    const inBlock: Region = { ...ret, name: 'buf', start: 0x9a010, size: 16 };
    expect(explainStep(step, [inBlock]).at(-1)).toMatch(/between 0x99000 and 0xb1000, some of them overlapping `buf`\.$/);
  });
  it("bytes in a block the guest allocated in the call count for that block, not as the allocator's", () => {
    const step: StepRecord = {
      ...base, index: 3, source: 'out = greet(name)',
      calls: [{ export: 'greet', args: [fromJs('i32', 0x500608)], results: [fromJs('i32', 0x500618)], durationMs: 0.2, imports: [] }],
      changes: [[0x41c, 0x41d], [0x428, 0x429], [0x500614, 0x500616], [0x500618, 0x500626]], changedBytes: 18,
      heap: { allocated: [{ address: 0x500618, size: 20, owner: 'guest', step: 3, line: 22, by: 'greet' }], freed: [], problems: [] },
    };
    expect(explainStep(step, []).at(-1)).toBe("18 bytes changed: 14 in the block greet allocated at 0x500618, 4 outside any region (from 0x41c: the guest's own data or its allocator's bookkeeping).");
  });
});
