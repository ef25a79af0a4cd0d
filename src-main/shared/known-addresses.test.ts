import { describe, expect, it } from 'vitest';
import type { HeapBlock, Region } from './dto.ts';
import { KnownAddresses } from './known-addresses.ts';
import { formatCallExpr, formatValues, fromJs } from './value-format.ts';

const block = (address: number, size: number, step: number): HeapBlock => ({ address, size, owner: 'guest', step, line: step + 10, by: 'list_push' });
const region = (start: number, size: number, createdStep: number, freedStep?: number): Region => ({
  id: start, name: `r${start}`, kind: 'alloc', start, size, freed: freedStep !== undefined, createdStep, ...(freedStep !== undefined ? { freedStep } : {}),
});

describe('KnownAddresses', () => {
  it('knows a heap block from the step that allocated it on, freed or not', () => {
    // A linked list: list_push allocates a node at steps 0, 1, 2; the host passes the last one back.
    const steps = [0, 1, 2].map((index) => ({ index, heap: { allocated: [block(0x10610 + 16 * index, 12, index)], freed: [], problems: [] } }));
    const known = new KnownAddresses().update(steps, []);
    expect(known.at(0)(0x10610)).toBe(true);
    expect(known.at(0)(0x10620)).toBe(false);
    expect(known.at(1)(0x10620)).toBe(true);
    expect(known.at(2)(0x1061b)).toBe(true);
    expect(known.at(2)(0x1061c)).toBe(false);
    // The call log: the previous node is an address, the value 20 is not.
    const args = [fromJs('i32', 0x10610), fromJs('i32', 20)];
    expect(formatCallExpr('list_push', args, known.at(1))).toBe('list_push(0x10610, 20)');
    expect(formatCallExpr('list_push', args)).toBe('list_push(67088, 20)');
  });

  it('knows a region from the step that made it, also after it was freed; a zero-size one at its start', () => {
    const regions = [region(0x100, 16, 2, 5), region(0x200, 0, 1)];
    const known = new KnownAddresses().update([], regions);
    expect(known.at(1)(0x100)).toBe(false);
    expect(known.at(2)(0x10f)).toBe(true);
    expect(known.at(9)(0x100)).toBe(true);
    expect(known.at(1)(0x200)).toBe(true);
    expect(known.at(1)(0x201)).toBe(false);
    // A Reset: new lists, taken in afresh; memscope run's way, a step at a time, gives the same.
    expect(known.update([], [region(0x300, 4, 0)]).at(9)(0x100)).toBe(false);
    const one = new KnownAddresses().next({ index: 0, heap: { allocated: [block(0x500, 8, 0)], freed: [], problems: [] } }, regions);
    expect([one.at(0)(0x504), one.at(1)(0x200), one.at(0)(0x200)]).toEqual([true, true, false]);
    // Negative i32s read unsigned; i64s stay decimal.
    expect(formatValues([fromJs('i32', -1), fromJs('i64', 0x100n)], () => true)).toBe('0xffffffff, 256');
  });

  it('moves its revision only when an answer about a step already taken in changed', () => {
    const step = (index: number, address?: number) => ({ index, heap: address === undefined ? undefined : { allocated: [block(address, 8, index)], freed: [], problems: [] } });
    const steps = [step(0, 0x100), step(1)];
    const regions = [region(0x200, 4, 1)];
    const known = new KnownAddresses().update(steps, regions);
    const first = known.revision;
    // F10: a step with its own block and region, arriving together.
    steps.push(step(2, 0x300));
    regions.push(region(0x400, 4, 2));
    expect(known.update(steps, regions).revision).toBe(first);
    expect(known.at(2)(0x404)).toBe(false);
    expect(known.at(2)(0x403)).toBe(true);
    // A run: step 3's region comes after step 4's record (a later delta), so earlier rows change.
    steps.push(step(3), step(4));
    expect(known.update(steps, regions).revision).toBe(first);
    expect(known.update(steps, [...regions, region(0x500, 4, 3)]).revision).toBe(first + 1);
    // Each delta brings its own copies of the regions: the same content is not a fresh start.
    expect(known.update(steps, [...regions, region(0x500, 4, 3)].map((r) => ({ ...r }))).revision).toBe(first + 1);
    expect(known.at(3)(0x500)).toBe(true);
  });
});
