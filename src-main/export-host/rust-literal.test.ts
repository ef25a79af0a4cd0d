// Rust string literals of the exported host: exact text, and, when rustc is at hand, the value
// rustc makes of each (no crates needed: format! is std's, with anyhow's format-string rules).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rustFormatStr, rustStr } from './rust-literal.ts';

const RUSTC = '/usr/bin/rustc';

describe('rustStr', () => {
  it.each([
    ['plain', '"plain"'],
    ['a\0b\x01', '"a\\0b\\u{1}"'],
    ['K=\x1b\x1f\x7f\x80\x9f', '"K=\\u{1b}\\u{1f}\\u{7f}\\u{80}\\u{9f}"'],
    ['q"\\ \n\r\t', '"q\\"\\\\ \\n\\r\\t"'],
    ['{x} é \u00a0 \u{1f600}', '"{x} é \u00a0 \u{1f600}"'],
  ])('%j → %s', (text, literal) => {
    expect(rustStr(text)).toBe(literal);
  });
});

describe('rustFormatStr', () => {
  it('doubles braces before escaping, so \\u{1} keeps its own', () => {
    expect(rustFormatStr('line 4: expected s == "{x}\x01{}"')).toBe('"line 4: expected s == \\"{{x}}\\u{1}{{}}\\""');
  });
});

describe.runIf(existsSync(RUSTC))('the literals under rustc', () => {
  it('compile, and their values (format!\'s for format strings) are the text', () => {
    const texts = ['a\0b\x01', 'K=\x1b\x1f\x7f\x80\x9f', 'q"\\ \n\r\t', '{x} {} é \u{1f600}', 'expected s == "a\\0b\\x01{s}"'];
    const dir = mkdtempSync(join(tmpdir(), 'memscope-rust-literal-'));
    const hex = (v: string) => `${v}.bytes().map(|b| format!("{b:02x}")).collect::<String>()`;
    writeFileSync(join(dir, 'main.rs'), `fn main() {\n${texts.flatMap((t) => [
      `    println!("{}", ${hex(`${rustStr(t)}.to_string()`)});`,
      `    println!("{}", ${hex(`format!(${rustFormatStr(t)})`)});`,
    ]).join('\n')}\n}\n`);
    const built = spawnSync(RUSTC, ['--edition', '2021', '-o', join(dir, 'main'), join(dir, 'main.rs')], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    const ran = spawnSync(join(dir, 'main'), { encoding: 'utf8' });
    expect(ran.stdout.trim().split('\n')).toEqual(texts.flatMap((t) => [Buffer.from(t).toString('hex'), Buffer.from(t).toString('hex')]));
  });
});
