import { describe, expect, it } from 'vitest';
import { allocatorLabel, describeEntity, describeMemoryLimits } from './describe.ts';

describe('module panel descriptions', () => {
  it('spells out memory limits in pages and bytes', () => {
    expect(describeMemoryLimits({ min: 2, max: null, shared: false, memory64: false })).toBe('2 pages (128 KiB), no max');
    expect(describeMemoryLimits({ min: 1, max: 16, shared: true, memory64: false })).toBe('1 page (64 KiB), max 16 pages (1 MiB), shared');
  });
  it('turns the engine\'s compact export types into words', () => {
    expect(describeEntity('memory', '2.. pages')).toBe('2 pages (128 KiB), no max');
    expect(describeEntity('memory', '17..256 pages, shared')).toBe('17 pages (1.06 MiB), max 256 pages (16 MiB), shared');
    expect(describeEntity('table', 'funcref 1..1')).toBe('funcref, 1 entry, max 1');
    expect(describeEntity('table', 'externref 4..')).toBe('externref, 4 entries, no max');
    expect(describeEntity('global', 'mut i32')).toBe('mutable i32');
    expect(describeEntity('global', 'i64')).toBe('const i64');
    expect(describeEntity('memory', 'something new')).toBe('something new');
  });
  it('labels the allocator pair with spaces around the slash', () => {
    const fn = (name: string) => ({ name, type: '' });
    expect(allocatorLabel({ alloc: fn('malloc'), free: fn('free') })).toBe('malloc / free');
    expect(allocatorLabel({ alloc: fn('__new'), free: null })).toBe('__new (no free)');
  });
});
