// One pass of the bench's call round trip in a process of its own (targets.bench.ts starts it,
// pinned to one core where it can): the engine's session.call('free', ['0']) against a
// postMessage echo to a separate bare worker, in interleaved blocks. Prints one JSON line with
// the median wall time and the median process CPU time (every thread: the caller's and the
// worker's) of a round trip of each kind.
//
//   node bin/run-ts.mjs bench/round-trip-pass.ts

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Session } from '../src-main/engine/index.ts';
import { median } from './process-peers.ts';
import { readThreadCpu } from './thread-cpu.ts';

export interface RoundTripPass {
  /** Median milliseconds of one engine call round trip, and of one bare worker round trip. */
  engineMs: number;
  bareMs: number;
  /** Median CPU milliseconds of the whole process (both threads of the round trip) for each. */
  engineCpuMs: number;
  bareCpuMs: number;
}

const BLOCKS = 40;
/**
 * Blocks left out at the start: JIT warm-up of both sides. In the first few thousand round
 * trips V8's helper threads still compile and sweep (up to 20 µs of CPU a round trip at first,
 * ~0 once warm), which the CPU figure would charge to whichever kind ran then.
 */
const WARMUP_BLOCKS = 20;
const CALLS = 200;

const bytes = new Uint8Array(readFileSync(join(resolve(import.meta.dirname, '..'), 'resources/examples/return-string/return-string.wasm')));
const opened = await Session.open({ moduleBytes: bytes, moduleName: 'return-string.wasm' });
if (!opened.ok) throw new Error(opened.error.message);
const session = opened.value;
// The peer: a real worker thread answering each message with a postMessage of it, the
// transport every engine call also takes, with nothing of Memscope's on either side.
const worker = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));", { eval: true });
const echo = (m: unknown): Promise<unknown> => new Promise((done) => { worker.once('message', done); worker.postMessage(m); });
/**
 * CPU milliseconds of every thread of this process so far, from the kernel's per-thread run
 * time in nanoseconds (thread-cpu.ts): process.cpuUsage() is counted in scheduler ticks on many
 * kernels, too coarse for a block of a few milliseconds.
 */
function processCpuMs(): number {
  const seen = new Map<number, number>();
  readThreadCpu(process.pid, seen);
  let ms = 0;
  for (const threadMs of seen.values()) ms += threadMs;
  return ms;
}

const wall = { engine: [] as number[], bare: [] as number[] };
const cpu = { engine: [] as number[], bare: [] as number[] };
/** Times CALLS round trips of `kind` (wall and process CPU per round trip), kept past the warm-up. */
async function block(kind: 'engine' | 'bare', index: number, roundTrip: () => Promise<unknown>): Promise<void> {
  const c = processCpuMs();
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) await roundTrip();
  const elapsed = performance.now() - t;
  const used = processCpuMs() - c;
  if (index < WARMUP_BLOCKS) return;
  wall[kind].push(elapsed / CALLS);
  cpu[kind].push(used / CALLS);
}
for (let b = 0; b < BLOCKS; b++) {
  await block('engine', b, () => session.call('free', ['0']));
  await block('bare', b, () => echo({ type: 'call', id: b, name: 'free', args: ['0'] }));
}
await session.dispose();
await worker.terminate();
const pass: RoundTripPass = { engineMs: median(wall.engine), bareMs: median(wall.bare), engineCpuMs: median(cpu.engine), bareCpuMs: median(cpu.bare) };
console.log(JSON.stringify(pass));
