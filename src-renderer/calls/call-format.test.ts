import { describe, expect, it } from 'vitest';
import type { CallRecord, ImportCallRecord, Region, StepRecord, WatchHit } from '../../src-main/shared/dto.ts';
import { boundText, fromJs } from '../../src-main/shared/value-format.ts';
import { callTarget, callText, captureText, changeText, formatDuration, hitsDrawn, importTarget, importText, wrapPieces } from './call-format.ts';

const fdWrite: ImportCallRecord = {
  module: 'wasi_snapshot_preview1', name: 'fd_write', binding: 'wasi', args: [1, 1024, 1, 1036].map((v) => fromJs('i32', v)),
  summary: 'fd_write(fd=1, "hi\\n") → 3 bytes', results: [fromJs('i32', 0)], durationMs: 0.02, touched: [[1024, 1032], [1036, 1040]],
};
const call: CallRecord = { export: 'greet', args: [fromJs('i32', 5)], results: [fromJs('i32', 0)], durationMs: 0.4, imports: [fdWrite] };
const step: StepRecord = {
  index: 1, line: 4, source: 'greet(5)', ok: true, calls: [call], bound: {}, changes: [[2048, 2056]],
  changedBytes: 8, regionEvents: [], durationMs: 0.5, memorySize: 65536,
};

describe('call log formatting', () => {
  it('formats durations from microseconds to seconds', () => {
    expect(formatDuration(0.0421)).toBe('42 µs');
    expect(formatDuration(3.14159)).toBe('3.14 ms');
    expect(formatDuration(42.42)).toBe('42.4 ms');
    expect(formatDuration(5000)).toBe('5.00 s');
  });
  it("shows a step's capture time only when it captured memory", () => {
    expect(captureText({ ...step, captureMs: 0.0421 })).toBe('capture 42 µs');
    expect(captureText({ ...step, captureMs: 161.7 })).toBe('capture 161.7 ms');
    expect(captureText(step)).toBeNull();
  });
  it('writes call lines for one, many and failed results', () => {
    expect(callText(call)).toBe('greet(5) → 0');
    expect(callText({ ...call, results: [] })).toBe('greet(5) → ()');
    expect(callText({ ...call, results: [fromJs('i32', 1), fromJs('i32', 2)] })).toBe('greet(5) → (1, 2)');
    expect(callText({ ...call, error: { code: 'trap', message: 'unreachable' } })).toBe('greet(5) → ✗');
    expect(callText({ ...call, error: { code: 'watchpoint', message: "watch 'y' was written by greet+0x20" } })).toBe('greet(5) → ‖');
  });
  it('prefers the decoded summary of an import', () => {
    expect(importText(fdWrite)).toBe('fd_write(fd=1, "hi\\n") → 3 bytes');
    expect(importText({ ...fdWrite, summary: '', results: [] })).toBe('fd_write(1, 1024, 1, 1036) → ()');
  });
  it('jumps to memory the imports touched, else where stepping onto the step goes', () => {
    expect(callTarget(call, step, [])).toEqual([1024, 1032]);
    expect(callTarget({ ...call, imports: [] }, step, [])).toEqual([2048, 2056]);
    expect(callTarget({ ...call, imports: [] }, { ...step, changes: [] }, [])).toBeNull();
    // malloc(8): the block it made, not the allocator's bookkeeping it wrote first.
    const made: Region = { id: 1, name: 'ret', kind: 'alloc', start: 0x10620, size: 8, freed: false, createdStep: 1 };
    const malloc = { ...step, changes: [[0x41c, 0x420], [0x10618, 0x1061c]] as [number, number][] };
    expect(callTarget({ ...call, imports: [] }, malloc, [made])).toEqual([0x10620, 0x10628]);
    // A later call that fills that block: its change inside the region, not the bookkeeping before it.
    const fill = { ...malloc, index: 2, changes: [[0x41c, 0x420], [0x10620, 0x10628]] as [number, number][] };
    expect(callTarget({ ...call, imports: [] }, fill, [made])).toEqual([0x10620, 0x10628]);
    expect(importTarget(fdWrite)).toEqual([1024, 1032]);
  });
});

describe('bound values', () => {
  it('writes each kind on one line', () => {
    expect(boundText({ kind: 'int', value: '18446744073709551615' })).toBe('18446744073709551615');
    expect(boundText({ kind: 'text', value: 'hi\n', encoding: 'utf8', address: 0, byteLength: 3 })).toBe('"hi\\n"');
    expect(boundText({ kind: 'struct', type: '{ptr: u32, len: u32}', address: 8, size: 8, fields: { ptr: { kind: 'int', value: '1' }, len: { kind: 'int', value: '2' } } })).toBe('{ptr: 1, len: 2}');
    expect(boundText({ kind: 'tuple', items: [{ kind: 'float', value: 1.5 }, { kind: 'bytes', hex: 'de ad', address: 0 }] })).toBe('(1.5, de ad)');
    expect(boundText({ kind: 'text', value: 'x'.repeat(100), encoding: 'utf8', address: 0, byteLength: 100 }, 10)).toBe('"xxxxxxxx…');
  });
});

describe("a step row's note of what changed", () => {
  it('bytes, pages grown, and a step too scattered to keep exactly', () => {
    expect(changeText({ changedBytes: 0, changes: [] })).toEqual({ text: '' });
    expect(changeText({ changedBytes: 4, changes: [[0x10, 0x14]] })).toEqual({ text: '4 B changed' });
    expect(changeText({ changedBytes: 0, changes: [], grew: { fromPages: 1, toPages: 3 } })).toEqual({ text: '+2 pages' });
    const coarse = changeText({ changedBytes: 5295, changes: [[0x99000, 0x9b000], [0xb0000, 0xb1000]], changesCoarse: true });
    expect(coarse.text).toBe('5295 B changed in 3 blocks');
    expect(coarse.title).toBe('Over 1,024 separate changed ranges, too many to keep one by one: the step keeps the 3 blocks of 4 KiB that hold these 5295 bytes. The grid marks the exact bytes, read from memory before and after the step, when those blocks total 1 MiB or less, and the whole blocks otherwise.');
  });
});

describe('a bound value known as an address', () => {
  it('reads in hex, as the call that made it; other integers stay decimal', () => {
    const known = (a: number) => a >= 0x10620 && a < 0x10640;
    expect(boundText({ kind: 'int', value: '67104' }, 60, known)).toBe('0x10620');
    const s = { kind: 'struct' as const, type: '{ptr: u32, len: u32}', address: 0x10620, size: 8, fields: { ptr: { kind: 'int' as const, value: '67120' }, len: { kind: 'int' as const, value: '12' } } };
    expect(boundText(s, 60, known)).toBe('{ptr: 0x10630, len: 12}');
    expect(boundText({ kind: 'int', value: '-1' }, 60, () => true)).toBe('-1');
    expect(boundText({ kind: 'int', value: '67104' })).toBe('67104');
  });

  describe("a step's watch hits past the first ones", () => {
    const hit = (i: number, sameWrite = false): WatchHit => ({ name: `w${i}`, address: i, size: 1, value: '01', old: '00', function: 'fill', offset: 4, ...(sameWrite ? { sameWrite } : {}) });
    const hits = (n: number) => Array.from({ length: n }, (_, i) => hit(i));
    const names = (list: WatchHit[]) => list.map((h) => h.name).join(' ');
    const stopped = { code: 'watchpoint' as const, message: 'watch w29 written' };

    it('draws them all up to the limit, then the first ones and how many are not drawn', () => {
      expect(hitsDrawn({ watchHits: hits(20) }, 20)).toEqual({ first: hits(20), hidden: 0, stop: [] });
      expect(hitsDrawn({}, 20)).toEqual({ first: [], hidden: 0, stop: [] });
      const drawn = hitsDrawn({ watchHits: hits(30) }, 20);
      expect(names(drawn.first)).toBe(names(hits(20)));
      expect([drawn.hidden, drawn.stop]).toEqual([10, []]);
    });
    it("at a watch's stop, the stop's write (one hit per watch it wrote) is drawn after the hidden ones", () => {
      const watchHits = [...hits(28), hit(28), hit(29, true)];
      const drawn = hitsDrawn({ watchHits, error: stopped }, 20);
      expect([drawn.first.length, drawn.hidden, names(drawn.stop)]).toEqual([20, 8, 'w28 w29']);
      // A stop's write reaching back among the first ones: nothing is hidden.
      expect(hitsDrawn({ watchHits: [...hits(19), ...Array.from({ length: 3 }, (_, i) => hit(19 + i, true))], error: stopped }, 20))
        .toMatchObject({ hidden: 0, stop: [hit(20, true), hit(21, true)] });
    });
  });
});

describe('where a call line may wrap', () => {
  it('never between ( and ), and keeps a short result with its arrow', () => {
    expect(wrapPieces('_initialize() → ()')).toEqual({ pieces: ['_initialize() ', '→ ()'], last: true });
    expect(wrapPieces('ReturnString(0x10620) → ()')).toEqual({ pieces: ['ReturnString(', '0x10620) ', '→ ()'], last: true });
    expect(wrapPieces('malloc(8) → 0x10620')).toEqual({ pieces: ['malloc(', '8) ', '→ 0x10620'], last: true });
    expect(wrapPieces('add(1, 2) → (3, 4)')).toEqual({ pieces: ['add(', '1,', ' 2) ', '→ (3, 4)'], last: true });
  });
  it('lets a long result wrap after its own ( and , as the arguments do', () => {
    const long = 'pair(1) → (123456789, 987654321)';
    expect(wrapPieces(long)).toEqual({ pieces: ['pair(', '1) → (', '123456789,', ' 987654321)'], last: false });
    expect(wrapPieces(long).pieces.join('')).toBe(long);
    expect(wrapPieces('fd_write(fd=1, "hi") → 3 bytes').pieces.join('')).toBe('fd_write(fd=1, "hi") → 3 bytes');
  });
});
