// The inline fast path of write tracing (run-cache.ts) against the rewrite that calls the helper
// for every write: the same log entries and watch reports for seeded store scripts (loops up and
// down, clang's unrolled orders, jumps, calls, fills, a watched hull), and far fewer helper calls.

import binaryen from 'binaryen';
import { describe, expect, it } from 'vitest';
import { loadBinaryen } from './binaryen.ts';
import { instrumentWrites } from './instrument.ts';
import { createRecorder, RECORDER_WAT } from './recorder.ts';

// `play(n)` runs n script entries {address u32, kind u32} from address 0; kind picks the write.
const GUEST = `(module
  (memory (export "memory") 2)
  (func $other (param $a i32) (i32.store8 (local.get $a) (i32.const 5)))
  (func (export "play") (param $n i32) (local $i i32) (local $a i32) (local $k i32)
    (loop $next
      (local.set $a (i32.load (i32.shl (local.get $i) (i32.const 3))))
      (local.set $k (i32.load offset=4 (i32.shl (local.get $i) (i32.const 3))))
      (if (i32.eq (local.get $k) (i32.const 0)) (then (i32.store8 (local.get $a) (local.get $i))))
      (if (i32.eq (local.get $k) (i32.const 1)) (then (i32.store16 offset=2 (local.get $a) (local.get $i))))
      (if (i32.eq (local.get $k) (i32.const 2)) (then (i64.store (local.get $a) (i64.extend_i32_u (local.get $i)))))
      (if (i32.eq (local.get $k) (i32.const 3)) (then (v128.store (local.get $a) (i32x4.splat (local.get $i)))))
      (if (i32.eq (local.get $k) (i32.const 4)) (then (call $other (local.get $a))))
      (if (i32.eq (local.get $k) (i32.const 5)) (then (memory.fill (local.get $a) (i32.const 9) (i32.const 5))))
      (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "bytes") (param $from i32) (param $to i32)
    (loop $next
      (i32.store8 (local.get $from) (local.get $from))
      (br_if $next (i32.lt_u (local.tee $from (i32.add (local.get $from) (i32.const 1))) (local.get $to))))))`;

const TARGET = 0x8000;
// The rewrites below run while the suite is collected.
await loadBinaryen();

function assemble(wat: string): Uint8Array {
  const m = binaryen.parseText(wat);
  try {
    m.setFeatures(binaryen.Features.MVP | binaryen.Features.SIMD128 | binaryen.Features.BulkMemory);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

const guest = assemble(GUEST);
const recorder = assemble(RECORDER_WAT);

/** A seeded mix of what real loops do, as script entries [address, kind]. */
function script(seed: number, count: number): number[] {
  let s = seed;
  const rand = (n: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  const out: number[] = [];
  while (out.length < count * 2) {
    const kind = rand(6);
    const size = [1, 2, 8, 16, 1, 5][kind]!;
    const at = TARGET + rand(4096);
    const length = 1 + rand(48);
    switch (rand(4)) {
      case 0: for (let i = 0; i < length; i++) out.push(at + i * size, kind); break; // up
      case 1: for (let i = length; i > 0; i--) out.push(at + i * size, kind); break; // down
      case 2: for (let i = 0; i < length; i += 4) for (const d of [0, 3, 2, 1]) out.push(at + (i + d) * size, kind); break; // clang's unrolled byte loop
      default: out.push(at, kind); // a jump
    }
  }
  return out.slice(0, count * 2);
}

interface Played {
  entries: number[];
  watches: number[];
  memory: number[];
}

function play(bytes: Uint8Array, entries: number[], hull: [number, number]): Played {
  const log: number[] = [];
  const watches: number[] = [];
  const drain = (): void => {
    log.push(...new Uint32Array(rec.log.buffer, 0, (rec.pos.value as number) / 4));
    rec.pos.value = 0;
  };
  const rec = createRecorder(recorder, { full: drain, watch: (...w) => watches.push(...w), grew: () => {}, popped: () => {} });
  const table = new WebAssembly.Table({ element: 'anyfunc', initial: rec.hooks.length, maximum: rec.hooks.length });
  rec.hooks.forEach((fn, i) => table.set(i, fn as never));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { memscope: { hooks: table } });
  const e = instance.exports as Record<string, WebAssembly.Global & WebAssembly.Memory & ((...a: number[]) => void)>;
  new Uint32Array(e.memory!.buffer, 0, entries.length).set(entries);
  e.__memscope_wlo!.value = hull[0];
  e.__memscope_whi!.value = hull[1];
  e.play!(entries.length / 2);
  e.__memscope_flush!();
  drain();
  return { entries: log, watches, memory: Array.from(new Uint8Array(e.memory!.buffer, TARGET, 4200)) };
}

/** The rewrite with a counter added to the helper: how often a byte loop calls it. */
function helperCalls(inline: boolean, length: number): number {
  const m = binaryen.readBinary(instrumentWrites(guest, 0, guest, { inline }).bytes);
  try {
    m.setFeatures(binaryen.Features.MVP | binaryen.Features.SIMD128 | binaryen.Features.BulkMemory | binaryen.Features.MutableGlobals);
    m.addGlobal('calls', binaryen.i32, true, m.i32.const(0));
    m.addGlobalExport('calls', 'calls');
    const helper = m.getFunction('__ms_w');
    const count = m.global.set('calls', m.i32.add(m.global.get('calls', binaryen.i32), m.i32.const(1)));
    (binaryen as unknown as { Function: { setBody(f: number, b: number): void } }).Function.setBody(helper, m.block(null, [count, binaryen.getFunctionInfo(helper).body]));
    const rec = createRecorder(recorder, { full: () => { rec.pos.value = 0; }, watch: () => {}, grew: () => {}, popped: () => {} });
    const table = new WebAssembly.Table({ element: 'anyfunc', initial: rec.hooks.length, maximum: rec.hooks.length });
    rec.hooks.forEach((fn, i) => table.set(i, fn as never));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(m.emitBinary() as BufferSource), { memscope: { hooks: table } });
    (instance.exports.bytes as (a: number, b: number) => void)(TARGET, TARGET + length);
    return (instance.exports.calls as WebAssembly.Global).value as number;
  } finally {
    m.dispose();
  }
}

describe('the inline fast path of write tracing', () => {
  const inline = instrumentWrites(guest, 0).bytes;
  const everyWrite = instrumentWrites(guest, 0, guest, { inline: false }).bytes;

  it('logs exactly what calling the helper for every write logs', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const entries = script(seed, 1500);
      const fast = play(inline, entries, [0, 0]);
      expect(fast.entries.length).toBeGreaterThan(0);
      expect(fast).toEqual(play(everyWrite, entries, [0, 0]));
    }
  });

  it('reports the same watch hits with a watched hull among the writes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const entries = script(seed, 1500);
      const hull: [number, number] = [TARGET + 1000 + seed * 40, TARGET + 1010 + seed * 60];
      const fast = play(inline, entries, hull);
      expect(fast.watches.length).toBeGreaterThan(0);
      expect(fast).toEqual(play(everyWrite, entries, hull));
    }
  });

  it('a byte loop over 64 KiB calls the helper a few times, not once per store', () => {
    expect(helperCalls(false, 65536)).toBe(65536);
    expect(helperCalls(true, 65536)).toBeLessThan(40);
  });
});
