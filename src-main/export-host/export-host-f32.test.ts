// f32 bindings in the exported hosts, as `memscope run` has them: printed in the fewest digits
// that read back as the f32 (`z = 0.1`, not its widening 0.10000000149011612), and compared with
// a number as f32s (`expect z == 0.1` holds); --json's exact value unchanged.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from '../cli/testing/memscope-cli.ts';
import { exportHost, type HostLanguage } from './index.ts';
import { hostFailure, type RunStep } from './testing/run-failure.ts';

const WASM = join(import.meta.dirname, 'testdata/value-types/value-types.wasm');
const OUT = mkdtempSync(join(tmpdir(), 'memscope-export-f32-'));
const STEPS = 'x = take_f32(0.1)\nwrite f32 0.1 @ 0\nz = read f32 @ 0\ns = read {a: f32, b: f64} @ 0\nt = s\nd = take_f64(0.1)\nw = z\n'
  + 'expect z == 0.1\nexpect 0.1 == x\nexpect s.a == 0.1\nexpect t.a <= 0.1\n'
  // A copy of an f32 name or field is an f32 (w = z printed 0.10000000149011612, and expect w == 0.1 failed); z * 1 is an f64.
  + 'u = s.a\nc = z * 1\nexpect w == 0.1\nexpect u < 0.2\n';

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
const runBindingLines = (seq: string) => [...memscope(['run', seq]).stdout.matchAll(/^ {7}([A-Za-z_]\w* = .*)$/gm)].map((m) => m[1]!);

function sequence(name: string, steps: string): string {
  const seq = join(OUT, `${name}.wseq`);
  writeFileSync(seq, `module "${WASM}"\n${steps}`);
  return seq;
}

function generate(seq: string, language: HostLanguage): string {
  const r = exportHost({ language, sequenceText: readFileSync(seq, 'utf8'), sequenceFile: seq, moduleBytes: readFileSync(WASM), moduleFile: WASM, outDir: OUT });
  if (!r.ok) throw new Error(r.message);
  return r.source;
}

describe('export-host: f32 values', () => {
  it('js: the program prints f32 bindings and checks expects on them as run does', () => {
    for (const [name, steps] of [['held', STEPS], ['failed', `${STEPS}expect s.a > 0.1\n`], ['failed-name', `${STEPS}expect z == 0.2\n`]] as const) {
      const seq = sequence(name, steps);
      const program = join(OUT, `${name}.mjs`);
      expect(memscope(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
      const ran = node([program]);
      const reference = memscope(['run', seq, '--json']);
      const expected = JSON.parse(reference.stdout);
      expect(ran.status, `${name}: ${ran.stderr}`).toBe(reference.status);
      expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual(expected.bindings);
      const lines = ran.stdout.trim().split('\n').slice(0, -1);
      expect(lines).toEqual(runBindingLines(seq));
      const failed = (expected.steps as RunStep[]).find((x) => !x.ok);
      expect(ran.stderr).toBe(failed ? `${hostFailure(failed)}\n` : '');
    }
    expect(runBindingLines(join(OUT, 'held.wseq'))).toEqual(['x = 0.1', 'z = 0.1', 's = {a: 0.1, b: 0}', 't = {a: 0.1, b: 0}', 'd = 0.1', 'w = 0.1', 'u = 0.1', 'c = 0.10000000149011612']);
    expect(node([join(OUT, 'failed-name.mjs')]).stderr).toBe('✗ line 17:8: expect z == 0.2: expected z == 0.2, but z is 0.1\n');
  });

  it('go and rust: f32 bindings shown as f32s, and compared with a number as f32s', () => {
    const seq = sequence('native', `${STEPS}expect z != 1\n`);
    const go = generate(seq, 'go').split('\n').map((l) => l.trim());
    expect(go).toContain('bound.show("x = %s\\n", showF32(x))');
    expect(go).toContain('bound.show("s = {a: %s, b: %s}\\n", showF32(s_a), showFloat(s_b))');
    expect(go).toContain('bound.show("t = {a: %s, b: %s}\\n", showF32(t_a), showFloat(t_b))');
    expect(go).toContain('bound.show("d = %s\\n", showFloat(d))');
    expect(go).toContain('bound.show("w = %s\\n", showF32(w))');
    expect(go).toContain('bound.show("u = %s\\n", showF32(u))');
    expect(go).toContain('bound.show("c = %s\\n", showFloat(c))');
    expect(go).toContain('if !(float32(w) == float32(flt(0.1))) {');
    expect(go).toContain('if !(float32(z) == float32(flt(0.1))) {');
    expect(go).toContain('checkStep(errors.New("expected z == 0.1, but z is " + showF32(z)))');
    expect(go).toContain('if !(float32(t_a) <= float32(flt(0.1))) {');
    expect(go).toContain('if !(float32(z) != float32(toFloat(num(1)))) {');
    const rust = generate(seq, 'rust').split('\n').map((l) => l.trim());
    expect(rust).toContain('println!("x = {}", show_f32(x));');
    expect(rust).toContain('println!("s = {{a: {}, b: {}}}", show_f32(s_a), show_float(s_b));');
    expect(rust).toContain('println!("w = {}", show_f32(w));');
    expect(rust).toContain('println!("u = {}", show_f32(u));');
    expect(rust).toContain('println!("c = {}", show_float(c));');
    expect(rust).toContain('ensure!(fround(u) < fround(0.2) || at_step(false), "line 16: expected u < 0.2, but u is {}", show_f32(u));');
    expect(rust).toContain('ensure!(fround(z) == fround(0.1) || at_step(false), "line 9: expected z == 0.1, but z is {}", show_f32(z));');
    expect(rust).toContain('ensure!(fround(0.1) == fround(x) || at_step(false), "line 10: expected 0.1 == x, but x is {}", show_f32(x));');
    expect(rust).toContain('ensure!(fround(z) != fround(1.0) || at_step(false), "line 17: expected z != 1, but z is {}", show_f32(z));');
  });
});
