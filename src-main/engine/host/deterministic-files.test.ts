// --deterministic means the same bytes on every machine: a guest that stats a preopened file
// (Rust's std::fs, wasi-libc's fstat) or lists a directory (fd_readdir's d_ino) must not see the
// host's inodes or timestamps, which change with every checkout. Two copies of a fixture,
// different inodes and times, same memory.

import { cpSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const base = mkdtempSync(join(tmpdir(), 'memscope-deterministic-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function memoryAfterCat(copy: string, mtime: Date): Promise<{ bytes: Uint8Array; changed: number[] }> {
  const dir = join(base, copy);
  cpSync(join(EXAMPLES, 'rust-wasi/fixtures'), dir, { recursive: true });
  utimesSync(join(dir, 'hello.txt'), mtime, mtime);
  const sequence = `deterministic\narg "cat" "/data/hello.txt"\ndir ${JSON.stringify(dir)} as "/data"\n_start()\n`;
  const session = await open(example('rust-wasi'), { sequence });
  const records = await session.run();
  expect(records.map((r) => r.ok)).toEqual([true]);
  const read = await session.readMemory(0, session.memorySize);
  if (!read.ok) throw new Error(read.error.message);
  return { bytes: read.value.bytes, changed: records.map((r) => r.changedBytes) };
}

describe('deterministic mode and host files', () => {
  it('two copies of a file with different inodes and times leave the same memory', async () => {
    const a = await memoryAfterCat('a', new Date('2001-02-03T04:05:06Z'));
    const b = await memoryAfterCat('b', new Date('2024-11-30T10:00:00Z'));
    expect(b.changed).toEqual(a.changed);
    const firstDifference = a.bytes.findIndex((byte, i) => byte !== b.bytes[i]);
    expect(firstDifference).toBe(-1);
  });

  it('two copies of a directory listed with fd_readdir leave the same memory', async () => {
    const listed = async (copy: string): Promise<{ bytes: Uint8Array; changed: number[] }> => {
      const dir = join(base, copy);
      cpSync(join(EXAMPLES, 'clang19-wasi/fixtures'), dir, { recursive: true });
      const sequence = `deterministic\narg "ls" "/data"\ndir ${JSON.stringify(dir)} as "/data"\n_start()\n`;
      const session = await open(example('clang19-wasi'), { sequence });
      const records = await session.run();
      expect(records.map((r) => r.ok)).toEqual([true]);
      const read = await session.readMemory(0, session.memorySize);
      if (!read.ok) throw new Error(read.error.message);
      return { bytes: read.value.bytes, changed: records.map((r) => r.changedBytes) };
    };
    const a = await listed('list-a');
    const b = await listed('list-b');
    expect(b.changed).toEqual(a.changed);
    expect(a.bytes.findIndex((byte, i) => byte !== b.bytes[i])).toBe(-1);
  });
});
