// Global values a JS number cannot carry (a signalling f32 NaN, NaN payloads, -0, the i64
// extremes, a v128, which has no JS value at all) go from the live instance into a coredump and back bit for bit: read from the
// worker as bits, written as the constants' bytes, read back by the module reader as bits,
// and shown by the one formatter. A private global's declared NaN is exact too.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WasmValue } from '../../shared/dto.ts';
import { formatValue } from '../../shared/value-format.ts';
import { openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { openMemoryImage } from '../image/open-image.ts';
import { decodeCoredump } from './read.ts';
import { encodeCoredump } from './write.ts';

const open = openSessionsDisposedAfterEach();
const MODULE = join(import.meta.dirname, 'testdata', 'edge-globals.wasm');

/** What edge-globals.wat's `set` stores, in global order: its private immutable -nan:0x4 is index 6. */
const EXPECTED: WasmValue[] = [
  { type: 'f32', bits: 0x7fa00001 },
  { type: 'f64', bits: 'fff0000000000abc' },
  { type: 'f32', bits: 0x80000000 },
  { type: 'f64', bits: '8000000000000000' },
  { type: 'i64', bits: '8000000000000000' },
  { type: 'i64', bits: '7fffffffffffffff' },
  { type: 'f64', bits: 'fff0000000000004' },
  { type: 'v128', bits: '8f0e0d0c0b0a09080706050403020100' },
];
const DECLARED_ONLY = 6;

describe('global values in a coredump', () => {
  for (const traceWrites of [false, true]) {
    it(`are the live instance's bits, exactly, through write and read (write tracing ${traceWrites ? 'on' : 'off'})`, async () => {
      const session = await open(MODULE, { sequence: 'set()\n', config: { traceWrites } });
      await session.run();
      expect(session.state).toBe('done');
      const live = await session.globals();
      if (!live.ok) throw new Error(live.error.message);
      expect(live.value.sort((a, b) => a.index - b.index).map((g) => g.value)).toEqual(EXPECTED.filter((_, i) => i !== DECLARED_ONLY));

      const exported = await session.exportCoredump();
      if (!exported.ok) throw new Error(exported.error.message);
      // Index 6 is written with its declared value, which is its value (immutable): not listed as a guess.
      expect(exported.value.initialOnly).toEqual([]);
      expect(WebAssembly.validate(exported.value.bytes)).toBe(true);
      const dump = decodeCoredump(exported.value.bytes);
      if (!dump.ok) throw new Error(dump.error.message);
      expect(dump.value.globals.map((g) => g.value)).toEqual(EXPECTED);
      expect(dump.value.globals.map((g) => g.mutable)).toEqual([true, true, true, true, true, true, false, true]);
      expect(dump.value.globals.map((g) => formatValue(g.value))).toEqual([
        'NaN:0x200001', '-NaN:0xabc', '-0', '-0', '-9223372036854775808', '9223372036854775807', '-NaN:0x4',
        'v128 0x8f0e0d0c0b0a09080706050403020100',
      ]);
      expect(Buffer.from(encodeCoredump(dump.value)).equals(Buffer.from(exported.value.bytes))).toBe(true);
    });
  }

  it('reach a read-only image of the dump, named from the module', async () => {
    const session = await open(MODULE, { sequence: 'set()\n' });
    await session.run();
    const exported = await session.exportCoredump();
    if (!exported.ok) throw new Error(exported.error.message);
    const image = openMemoryImage({ name: exported.value.fileName, bytes: exported.value.bytes }, { name: 'edge-globals.wasm', bytes: new Uint8Array(readFileSync(MODULE)) });
    if (!image.ok) throw new Error(image.error.message);
    const globals = image.value.imageInfo.globals;
    expect(globals.map((g) => g.name)).toEqual(['f32_snan', 'f64_nan', 'f32_neg0', 'f64_neg0', 'i64_min', 'i64_max', 'declared_nan', 'lanes']);
    expect(globals.map((g) => g.value)).toEqual(EXPECTED);
    await image.value.dispose();
  });
});
