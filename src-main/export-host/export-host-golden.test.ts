// `export-host --lang rust|go` for every demo, pinned by golden files (they cannot be compiled
// here: no wasmtime or wazero offline). UPDATE_GOLDEN=1 rewrites them after a deliberate change;
// review the diff against the APIs named in the README before committing.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportHost, type HostLanguage } from './index.ts';
import { RUST_FIT, RUST_INT } from './rust-prelude.ts';
import { EXAMPLES, EXPORTED_SEQUENCES } from './testing/demo-sequences.ts';

const GOLDEN = join(import.meta.dirname, 'testdata/golden');
const EXT: Record<string, string> = { rust: 'rs', go: 'go' };
const sequences = EXPORTED_SEQUENCES;

function generate(seq: string, language: HostLanguage): string {
  return generateText(dirname(seq), readFileSync(seq, 'utf8'), language, seq);
}

/** The host of a sequence's text, its module beside it in dir. */
function generateText(dir: string, text: string, language: HostLanguage, seq = join(dir, 'inline.wseq')): string {
  const module = /^module\s+"([^"]+)"/m.exec(text)![1]!;
  const moduleFile = join(dir, module);
  const result = exportHost({
    language, sequenceText: text, sequenceFile: seq, moduleBytes: readFileSync(moduleFile), moduleFile, outDir: dir,
  });
  if (!result.ok) throw new Error(result.message);
  return result.source;
}

describe.each(['rust', 'go'] as const)('export-host --lang %s goldens', (language) => {
  it.each(sequences.map((s) => [basename(s), s]))('%s', (name, seq) => {
    const file = join(GOLDEN, `${name.replace(/\.wseq$/, '')}.${EXT[language]}`);
    const source = generate(seq, language);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, source);
    }
    expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(source).toBe(readFileSync(file, 'utf8'));
    // Every step is there, each under a comment naming its line.
    for (const line of readFileSync(seq, 'utf8').split('\n').map((l, i) => [l, i + 1] as const)) {
      if (/^[a-z_(]/i.test(line[0]) && !/^(module|import|arg|env|dir|stdin|timeout|deterministic|tty)\b/.test(line[0])) {
        expect(source).toContain(`// line ${line[1]}: `);
      }
    }
  });
});

describe('export-host --lang rust string literals', () => {
  it('spells control characters as Rust does and doubles braces in ensure!\'s format string', () => {
    const dir = join(EXAMPLES, 'clang19-wasi');
    const source = generateText(dir, [
      'module "clang19-wasi.wasm"', 'env "K{}=\\x01\\x7f\\t"', 'arg "a\\x1b{x}" "\\\\\\""', 'write utf8 "a\\0b\\x01" @ 1024',
      's = read utf8 @ 1024 [4]', 'expect s == "a\\0b\\x01"', 'expect s != "{s}\\x1f{}"', '',
    ].join('\n'), 'rust');
    const lines = source.split('\n').map((l) => l.trim());
    expect(lines).toContain('wasi.args(&["clang19-wasi.wasm", "a\\u{1b}{x}", "\\\\\\""]).inherit_stdout().inherit_stderr();');
    expect(lines).toContain('wasi.env("K{}", "\\u{1}\\u{7f}\\t");');
    expect(lines).toContain('let data: &[u8] = b"a\\x00b\\x01";');
    // The value is a format argument: the sequence's own braces doubled, the value's {} not.
    expect(lines).toContain('ensure!(s == "a\\0b\\u{1}" || at_step(false), "line 6: expected s == \\"a\\\\0b\\\\x01\\", but s is {}", show_text(&s));');
    expect(lines).toContain('ensure!(s != "{s}\\u{1f}{}" || at_step(false), "line 7: expected s != \\"{{s}}\\\\x1f{{}}\\", but s is {}", show_text(&s));');
  });
});

describe('export-host --lang rust integer arguments', () => {
  it('spells a literal above the parameter\'s signed range as an i128, so the cast wraps it as run does (rustc refuses 4294967295 as i32)', () => {
    const dir = join(import.meta.dirname, 'testdata/value-types');
    const source = generateText(dir, ['module "value-types.wasm"', 'x = add(0, 4294967295)', 'y = add(-2147483648, 2147483647)', ''].join('\n'), 'rust');
    const tuples = [...source.matchAll(/\.call\(&mut store, (\([^;]*?\))\)\.map_err\(at_step\)\?/g)].map((m) => m[1]!);
    expect(tuples).toEqual(['(0 as i32, 4294967295_i128 as i32)', '(-2147483648 as i32, 2147483647 as i32)']);
    if (!existsSync('/usr/bin/rustc')) return;
    const main = join(mkdtempSync(join(tmpdir(), 'memscope-rust-args-')), 'main.rs');
    writeFileSync(main, `fn main() {\n${tuples.map((t) => `    let t: (i32, i32) = ${t};\n    println!("{} {}", t.0, t.1);`).join('\n')}\n}\n`);
    const built = spawnSync('/usr/bin/rustc', ['--edition', '2021', '-o', main.replace(/\.rs$/, ''), main], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(spawnSync(main.replace(/\.rs$/, ''), { encoding: 'utf8' }).stdout).toBe('0 -1\n-2147483648 2147483647\n');
  });
});

describe('export-host --lang rust arguments computed from bindings', () => {
  /** The argument tuple of each export call (the init call's `()` aside). */
  const tuples = (dir: string, steps: string[]) => [...generateText(dir, [...steps, ''].join('\n'), 'rust')
    .matchAll(/\.call\(&mut store, (\([^;]*?\))\)\.map_err\(at_step\)\?/g)].map((m) => m[1]!).filter((t) => t !== '()');

  it('checks them with the prelude\'s Fit when they run, as memscope run does: one that does not fit fails its line with run\'s words, one that fits passes; constants are cast as they were', () => {
    const returnString = join(EXAMPLES, 'return-string');
    const [constant, tooBig] = tuples(returnString, ['module "return-string.wasm"', 'p = malloc(8)', 'q = malloc(p * 100000000)']);
    expect(constant).toBe('(8 as i32,)');
    expect(tooBig).toBe('(Fit::fit(mul(p, 100000000, 3)?, "i32", "line 3: argument 1 of malloc (i32)")? as i32,)');
    const fits = tuples(returnString, ['module "return-string.wasm"', 'p = malloc(8)', 'q = malloc(p * 100)'])[1]!;
    const [f32, , i64] = tuples(join(import.meta.dirname, 'testdata/value-types'),
      ['module "value-types.wasm"', 'd = read f64 @ 0', 'e = take_f32(d)', 'n = take_i64(0)', 'm = take_i64(n - 1)']);
    expect(f32).toBe('(Fit::fit(d, "f32", "line 3: argument 1 of take_f32 (f32)")? as f32,)');
    if (!existsSync('/usr/bin/rustc')) return;
    // The prelude's Fit and integer operations as they are, on a stand-in for anyhow's Result,
    // bail! and ensure! (and serde_json::Value, which num() makes); each
    // tuple in a function of its own, with its names bound: p as malloc(8) returns it in
    // memscope run, d a float past f32's largest.
    const cases = [[fits, 'let p: i128 = 67104;', 'i32'], [tooBig, 'let p: i128 = 67104;', 'i32'], [f32, 'let d: f64 = 1e300;', 'f32'], [i64, 'let n: i128 = 0;', 'i64']];
    const main = join(mkdtempSync(join(tmpdir(), 'memscope-rust-fit-')), 'main.rs');
    writeFileSync(main, [
      '#![allow(dead_code)]', // the integer operations these cases do not use
      'type Result<T> = std::result::Result<T, String>;',
      'macro_rules! bail { ($($t:tt)*) => { return Err(format!($($t)*)) } }',
      'macro_rules! ensure { ($c:expr, $($t:tt)*) => { if !$c { bail!($($t)*) } } }',
      'mod serde_json { pub struct Value; impl From<i64> for Value { fn from(_: i64) -> Value { Value } } impl From<String> for Value { fn from(_: String) -> Value { Value } } impl From<f64> for Value { fn from(_: f64) -> Value { Value } } }',
      RUST_INT,
      RUST_FIT,
      ...cases.map(([t, decl, type], k) => `fn case_${k}() -> Result<()> {\n    ${decl}\n    let t: (${type},) = ${t};\n    println!("{}", t.0);\n    Ok(())\n}`),
      `fn main() {\n${cases.map((_, k) => `    if let Err(e) = case_${k}() { println!("Error: {e}"); }`).join('\n')}\n}\n`,
    ].join('\n'));
    const built = spawnSync('/usr/bin/rustc', ['--edition', '2021', '-o', main.replace(/\.rs$/, ''), main], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(spawnSync(main.replace(/\.rs$/, ''), { encoding: 'utf8' }).stdout.split('\n')).toEqual([
      '6710400',
      'Error: line 3: argument 1 of malloc (i32): 6710400000000 does not fit in 32 bits (-2147483648 to 4294967295)',
      'Error: line 3: argument 1 of take_f32 (f32): 1e+300 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)',
      '-1',
      '',
    ]);
  });
});

describe('export-host text that would break a source: a byte order mark, a NUL, a line break', () => {
  // testdata/odd-names imports env."log\nnext" and env."bom\ufeff\0nul"; the sequence's own
  // text carries a raw U+FEFF, NUL and U+2028.
  const dir = join(import.meta.dirname, 'testdata/odd-names');
  const text = [
    'module "odd-names.wasm"', 'import "env"."log\\nnext" = print_utf8', 'env "K=\ufeff"',
    'write utf8 "a\ufeffb\0c\u2028" @ 0', 's = read utf8 @ 0 [4]', 'expect s == "a\ufeffb"', 'noop()', '',
  ].join('\n');
  const lines = (language: HostLanguage) => generateText(dir, text, language).split('\n').map((l) => l.trim());

  it('go: escaped in string literals and comments, where Go refuses them raw', () => {
    const go = lines('go');
    expect(go).toContain('// line 4: write utf8 "a\\u{feff}b\\x00c\\u{2028}" @ 0');
    expect(go).toContain('checkStep(errors.New("expected s == \\"a\\ufeffb\\", but s is " + showText(s)))');
    expect(go).toContain('WithEnv("K", "\\ufeff"))');
    expect(go).toContain('// env.log\\x0anext = print_utf8');
    expect(go).toContain('}), []api.ValueType{api.ValueTypeI32, api.ValueTypeI32}, []api.ValueType{}).Export("log\\nnext").');
    expect(go).toContain("// env.bom\\u{feff}\\x00nul: unresolved, returns zeros as Memscope's stub does");
    expect(go).toContain('}), []api.ValueType{}, []api.ValueType{api.ValueTypeI32}).Export("bom\\ufeff\\u0000nul").');
  });

  it('rust: an import\'s name in a comment keeps the comment one line', () => {
    const rust = lines('rust');
    expect(rust).toContain('// env.log\\x0anext(ptr, len) prints len UTF-8 bytes at guest offset ptr.');
    expect(rust).toContain('// line 4: write utf8 "a\\u{feff}b\\x00c\\u{2028}" @ 0');
  });

  it('js: a step\'s U+2028, which ends a JavaScript line comment, is escaped in it', () => {
    const js = generateText(dir, text, 'js');
    expect(js.split('\n')).toContain('// line 4: write utf8 "a\\u{feff}b\\x00c\\u{2028}" @ 0');
    const checked = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: js, encoding: 'utf8' });
    expect(checked.stderr).toBe('');
  });

  const GOFMT = '/usr/lib/go-1.19/bin/gofmt';
  it.runIf(existsSync(GOFMT))('go: the whole program parses under gofmt', () => {
    const parsed = spawnSync(GOFMT, ['-e'], { input: generateText(dir, text, 'go'), encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
  });
});
