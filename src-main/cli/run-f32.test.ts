// `memscope run` on f32 values: a binding from an f32 (a call's f32 result, `read f32`, an f32
// struct field) printed as its f64 widening (x = 0.10000000149011612 under `→ take_f32(0.1) = 0.1`),
// and `expect z == 0.1` failed on the 0.1 it had just stored. --json keeps the exact number.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope, ROOT, runJson } from './testing/run-json.ts';

const WASM = join(ROOT, 'src-main/export-host/testdata/value-types/value-types.wasm');
const WIDENED = 0.10000000149011612;

function sequence(steps: string): string {
  const seq = join(mkdtempSync(join(tmpdir(), 'memscope-f32-')), 'f32.wseq');
  writeFileSync(seq, `module "${WASM}"\nx = take_f32(0.1)\nwrite f32 0.1 @ 0\nz = read f32 @ 0\ns = read {a: f32, b: f64} @ 0\n${steps}`);
  return seq;
}

describe('memscope run: f32 values', () => {
  it('binds an f32 in the fewest digits that read back as it, and --json keeps its exact value', () => {
    const seq = sequence('d = take_f64(0.1)\nw = z * 1\n');
    const r = memscope(['run', seq]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('\n       x = 0.1\n');
    expect(r.stdout).toContain('\n       z = 0.1\n');
    expect(r.stdout).toContain('\n       s = {a: 0.1, b: 0}\n');
    // An f64 and a computed value are f64s: all their digits.
    expect(r.stdout).toContain('\n       d = 0.1\n');
    expect(r.stdout).toContain(`\n       w = ${WIDENED}\n`);
    const { json } = runJson(seq);
    expect(json.bindings).toMatchObject({ x: WIDENED, z: WIDENED, s: { a: WIDENED, b: 0 }, d: 0.1 });
  });

  it('compares an f32 name with a number as f32s, and a failure shows the f32', () => {
    const held = memscope(['run', sequence('expect z == 0.1\nexpect x == 0.1\nexpect 0.1 == s.a\nexpect z <= 0.1\nexpect z != 0.2\n')]);
    expect(held.status, held.stdout).toBe(0);
    const failed = memscope(['run', sequence('expect z == 0.2\n')]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('expect-failed: expected z == 0.2, but z is 0.1\n');
    const field = memscope(['run', sequence('expect s.a > 0.1\n')]);
    expect(field.stdout).toContain('expect-failed: expected s.a > 0.1, but s.a is 0.1\n');
    // Not an f32 name: the comparison stays exact (0.1 as an f32 is not the f64 0.1).
    const computed = memscope(['run', sequence('expect z * 1 == 0.1\n')]);
    expect(computed.stdout).toContain(`but z * 1 is ${WIDENED}\n`);
  });

  it('a copy of an f32 name or field stays an f32; a computed value is an f64', () => {
    // `w = z` printed 0.10000000149011612 and failed `expect w == 0.1`, where z held.
    const seq = sequence('w = z\nu = s.a\nv = w\nin = read {p: {q: f32}} @ 0\nq = in.p.q\nc = z * 1\n'
      + 'expect w == 0.1\nexpect u == 0.1\nexpect v != 0.2\nexpect q < 0.2\nexpect w >= 0.1\nexpect c != 0.1\n');
    const r = memscope(['run', seq]);
    expect(r.status, r.stdout).toBe(0);
    for (const name of ['w', 'u', 'v', 'q']) expect(r.stdout).toContain(`\n       ${name} = 0.1\n`);
    expect(r.stdout).toContain(`\n       c = ${WIDENED}\n`);
    const { json } = runJson(seq);
    expect(json.bindings).toMatchObject({ w: WIDENED, u: WIDENED, v: WIDENED, q: WIDENED, c: WIDENED });
    const failed = memscope(['run', sequence('w = z\nexpect w == 0.2\n')]);
    expect(failed.stdout).toContain('expect-failed: expected w == 0.2, but w is 0.1\n');
  });

  it('an f32 name passes, writes and compares as its f32: NaN, -0 and a denormal too', () => {
    const seq = sequence('y = take_f32(z)\nwrite f32 z @ 8\nr = read f32 @ 8\n'
      + 'write f32 0.0 / 0.0 @ 16\nnan = read f32 @ 16\nwrite f32 -0.0 @ 20\nnz = read f32 @ 20\n'
      + 'write f32 1e-45 @ 24\ntiny = read f32 @ 24\nt2 = tiny\n'
      + 'expect y == z\nexpect r == 0.1\nexpect nan != nan\nexpect nan != 0.1\nexpect nz == 0\nexpect t2 == 1e-45\nexpect t2 < 3e-45\nexpect 0 < t2\n');
    const r = memscope(['run', seq]);
    expect(r.status, r.stdout).toBe(0);
    for (const line of ['y = 0.1', 'r = 0.1', 'nan = NaN', 'nz = -0', 'tiny = 1e-45', 't2 = 1e-45']) expect(r.stdout).toContain(`\n       ${line}\n`);
    const { json } = runJson(seq);
    expect(json.bindings).toMatchObject({ y: WIDENED, r: WIDENED, tiny: 2 ** -149, t2: 2 ** -149 });
    expect(memscope(['run', sequence('write f32 0.0 / 0.0 @ 16\nnan = read f32 @ 16\nexpect nan == nan\n')]).stdout)
      .toContain('expect-failed: expected nan == nan, but nan is NaN, nan is NaN\n');
  });
});
