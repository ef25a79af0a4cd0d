// One pass of the bench's tiny-steps story in a process of its own (targets.bench.ts starts
// it), so its RSS samples are not moved by what an earlier pass left for the allocator to give
// back. Prints one JSON line: CPU per step (and the direct peer's), the record's size, and
// memory slopes per step.
//
//   node bin/run-ts.mjs bench/tiny-steps-pass.ts raw|collected
//
// raw: nothing is collected by the bench; each thread's garbage lies as its own collector left
// it. This pass measures CPU per step (and the peer), so it forces no collection: a forced full
// collection's sweeping goes on in V8's helper threads after gc() returns, into the next 1,000
// steps, and was charged to them (~20 us a tiny step, gone when the bench idled 300 ms after
// each gc()); the last one's to the peer, measured right after (36-51 us a step with it, 31-32
// without, as in a process of its own).
// collected: before each sample both threads collect (Session.collectGarbage), so what each
// thread keeps (heap + external) and the RSS slope are memory kept, not garbage.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Session } from '../src-main/engine/index.ts';
import { ChangeTracker } from '../src-main/engine/testing.ts';
import { MemcmpCapture } from './memcmp-capture.mjs';

export const TINY_STEPS = 40_000;
/** Samples from this step on are fitted: past one-time costs (heap pages, JIT code). */
export const TINY_FROM = 10_000;
const EVERY = 1000;
const REWRITE = join(resolve(import.meta.dirname, '..'), 'src-main/engine/memory/testdata/rewrite.wasm');

export interface TinyPass {
  cpuPerStepMs: number;
  /**
   * The peer, in the raw pass (null in the other): the same calls made directly in this
   * thread, each followed by a plain memcmp change capture, after the session was closed (as
   * before the passes had processes of their own, so the ratio is measured as it always was).
   */
  directPerStepMs: number | null;
  /** The same with Memscope's ChangeTracker as the capture (a reference, not the target's peer). */
  trackerPerStepMs: number | null;
  /** The record as JSON text (UTF-8 bytes) and as a structured clone, averaged over the run. */
  jsonBytes: number;
  cloneBytes: number;
  /** Least-squares slopes, bytes per step (worker: null in the raw pass). */
  controller: number;
  worker: number | null;
  rss: number;
  /** RSS at the first and last fitted sample. */
  rssFrom: number;
  rssTo: number;
}

/** One tiny step per line: a u32 store, 64 addresses in turn. */
function tinyStepsText(steps: number): string {
  return Array.from({ length: steps }, (_, i) => `poke(${64 + (i % 64) * 4}, ${i})`).join('\n') + '\n';
}

async function pass(collectWorker: boolean, gc: () => void): Promise<TinyPass> {
  const opened = await Session.open({ moduleBytes: new Uint8Array(readFileSync(REWRITE)), moduleName: 'rewrite.wasm', sequence: { text: tinyStepsText(TINY_STEPS) } });
  if (!opened.ok) throw new Error(opened.error.message);
  const session = opened.value;
  // Runs to step n, returning only the count: run()'s array of records must not stay reachable
  // from this frame, or it would be measured as the session's.
  const runTo = async (n: number): Promise<number> => (await session.run({ untilLine: n + 1 })).length;
  const at: number[] = [];
  const controller: number[] = [];
  const worker: number[] = [];
  const rss: number[] = [];
  let cpu = 0;
  for (let n = EVERY; n <= TINY_STEPS; n += EVERY) {
    const c0 = process.cpuUsage();
    if (await runTo(n) !== EVERY) throw new Error(`tiny steps: the run stopped before step ${n}`);
    const used = process.cpuUsage(c0);
    cpu += (used.user + used.system) / 1000;
    if (!collectWorker && n < TINY_FROM) continue;
    let workerKept = 0;
    if (collectWorker) {
      const usage = await session.collectGarbage();
      if (!usage.ok) throw new Error(`tiny steps: the worker did not collect: ${usage.error.message}`);
      if (!usage.value.collected) throw new Error('tiny steps: the worker has no gc (--expose-gc was set after it started)');
      workerKept = usage.value.heapUsed + usage.value.external;
      gc();
    }
    if (n < TINY_FROM) continue;
    const m = process.memoryUsage();
    at.push(n);
    controller.push(m.heapUsed + m.external);
    worker.push(workerKept);
    rss.push(m.rss);
  }
  const records = session.steps;
  const jsonBytes = records.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0) / records.length;
  const cloneBytes = records.reduce((n, r) => n + serialize(r).byteLength, 0) / records.length;
  await session.dispose();
  return {
    cpuPerStepMs: cpu / TINY_STEPS, directPerStepMs: collectWorker ? null : direct('memcmp'), trackerPerStepMs: collectWorker ? null : direct('tracker'), jsonBytes, cloneBytes,
    controller: slope(at, controller), worker: collectWorker ? slope(at, worker) : null, rss: slope(at, rss),
    rssFrom: rss[0]!, rssTo: rss.at(-1)!,
  };
}

/**
 * CPU milliseconds per step of the same stores made directly, each followed by a change
 * capture: the plain memcmp capture of memcmp-capture.mjs (the target's peer), or Memscope's own
 * ChangeTracker (a reference: it moves with the tracker, so Memscope's overhead beyond capture).
 */
function direct(capture: 'memcmp' | 'tracker'): number {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(REWRITE)), {});
  const poke = instance.exports.poke as (a: number, v: number) => void;
  const memory = instance.exports.memory as WebAssembly.Memory;
  let after: () => void;
  if (capture === 'memcmp') {
    const changes = new MemcmpCapture(memory);
    after = () => { changes.capture(); changes.drop(); };
  } else {
    const tracker = new ChangeTracker(new Uint8Array(memory.buffer));
    after = () => { tracker.capture(new Uint8Array(memory.buffer)); };
  }
  for (let i = 0; i < TINY_STEPS; i++) { poke(64 + (i % 64) * 4, i); after(); }
  const c0 = process.cpuUsage();
  for (let i = 0; i < TINY_STEPS; i++) { poke(64 + (i % 64) * 4, i + 1); after(); }
  const used = process.cpuUsage(c0);
  return (used.user + used.system) / 1000 / TINY_STEPS;
}

/** Least-squares slope of y over x. */
function slope(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const mode = process.argv[2];
  if (mode !== 'raw' && mode !== 'collected') throw new Error(`usage: tiny-steps-pass.ts raw|collected (not ${mode})`);
  // Before the session's worker starts: the flag is read as each thread's context is created.
  setFlagsFromString('--expose-gc');
  console.log(JSON.stringify(await pass(mode === 'collected', runInNewContext('gc') as () => void)));
}
