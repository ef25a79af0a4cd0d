// Float literals of the exported hosts: exact text, and, when rustc and gofmt are at hand, that
// each language reads them (`1e+300.0`, written before, is no literal in any of the three).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floatLiteral } from './float-literal.ts';

const RUSTC = '/usr/bin/rustc';
const GOFMT = '/usr/lib/go-1.19/bin/gofmt';
// -0 keeps its sign (String(-0) is "0", and 1 / -0.0 is -Infinity in a sequence).
const VALUES = [1, 0.5, 2 ** 53, 1e300, 1e-7, Infinity, -Infinity, 3.4028234663852886e38, -0];
const rust = (v: number) => floatLiteral(v, 'f64::INFINITY', 'f64::NAN');

describe('floatLiteral', () => {
  it('spells a float so it stays one, and Infinity as the language does', () => {
    expect(VALUES.map((v) => floatLiteral(v, 'Infinity', 'NaN'))).toEqual(
      ['1.0', '0.5', '9007199254740992.0', '1e+300', '1e-7', 'Infinity', '(-Infinity)', '3.4028234663852886e+38', '(-0.0)']);
    expect(floatLiteral(NaN, 'math.Inf(1)', 'math.NaN()')).toBe('math.NaN()');
    // JavaScript reads its texts back as the same numbers.
    expect(VALUES.map((v) => Number(eval(floatLiteral(v, 'Infinity', 'NaN'))))).toEqual(VALUES);
  });
});

describe.runIf(existsSync(RUSTC))('under rustc', () => {
  it('compile as f64 and print the same numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-float-literal-'));
    writeFileSync(join(dir, 'main.rs'), `fn main() {\n${VALUES.map((v) => `    let x: f64 = ${rust(v)}; println!("{:e}", x);`).join('\n')}\n}\n`);
    const built = spawnSync(RUSTC, ['--edition', '2021', '-A', 'unused_parens', '-o', join(dir, 'main'), join(dir, 'main.rs')], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    const printed = spawnSync(join(dir, 'main'), { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(printed.map((t) => Number(t.replace('inf', 'Infinity')))).toEqual(VALUES);
  });
});

describe.runIf(existsSync(GOFMT))('under gofmt', () => {
  it('parse as Go expressions', () => {
    const source = `package main\n\nimport "math"\n\nvar xs = []float64{${VALUES.map((v) => floatLiteral(v, 'math.Inf(1)', 'math.NaN()')).join(', ')}}\n`;
    const parsed = spawnSync(GOFMT, ['-e'], { input: source, encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
  });
});
