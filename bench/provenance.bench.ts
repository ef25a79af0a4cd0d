// Write tracing benchmarks: a store-heavy guest (1 MiB per round, clang-14: a byte loop and
// wasi-libc's memset) plain vs rewritten, timed in this thread with the WebAssembly JS API, so
// only guest time counts; then the cost of turning the log into writers, and a typical demo's
// steps through the engine with tracing off and on.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Session } from '../src-main/engine/index.ts';
import { prepare, WriteTracing } from '../src-main/engine/testing.ts';

type Report = (name: string, value: string) => void;
type Exports = Record<string, (...a: number[]) => number>;

const HEAVY = resolve(import.meta.dirname, 'store-heavy/store-heavy.wasm');
const DEMO = resolve(import.meta.dirname, '../resources/examples/return-string/return-string.wasm');
const MiB = 1 << 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median ms of one call over `rounds` timed calls, after warm-up (V8 tiers up hot functions). */
function time(call: () => void, rounds: number): number {
  for (let i = 0; i < 20; i++) call();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    call();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

function plain(bytes: Uint8Array): Exports {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), {});
  const ex = instance.exports as Exports;
  ex._initialize!();
  return ex;
}

function traced(bytes: Uint8Array): { ex: Exports; tracing: WriteTracing } {
  const prepared = prepare(bytes, bytes, 0);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const tracing = new WriteTracing(prepared.value, { 2: 'fill_bytes', 3: 'memset_loop', 4: 'memset' }, 5);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(prepared.value.bytes as BufferSource), tracing.imports());
  tracing.attach(instance, instance.exports.memory as WebAssembly.Memory);
  const ex = instance.exports as Exports;
  ex._initialize!();
  return { ex, tracing };
}

async function demoStepMs(bytes: Uint8Array, traceWrites: boolean): Promise<number> {
  const story = 'ret = malloc(8)\nReturnString(ret)\ns = read {ptr: u32, len: u32} @ ret\nfree(s.ptr)\nfree(ret)\n';
  const opened = await Session.open({ moduleBytes: bytes, moduleName: 'return-string.wasm', config: { traceWrites }, sequence: { text: story.repeat(200) } });
  if (!opened.ok) throw new Error(opened.error.message);
  const session = opened.value;
  try {
    await session.run();
    await session.reset();
    const t = performance.now();
    const records = await session.run();
    if (!records.every((r) => r.ok)) throw new Error('demo story failed');
    return (performance.now() - t) / records.length;
  } finally {
    await session.dispose();
  }
}

export async function run(report: Report): Promise<void> {
  const bytes = new Uint8Array(readFileSync(HEAVY));
  const base = plain(bytes);
  const { ex, tracing } = traced(bytes);
  const whole: [number, number][] = [[0, 16 * MiB]];
  for (const [name, call] of [['byte loop', 'fill_bytes'], ['memset loop', 'memset_loop']] as const) {
    let seed = 1;
    const off = time(() => base[call]!(1, seed++), 40);
    const on = time(() => ex[call]!(1, seed++), 40);
    report(`${name}, 1 MiB, plain (guest)`, `${off.toFixed(3)} ms`);
    report(`${name}, 1 MiB, traced (guest)`, `${on.toFixed(3)} ms  (${(on / off).toFixed(2)}× plain; target ≤ 5×)`);
    ex[call]!(1, seed++);
    const t = performance.now();
    const step = tracing.takeStep(whole);
    report(`${name}: log → writers (1 MiB written)`, `${(performance.now() - t).toFixed(2)} ms (${step.writes.length} records)`);
  }
  const demo = new Uint8Array(readFileSync(DEMO));
  const stepOff = await demoStepMs(demo, false);
  const stepOn = await demoStepMs(demo, true);
  report('return-string demo: per step, tracing off', `${(stepOff * 1000).toFixed(1)} µs`);
  report('return-string demo: per step, tracing on', `${(stepOn * 1000).toFixed(1)} µs  (${(stepOn / stepOff).toFixed(2)}×)`);
}
