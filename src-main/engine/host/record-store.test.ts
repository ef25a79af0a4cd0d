// The record store keeps every step record exactly while holding only the latest as objects:
// older ones come back decoded, equal to what was pushed, in order, whatever their shape.
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../shared/dto.ts';
import { RECORDS_PER_GROUP, RecordStore } from './record-store.ts';

/** Records of varied shapes: calls with imports, bindings, errors, heap events, growth. */
function record(index: number): StepRecord {
  const r: StepRecord = {
    index, line: index * 2 + 1, source: `poke(${64 + (index % 64) * 4}, ${index})`, ok: index % 97 !== 5,
    calls: [{
      export: 'poke', args: [{ type: 'i32', bits: 64 + (index % 64) * 4 }, { type: 'f64', bits: String(index) }],
      // NaN and -0 as results: the structured-clone format keeps them, as JSON would not.
      results: index % 2 ? [{ type: 'i32', bits: -0 }] : [{ type: 'i32', bits: NaN }], durationMs: index / 7, imports: [],
    }],
    bound: index % 50 === 0 ? { [`n${index}`]: { kind: 'int', value: String(index) } } : {},
    changes: [[64, 68], [index, index + 3]], changedBytes: 7, regionEvents: [], durationMs: index / 3, memorySize: 65536 * (1 + (index % 3)),
  };
  if (!r.ok) r.error = { code: 'trap', message: `unreachable at step ${index}` };
  if (index % 31 === 0) r.grew = { fromPages: 1, toPages: 2 };
  return r;
}

describe('record store', () => {
  it('gives back every record equal to what was pushed, by index, from the end, and all at once', () => {
    const store = new RecordStore();
    const n = RECORDS_PER_GROUP * 7 + 13;
    for (let i = 0; i < n; i++) store.push(record(i));
    expect(store.length).toBe(n);
    for (let i = 0; i < n; i++) expect(store.at(i)).toEqual(record(i));
    expect(store.at(-1)).toEqual(record(n - 1));
    expect(store.at(n)).toBeUndefined();
    expect(store.at(-n - 1)).toBeUndefined();
    expect(store.all()).toEqual(Array.from({ length: n }, (_, i) => record(i)));
  });

  it('holds only the latest records as objects, however many were pushed', () => {
    const store = new RecordStore();
    for (let i = 0; i < RECORDS_PER_GROUP * 40; i++) store.push(record(i));
    expect(store.liveRecords).toBeLessThan(RECORDS_PER_GROUP * 2);
    store.at(3);
    store.at(RECORDS_PER_GROUP * 5);
    store.at(RECORDS_PER_GROUP * 9);
    // Decoded groups are cached, two at most.
    expect(store.liveRecords).toBeLessThan(RECORDS_PER_GROUP * 4);
  });

  it('keeps bigints, non-ASCII text and bytes of old records; drops undefined-valued properties, as the step ring does', () => {
    const store = new RecordStore();
    const odd = (i: number): StepRecord => ({
      ...record(i), source: `écrit «${i}» 🧵`, exitCode: undefined,
      bound: { big: { kind: 'int', value: String(2n ** 70n) } }, big: -(2n ** 64n) - BigInt(i), bytes: new Uint8Array([i & 255, 0, 255]),
    } as unknown as StepRecord);
    for (let i = 0; i < RECORDS_PER_GROUP * 3; i++) store.push(odd(i));
    const old = store.at(7) as unknown as Record<string, unknown>;
    const { exitCode: _, ...expected } = odd(7) as unknown as Record<string, unknown>;
    expect(old).toStrictEqual(expected);
    expect('exitCode' in old).toBe(false);
  });

  it('keeps a record that cannot be serialized as it is', () => {
    const store = new RecordStore();
    const odd = { ...record(0), source: 'odd', extra: () => 1 } as unknown as StepRecord;
    store.push(odd);
    for (let i = 1; i < RECORDS_PER_GROUP * 3; i++) store.push(record(i));
    expect(store.at(0)).toBe(odd);
    expect(store.at(1)).toEqual(record(1));
  });
});
