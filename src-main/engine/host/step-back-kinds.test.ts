// Stepping back over the writes real toolchains make (bulk memory, wide and narrow stores, the
// last byte of memory, memory.grow, a trapped step): after going back to step k (0 too) and
// forward again, memory is byte for byte what a fresh run of the first k steps leaves.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach, TESTDATA } from './test-helpers.ts';
import type { Session } from './session.ts';

const open = openSessionsDisposedAfterEach();
const WASM = join(TESTDATA, 'write-kinds', 'kinds.wasm');

const LINES = [
  'p = malloc(64)',
  'write bytes "01 02 03 04 05 06 07 08" @ p',
  'do_copy(p + 16, p, 8)',
  'do_fill(p + 32, 0xab, 10)',
  'st64(p + 48, 0x1122334455667788)',
  'st16(p + 58, 0x12345)',
  'st32of64(p + 60, 0xaabbccdd11223344)',
  'st8(0x1ffff, 7)',
  'g = grow(1)',
  'do_fill(0x2fffb, 0xcc, 5)',
  'trapwrite(0x2fff0, 0x55)',
];
const sequence = (n: number, tail = ''): string => ['module "kinds.wasm"', tail, ...LINES.slice(0, n)].join('\n');

async function digest(session: Session): Promise<string> {
  const read = await session.readMemory(0, session.memorySize);
  if (!read.ok) throw new Error(read.error.message);
  return `${session.memorySize}:${createHash('sha256').update(read.value.bytes).digest('hex')}`;
}

async function fresh(n: number, tail: string): Promise<string> {
  const s = await open(WASM, { sequence: sequence(n, tail), config: { deterministic: true } });
  await s.run();
  return digest(s);
}

describe('step back over every kind of write', () => {
  for (const tail of ['', 'trace writes']) {
    it(`${tail || 'untraced'}: back to each step (0 too) and forward equals a fresh run`, async () => {
      const s = await open(WASM, { sequence: sequence(LINES.length, tail), config: { deterministic: true } });
      const records = await s.run();
      // Every step succeeds but the last, which stores a byte and then traps.
      expect(records.map((r) => r.ok)).toEqual([...Array<boolean>(LINES.length - 1).fill(true), false]);
      // Before the trap, just after the grow, before it, before the store at the last byte, then the start.
      for (const k of [LINES.length - 1, 9, 8, 7, 1, 0]) {
        expect(await s.stepBack(k)).toEqual({ ok: true, value: null });
        expect(s.nextStep).toBe(k);
        expect(await digest(s), `back to ${k}`).toBe(await fresh(k, tail));
      }
      // Past step 0 there is nothing: refused, and the session stays where it is.
      expect(await s.stepBack(0)).toMatchObject({ ok: false, error: { code: 'usage' } });
      expect(s.nextStep).toBe(0);
      await s.run();
      expect(s.steps.length).toBe(LINES.length);
      expect(await digest(s)).toBe(await fresh(LINES.length, tail));
    }, 120_000);
  }
});
