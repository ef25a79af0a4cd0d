import { describe, expect, it } from 'vitest';
import { allocatorLabel, describeEntity, describeMemoryLimits, unknownModuleText } from './describe.ts';

describe('module panel descriptions', () => {
  it('spells out memory limits in pages and bytes', () => {
    expect(describeMemoryLimits({ min: 2, max: null, shared: false, memory64: false })).toBe('2 pages (128 KiB), no max');
    expect(describeMemoryLimits({ min: 1, max: 16, shared: true, memory64: false })).toBe('1 page (64 KiB), max 16 pages (1 MiB), shared');
  });
  it('turns the engine\'s structured export types into words', () => {
    const memory = (min: number, max: number | null, shared = false) => ({ kind: 'memory' as const, type: { min, max, shared, memory64: false } });
    expect(describeEntity(memory(2, null))).toBe('2 pages (128 KiB), no max');
    expect(describeEntity(memory(17, 256, true))).toBe('17 pages (1.07 MiB), max 256 pages (16 MiB), shared');
    expect(describeEntity({ kind: 'table', type: { element: 'funcref', min: 1, max: 1 } })).toBe('funcref, 1 entry, max 1');
    expect(describeEntity({ kind: 'table', type: { element: 'externref', min: 4, max: null } })).toBe('externref, 4 entries, no max');
    expect(describeEntity({ kind: 'global', type: { type: 'i32', mutable: true } })).toBe('mutable i32');
    expect(describeEntity({ kind: 'global', type: { type: 'i64', mutable: false } })).toBe('const i64');
    expect(describeEntity({ kind: 'func', type: { params: ['i32'], results: [] } })).toBe('(i32) -> ()');
  });
  it('labels the allocator pair with spaces around the slash', () => {
    const fn = (name: string) => ({ name, type: { params: [], results: [] } });
    expect(allocatorLabel({ alloc: fn('malloc'), free: fn('free') })).toBe('malloc / free');
    expect(allocatorLabel({ alloc: fn('__new'), free: null })).toBe('__new (no free)');
  });
  it("says an image's module is not known, by the name the image gives it when it gives one", () => {
    expect(unknownModuleText({ kind: 'coredump', fileName: 'trap.core.wasm' }, 'trap.wasm'))
      .toBe('The coredump names trap.wasm but holds none of its code: its kind, toolchain, allocator, imports and exports are known only with the module.');
    expect(unknownModuleText({ kind: 'raw', fileName: 'mem.bin' }, 'mem.bin'))
      .toBe('A raw memory dump names no module and holds none of its code: its kind, toolchain, allocator, imports and exports are known only with the module.');
  });
});
