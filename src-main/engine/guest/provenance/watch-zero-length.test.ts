// A memory.fill or memory.copy of 0 bytes writes nothing, but its start still reports to the
// watch check when it lies inside a watched range (inside the hull): that was a hit of 0 bytes
// (`watch z @ 0x402 [0]:  →  by copy+0xc`) and, on a stopping watch, a pause at a write that
// never happened. C's memcpy(p, q, 0) and Rust's empty copies compile to exactly that.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';

const open = openSessionsDisposedAfterEach();

// (memory (export "memory") 1)
// (func (export "fill") (param $a i32) (param $n i32) (memory.fill (local.get $a) (i32.const 0x41) (local.get $n)))
// (func (export "copy") (param $d i32) (param $s i32) (param $n i32) (memory.copy (local.get $d) (local.get $s) (local.get $n)))
const BULK = '0061736d01000000010c0260027f7f0060037f7f7f0003030200010503010001071803066d656d6f727902000466696c6c000004636f707900010a1b020c00200041c1002001fc0b000b0c00200020012002fc0a00000b';
const dir = mkdtempSync(join(tmpdir(), 'memscope-watch0-'));
const wasm = join(dir, 'bulk.wasm');
writeFileSync(wasm, Buffer.from(BULK, 'hex'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bulk write of 0 bytes inside a watched range', () => {
  it('is no hit and no stop; the next real write is the stop', async () => {
    const session = await open(wasm, { sequence: 'watch z @ 0x3fc [8] stop\nfill(0x400, 0)\ncopy(0x402, 0x10, 0)\nfill(0x400, 1)\n' });
    const records = await session.run();
    expect(records.slice(1, 3).map((r) => [r.ok, r.watchHits])).toEqual([[true, undefined], [true, undefined]]);
    expect(records[3]!.error).toMatchObject({ code: 'watchpoint', message: "watch 'z' was written by fill+0x8: 00 → 41 at 0x400" });
    expect(records[3]!.watchHits).toEqual([{ name: 'z', address: 0x400, size: 1, old: '00', value: '41', function: 'fill', offset: 8 }]);
  });

  it('is no hit of a watch that does not stop', async () => {
    const session = await open(wasm, { sequence: 'watch z @ 0x3fc [8]\ncopy(0x402, 0x10, 0)\ncopy(0x402, 0x10, 2)\n' });
    const records = await session.run();
    expect(records[1]!.watchHits).toBeUndefined();
    expect(records[2]!.watchHits).toHaveLength(1);
  });
});
