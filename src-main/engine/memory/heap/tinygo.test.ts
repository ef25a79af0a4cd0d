// The TinyGo walker on real TinyGo 0.35 output: wazero's public allocation example
// (tetratelabs/wazero examples/allocation/tinygo/testdata/greet.wasm), read at test time from
// a local mirror of that repository and never committed here. Without the mirror the real-module
// test is skipped (its name says so) and the layout test below still runs.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeapFacts } from './types.ts';
import { runAndWalkDisposedAfterEach, usedMap } from './testing.ts';
import { walkTinygo } from './tinygo.ts';

const MIRROR = process.env.MEMSCOPE_WAZERO_MIRROR ?? '/work/.mirror/tetratelabs+wazero/repo';
const GREET = 'examples/allocation/tinygo/testdata/greet.wasm';

function greetWasm(): string | null {
  if (!existsSync(MIRROR)) return null;
  try {
    const bytes = execFileSync('git', ['--git-dir', MIRROR, 'show', `HEAD:${GREET}`], { maxBuffer: 16 << 20 });
    const path = join(mkdtempSync(join(tmpdir(), 'memscope-tinygo-')), 'greet.wasm');
    writeFileSync(path, bytes);
    return path;
  } catch {
    return null;
  }
}

const runAndWalk = runAndWalkDisposedAfterEach();

const greet = greetWasm();

describe('TinyGo GC heap walker', () => {
  it.skipIf(greet === null)(`real TinyGo 0.35 module (wazero ${GREET}, needs the mirror)`, async () => {
    const walked = await runAndWalk(greet!, `
import env.log = print_utf8
a = malloc(100)
b = malloc(40)
c = malloc(1)
`);
    expect(walked.facts.allocator).toBe('TinyGo precise GC');
    expect(walked.walk.status, walked.walk.reason).toBe('ok');
    const used = usedMap(walked.walk);
    // Blocks of 16 bytes, the first 16 holding the object's layout: 100 + 16 → 8 blocks.
    expect(used.get(walked.n.a!)).toBe(112);
    expect(used.get(walked.n.b!)).toBe(48);
    expect(used.get(walked.n.c!)).toBe(16);
  });

  it('walks a heap laid out as TinyGo lays it out (block states at the end, variables in .bss)', () => {
    const memory = new Uint8Array(2 * 65536);
    const view = new DataView(memory.buffer);
    const heapStart = 0x11000;
    const heapEnd = memory.length;
    const metadataSize = Math.floor((heapEnd - heapStart + 64) / 65);
    const metadataStart = heapEnd - metadataSize;
    const blocks = Math.floor((metadataStart - heapStart) / 16);
    view.setUint32(0x10800, heapEnd, true); // heapEnd, metadataStart, endBlock as Go vars
    view.setUint32(0x10880, metadataStart, true);
    view.setUint32(0x10888, blocks, true);
    // Objects: blocks 0 (head), 1-2 (tails); block 5 (head); block 7 marked head + tail 8.
    const states: [number, number][] = [[0, 1], [1, 2], [2, 2], [5, 1], [7, 3], [8, 2]];
    for (const [b, s] of states) memory[metadataStart + (b >> 2)]! |= s << ((b & 3) * 2);
    const facts: HeapFacts = {
      walker: 'tinygo', allocator: 'TinyGo conservative GC', dataStart: 0x10000, dataEnd: 0x10900, dataEndExact: false,
      heapBase: null, stackPointer: null, stackLow: null, segments: [], statics: [], staticTypes: [],
    };
    const walk = walkTinygo(memory, facts);
    expect(walk.status, walk.reason).toBe('ok');
    expect(walk.used.toArray()).toEqual([
      { address: heapStart, size: 48 }, { address: heapStart + 5 * 16, size: 16 }, { address: heapStart + 7 * 16, size: 32 },
    ]);
    memory[metadataStart + 1]! = 0b10; // block 4 becomes a tail after a free block
    expect(walkTinygo(memory, facts).status).toBe('corrupt');
  });
});
