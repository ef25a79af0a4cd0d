// `memscope snapshot F.bin`: a raw memory dump (what `run --snapshot F.bin` writes) is shown by its
// size and pages in use and hex-dumped by address; it was refused as "not a Memscope snapshot: the
// file does not start with MSNAP", as if a file Memscope wrote were damaged.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const DIR = mkdtempSync(join(tmpdir(), 'memscope-raw-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('memscope snapshot on a raw .bin dump', () => {
  // Two pages and 16 bytes; data in the first page only; a name with a space and a non-ASCII letter.
  const bin = join(DIR, 'mém dump.bin');
  const bytes = new Uint8Array(2 * 65536 + 16);
  bytes.set([0xde, 0xad, 0xbe, 0xef], 0x20);
  writeFileSync(bin, bytes);

  it('says what it is: its size and the pages holding data', () => {
    const r = memscope(['snapshot', bin]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${bin}: raw memory dump: no module, step, regions or bound values recorded\n`
      + 'memory 131088 bytes (2 pages and 16 bytes), 1 page holds data\n');
  });

  it('--dump by address, in text and --json', () => {
    const r = memscope(['snapshot', bin, '--dump', '0x20', '4']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').at(-2)).toBe(`0x00000020  ${'de ad be ef'.padEnd(47)}  ....`);
    const json = memscope(['snapshot', bin, '--dump', '32', '4', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, file: bin, kind: 'raw', memorySize: 131088, pagesWithData: 1, dump: { address: 32, hex: 'deadbeef' } });
  });

  it('refuses what a raw dump cannot answer, saying why, one JSON object with --json', () => {
    const name = memscope(['snapshot', bin, '--dump', 'head', '--json']);
    expect(name.status).toBe(2);
    expect(JSON.parse(name.stdout).errors[0].message).toBe('"head" is not an address (hex or decimal); a raw memory dump names no regions');
    const diff = memscope(['snapshot', bin, '--diff', bin]);
    expect(diff.status).toBe(2);
    expect(diff.stderr).toBe(`memscope snapshot: --diff compares .msnap snapshots; ${bin} is a raw memory dump (every byte, no manifest)\n`);
    const module = memscope(['snapshot', bin, '--module', bin]);
    expect(module.stderr).toMatch(/^memscope snapshot: --module names the functions of a coredump's stack; .* is a raw memory dump/);
    const past = memscope(['snapshot', bin, '--dump', '0x20010']);
    expect(past.stderr).toBe('memscope snapshot: --dump 0x20010 is past the end of memory (131088 bytes, 0x0..0x2000f)\n');
  });

  it('a file of no kind it reads says a raw dump is known by its .bin name', () => {
    const other = join(DIR, 'memory.dat');
    writeFileSync(other, bytes);
    const r = memscope(['snapshot', other]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`memscope snapshot: ${other}: not a Memscope snapshot: the file does not start with "MSNAP\\0\\0" (byte offset 0); `
      + 'a raw memory dump is read when its name ends in .bin\n');
  });

  it('a raw dump given to --diff is named as one', () => {
    const snap = join(DIR, 'final.msnap');
    expect(memscope(['run', '--snapshot', snap, join(ROOT, 'resources/examples/trap/trap.wseq')]).status).toBe(1);
    const r = memscope(['snapshot', snap, '--diff', bin]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`memscope snapshot: --diff compares .msnap snapshots; ${bin} is a raw memory dump (every byte, no manifest)\n`);
  });
});
