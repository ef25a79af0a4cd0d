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
});
