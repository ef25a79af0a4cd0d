// `memscope run --snapshot F.bin` of a module whose memory has 0 pages: a raw dump of it is an
// empty file, which `memscope snapshot` (and the app) refuse as no dump. It was written and the
// run said all was well; now the run fails (exit 2) naming the file, and writes nothing. The
// .msnap of the same memory is a real file and reads back as 0 bytes.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wasmBytes as w } from '../engine/testing.ts';

const BIN = join(new URL('../..', import.meta.url).pathname, 'bin/memscope.js');
const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-empty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** (module (memory (export "memory") 0) (func (export "f") (result i32) i32.const 7)) */
const zeroPages = w.module(
  w.section(1, w.vec([w.funcType([], [w.T.i32])])),
  w.section(3, w.vec([w.u32(0)])),
  w.section(5, w.vec([[0x00, ...w.u32(0)]])),
  w.section(7, w.vec([[...w.str('memory'), 0x02, ...w.u32(0)], [...w.str('f'), 0x00, ...w.u32(0)]])),
  w.section(10, w.vec([w.body([0x41, 7])])),
);
writeFileSync(join(dir, 'zero.wasm'), zeroPages);
writeFileSync(join(dir, 'zero.wseq'), 'module "zero.wasm"\nx = f()\n');

const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });

describe('a snapshot of a memory of 0 pages', () => {
  it('as .bin fails the run, names the file and writes none', () => {
    const file = join(dir, 'zero.bin');
    const r = run('run', 'zero.wseq', '--snapshot', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`memscope run: cannot write snapshot ${file}: the memory is empty (0 bytes): as a raw memory dump (.bin) it would be an empty file, which is no dump; save it as a snapshot (.msnap)`);
    expect(existsSync(file)).toBe(false);
    const json = run('run', 'zero.wseq', '--snapshot', file, '--json');
    expect([json.status, JSON.parse(json.stdout).ok]).toEqual([2, false]);
  });

  it('read from an empty .bin is refused, the file named once', () => {
    const file = join(dir, 'empty.bin');
    writeFileSync(file, new Uint8Array(0));
    const r = run('snapshot', file);
    // It was "…/empty.bin: …/empty.bin is empty: …": the error's file and its message's, both.
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `memscope snapshot: ${file}: the file is empty: a raw memory dump (.bin) holds every byte of memory, and this holds none (byte offset 0)\n`]);
  });

  it('as .msnap is written and reads back as 0 bytes', () => {
    const file = join(dir, 'zero.msnap');
    expect(run('run', 'zero.wseq', '--snapshot', file).status).toBe(0);
    const r = run('snapshot', file, '--json');
    expect([r.status, JSON.parse(r.stdout).manifest.memorySize]).toEqual([0, 0]);
  });
});
