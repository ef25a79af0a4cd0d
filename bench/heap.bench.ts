// Heap benchmarks: the walk that runs after every call and write step, on a real wasi-libc
// dlmalloc heap of 10,000 blocks, as a ratio to a plain scan of the same bytes (reading every
// 32-bit word of the heap's extent once), and the walk plus the ledger's diff as one step pays.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Session } from '../src-main/engine/index.ts';
import { HeapLedger, heapFacts, walkHeap } from '../src-main/engine/testing.ts';

type Report = (name: string, value: string) => void;

const WASM = resolve(import.meta.dirname, '../src-main/engine/memory/heap/testdata/heap-wasi.wasm');
const BLOCKS = 10_000;
const ROUNDS = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** The reference: every 32-bit word of [start, end) read once, nothing else. */
function plainScan(bytes: Uint8Array, start: number, end: number): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + start, (end - start) >>> 2);
  let x = 0;
  for (let i = 0; i < words.length; i++) x ^= words[i]!;
  return x;
}

async function heapOf(blocks: number, size: number): Promise<{ bytes: Uint8Array; facts: ReturnType<typeof heapFacts> }> {
  const opened = await Session.open({
    moduleBytes: readFileSync(WASM), moduleName: 'heap-wasi.wasm',
    sequence: { text: `out = malloc(${blocks * 4})\nkeep_same(out, ${blocks}, ${size})\n`, file: 'bench.wseq', baseDir: '.' },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const session = opened.value;
  try {
    await session.run();
    const read = await session.readMemory(0, session.memorySize);
    if (!read.ok) throw new Error(read.error.message);
    return { bytes: read.value.bytes, facts: heapFacts(session.info) };
  } finally {
    await session.dispose();
  }
}

export async function run(report: Report): Promise<void> {
  for (const size of [24, 200]) {
    const { bytes, facts } = await heapOf(BLOCKS, size);
    const first = walkHeap(bytes, facts);
    if (first.status !== 'ok' || first.used.count < BLOCKS) throw new Error(`walk: ${first.status} ${first.reason ?? ''} (${first.used.count} blocks)`);
    const [start, end] = [first.extent![0], first.untouched![0]];
    const walkMs: number[] = [];
    const scanMs: number[] = [];
    const stepMs: number[] = [];
    const ledger = new HeapLedger();
    ledger.start(first);
    let sink = 0;
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      sink ^= plainScan(bytes, start, end);
      scanMs.push(performance.now() - t);
      t = performance.now();
      const walk = walkHeap(bytes, facts, first.hint);
      walkMs.push(performance.now() - t);
      t = performance.now();
      ledger.observe(walkHeap(bytes, facts, first.hint), { step: i, line: i + 1, calls: [] });
      stepMs.push(performance.now() - t);
      sink ^= walk.used.count;
    }
    const scan = median(scanMs);
    const label = `${first.used.count} blocks of ${size} B (${((end - start) / 1024).toFixed(0)} KiB of heap)`;
    report(`walk, ${label}`, `${median(walkMs).toFixed(3)} ms = ${(median(walkMs) / scan).toFixed(2)}× a plain scan (${scan.toFixed(3)} ms)${sink === 0.5 ? '' : ''}`);
    report(`walk + ledger diff per step, ${label}`, `${median(stepMs).toFixed(3)} ms = ${(median(stepMs) / scan).toFixed(2)}× a plain scan`);
  }
}
