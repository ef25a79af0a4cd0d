// Memory benchmarks: change detection speed against plain memcmp, and sparse snapshot export.

import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeTracker, MemoryHistory, writeSnapshotFile, sparseImageFromBytes, BLOCK_SIZE, WASM_PAGE } from '../src-main/engine/testing.ts';

type Report = (name: string, value: string) => void;

const MiB = 1 << 20;

function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The reference: one Buffer.compare per 64 KiB page pair, nothing else. */
function plainPageMemcmp(a: Uint8Array, b: Uint8Array, page = WASM_PAGE): number {
  let differing = 0;
  for (let at = 0; at < a.length; at += page) {
    if (Buffer.compare(a.subarray(at, at + page), b.subarray(at, at + page)) !== 0) differing++;
  }
  return differing;
}

function fillPseudoRandom(bytes: Uint8Array, seed: number): void {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  let state = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    words[i] = state | 0x01010101;
  }
}

async function changeDetection256(report: Report): Promise<void> {
  const size = 256 * MiB;
  const memory = new WebAssembly.Memory({ initial: size / WASM_PAGE });
  const bytes = new Uint8Array(memory.buffer);
  fillPseudoRandom(bytes, 7); // every page resident and non-zero: the worst case for a scan
  const tracker = new ChangeTracker(bytes);
  const reference = bytes.slice(); // the baseline compares against its own copy of the same image
  const random = lcg(42);
  const pages = size / WASM_PAGE;
  const dirtyPages = Math.round(pages / 100);
  const ours: number[] = [];
  const plain: number[] = [];
  let ranges = 0;
  for (let run = 0; run < 11; run++) {
    const touched: number[] = [];
    for (let k = 0; k < dirtyPages; k++) {
      const page = random(pages);
      const at = page * WASM_PAGE + random(WASM_PAGE - 64);
      for (let i = 0; i < 48; i++) bytes[at + i] ^= 0x5a;
      touched.push(page);
    }
    const measureOurs = (): void => {
      ours.push(timed(() => (ranges = tracker.capture(bytes).ranges.length)));
    };
    const measurePlain = (): void => {
      plain.push(timed(() => plainPageMemcmp(bytes, reference)));
    };
    if (run % 2 === 0) { measureOurs(); measurePlain(); } else { measurePlain(); measureOurs(); }
    for (const page of touched) reference.set(bytes.subarray(page * WASM_PAGE, (page + 1) * WASM_PAGE), page * WASM_PAGE);
  }
  const blockScan = median(Array.from({ length: 5 }, () => timed(() => plainPageMemcmp(bytes, reference, BLOCK_SIZE))));
  const oursMs = median(ours);
  const plainMs = median(plain);
  report('change detection, 256 MiB, 1% of pages dirty (median ms)', `${oursMs.toFixed(1)} ms (${ranges} ranges)`);
  report('change detection, 256 MiB, throughput (target >= 5 GB/s)', `${(size / oursMs / 1e6).toFixed(2)} GB/s`);
  report('plain 64 KiB page memcmp of the same buffers (median ms)', `${plainMs.toFixed(1)} ms`);
  report('change detection / plain memcmp (target <= 1.5)', `${(oursMs / plainMs).toFixed(2)}x`);
  report('plain 4 KiB block memcmp of the same buffers (median ms)', `${blockScan.toFixed(1)} ms`);
}

async function changeDetection16(report: Report): Promise<void> {
  const size = 16 * MiB;
  for (const resident of [false, true]) {
    const memory = new WebAssembly.Memory({ initial: size / WASM_PAGE });
    const bytes = new Uint8Array(memory.buffer);
    if (resident) fillPseudoRandom(bytes, 3);
    else fillPseudoRandom(bytes.subarray(0, 2 * MiB), 3); // a typical module: data, stack and heap low
    const tracker = new ChangeTracker(bytes);
    const random = lcg(5);
    const times: number[] = [];
    for (let run = 0; run < 51; run++) {
      // One string-return step: an 8-byte result struct and a short string written.
      new DataView(memory.buffer).setUint32(1 * MiB + 16, run, true);
      bytes.fill(run & 0xff, 1 * MiB + 4096 + random(64), 1 * MiB + 4096 + 80);
      times.push(timed(() => tracker.capture(bytes)));
    }
    const what = resident ? 'every page resident' : '2 MiB in use';
    report(`change detection, 16 MiB memory, ${what} (median)`, `${median(times).toFixed(2)} ms`);
  }
}

async function sparseExport1G(report: Report): Promise<void> {
  const size = 1024 * MiB;
  const memory = new WebAssembly.Memory({ initial: size / WASM_PAGE });
  const bytes = new Uint8Array(memory.buffer);
  bytes.fill(1);
  bytes.fill(0); // make every page resident, so the zero scan really reads 1 GiB
  const random = lcg(11);
  const chunk = 16 * 1024;
  const slots = new Set<number>();
  while (slots.size < (10 * MiB) / chunk) slots.add(random(size / chunk));
  for (const slot of slots) fillPseudoRandom(bytes.subarray(slot * chunk, (slot + 1) * chunk), slot);
  const dir = mkdtempSync(join(tmpdir(), 'memscope-bench-'));
  const path = join(dir, 'memory.msnap');
  const input = { moduleName: 'bench.wasm', moduleSha256: '0'.repeat(64), step: 0 };
  try {
    const fromBytes = median(Array.from({ length: 7 }, () => timed(() => {
      const written = writeSnapshotFile(path, sparseImageFromBytes(bytes), input);
      if (!written.ok) throw new Error(written.error.message);
    })));
    const onDisk = statSync(path).size;
    const history = new MemoryHistory(new ChangeTracker().reset(bytes));
    const fromHistory = median(Array.from({ length: 7 }, () => timed(() => {
      const written = writeSnapshotFile(path, history.imageAt(), input);
      if (!written.ok) throw new Error(written.error.message);
    })));
    report('sparse export, 1 GiB memory, 10 MiB data, from memory (target <= 150 ms)', `${fromBytes.toFixed(1)} ms`);
    report('sparse export, same image, from step history', `${fromHistory.toFixed(1)} ms`);
    report('sparse export size on disk (target <= 11 MiB)', `${(onDisk / MiB).toFixed(2)} MiB (${onDisk} bytes)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(report: Report): Promise<void> {
  await changeDetection256(report);
  await changeDetection16(report);
  await sparseExport1G(report);
}
