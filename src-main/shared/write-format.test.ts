// The writers line `memscope run` prints under a traced step. A coarse step (changes kept as
// 4 KiB blocks) counts every byte its writers wrote in those blocks, changed or not: go-hello's
// run step read "wrote 5261 bytes" above writers summing to 20,892 B, with nothing saying why.

import { describe, expect, it } from 'vitest';
import type { StepRecord } from './dto.ts';
import { formatStepWrites, formatWriter } from './write-format.ts';

function step(extra: Partial<StepRecord>): StepRecord {
  return {
    index: 0, line: 2, source: 'run()', ok: true, changes: [[0x1000, 0x2000]], changedBytes: 10,
    writes: [{ start: 0x1000, end: 0x1800, function: 'memclr', offset: 4 }, { start: 0x1800, end: 0x1810, function: 'main', offset: 9 }],
    ...extra,
  } as StepRecord;
}

describe('formatStepWrites', () => {
  it('names each writer and its bytes', () => {
    expect(formatStepWrites(step({}))).toEqual(['written by memclr 2048 B, main 16 B']);
  });
  it('says what a coarse step\'s writers count, since they may sum past the bytes changed', () => {
    expect(formatStepWrites(step({ changesCoarse: true }))).toEqual([
      'written by memclr 2048 B, main 16 B (bytes written in the changed 4 KiB blocks, changed or not)',
    ]);
  });
  it('writes a host writer alone, and a guest function with its offset, even one named with ::', () => {
    const at = (name: string) => formatWriter({ function: name, offset: 0x2f });
    expect(['host', 'wasi:fd_read', 'env:emscripten_memcpy_big', 'go:syscall/js.copyBytesToGo'].map(at))
      .toEqual(['host', 'wasi:fd_read', 'env:emscripten_memcpy_big', 'go:syscall/js.copyBytesToGo']);
    expect(at('std::io::Write::write_all')).toBe('std::io::Write::write_all+0x2f');
    expect(at('runtime.mallocgc')).toBe('runtime.mallocgc+0x2f');
  });
});
