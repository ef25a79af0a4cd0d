// The Rust host's sequence integers, compiled and run with rustc alone (no wasmtime offline):
// the prelude's RUST_INT and RUST_FIT as they are, on stand-ins for anyhow (Result, bail!, ensure!) and
// serde_json (Value), with the steps of a host that need no module. Each must give the
// bindings `memscope run --json` gives, or fail its line with run's words.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from '../cli/testing/memscope-cli.ts';
import { exportHost } from './index.ts';
import { RUST_AT, RUST_FIT, RUST_INT, RUST_STEP } from './rust-prelude.ts';
import { EXAMPLES } from './testing/demo-sequences.ts';
import { hostFailure, type RunStep } from './testing/run-failure.ts';

const RUSTC = '/usr/bin/rustc';
const MODULE = join(EXAMPLES, 'return-string', 'return-string.wasm');

const STAND_INS = String.raw`#![allow(dead_code, unused_macros, unused_imports, unused_variables, unused_mut)]
type Result<T> = std::result::Result<T, String>;
macro_rules! bail { ($($t:tt)*) => { return Err(format!($($t)*)) } }
macro_rules! ensure { ($c:expr, $($t:tt)*) => { if !$c { bail!($($t)*) } } }
mod anyhow {
    macro_rules! anyhow_ { ($($t:tt)*) => { format!($($t)*) } }
    pub(crate) use anyhow_ as anyhow;
}
mod serde_json {
    /// A JSON number or string, written as JSON (the prelude's Bound writes the objects).
    pub enum Value { Int(i128), Float(f64), Text(String) }
    impl From<i64> for Value { fn from(v: i64) -> Value { Value::Int(v.into()) } }
    impl From<u64> for Value { fn from(v: u64) -> Value { Value::Int(v.into()) } }
    impl From<f64> for Value { fn from(v: f64) -> Value { Value::Float(v) } }
    impl From<String> for Value { fn from(v: String) -> Value { Value::Text(v) } }
    impl std::fmt::Display for Value {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            match self {
                Value::Int(v) => write!(f, "{v}"), Value::Float(v) => write!(f, "{v}"), Value::Text(v) => write!(f, "{}", crate::show_text(v)),
            }
        }
    }
}
/// wasmtime's Memory, as far as a write step uses it; a read gives zeros (cases write zeros first).
struct Memory;
impl Memory {
    fn write(&self, _store: &mut (), _offset: usize, _data: &[u8]) -> Result<()> { Ok(()) }
}
fn read<const N: usize>(_memory: &Memory, _store: &(), _offset: i128) -> Result<[u8; N]> { Ok([0; N]) }
impl Memory {
    /// 2 pages, as return-string.wasm's memory (so run's errors name the same size).
    fn data_size(&self, _store: &()) -> usize { 131072 }
}
/// The prelude's bytes on the stand-in memory: checked by the prelude's within, then zeros.
fn bytes(memory: &Memory, store: &(), offset: i128, len: i128) -> Result<Vec<u8>> {
    within(offset, len, memory.data_size(store))?;
    Ok(vec![0; len as usize])
}
fn hex(raw: &[u8]) -> String { raw.iter().map(|b| format!("{b:02x}")).collect() }
use std::sync::atomic::{AtomicU32, Ordering};
`;

/** The Rust host of `steps`: what its run() does after instantiating (the init call aside), as a function on a stand-in memory. */
function stepsOf(name: string, steps: string[]): string {
  const r = exportHost({ language: 'rust', sequenceText: [`module "${MODULE}"`, ...steps, ''].join('\n'), sequenceFile: join(tmpdir(), 'inline.wseq'),
    moduleBytes: readFileSync(MODULE), moduleFile: MODULE, outDir: tmpdir() });
  if (!r.ok) throw new Error(r.message);
  const body = r.source.slice(r.source.indexOf('\n', r.source.indexOf('let memory = instance')) + 1, r.source.lastIndexOf('}'));
  return `fn ${name}(bound: &mut Bound) -> Result<()> {\n    let (memory, mut store) = (Memory, ());\n${body.split('\n').filter((l) => !l.includes('instance.')).join('\n')}}\n`;
}

/**
 * Each case built into one program and run as the host's main() runs it: its error (`✗ …`) if
 * it failed, else its bindings line. `bindings` has every case's bindings line, failed or not.
 */
function runCases(cases: Record<string, string[]>): { results: Record<string, string>; bindings: Record<string, unknown>; shown: Record<string, string[]> } {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-rust-int-'));
  const names = Object.keys(cases);
  // Each case says its error as the host's main() does (failure: at the step's line).
  writeFileSync(join(dir, 'main.rs'), [STAND_INS, RUST_AT, RUST_STEP, RUST_INT, RUST_FIT, ...names.map((n) => stepsOf(`case_${n}`, cases[n]!)),
    `fn main() {\n${names.map((n) => `    let mut bound = Bound::new();\n    step_line(0, 0, "");\n    if let Err(e) = case_${n}(&mut bound) { println!("✗ {}", failure(e)); }\n    println!("{bound}");`).join('\n')}\n}\n`].join('\n'));
  const built = spawnSync(RUSTC, ['--edition', '2021', '-o', join(dir, 'main'), join(dir, 'main.rs')], { encoding: 'utf8' });
  expect(built.stderr).toBe('');
  // Debug build: an overflow the prelude missed would panic, not wrap.
  const ran = spawnSync(join(dir, 'main'), { encoding: 'utf8' });
  expect(ran.stderr).toBe('');
  // Per case: its binding lines (`a = 1`), its ✗ line when it failed, then its bindings line.
  const lines: string[] = [];
  const shownLines: string[][] = [[]];
  for (const l of ran.stdout.split('\n')) {
    if (/^[A-Za-z_]\w* = /.test(l)) shownLines.at(-1)!.push(l);
    else if (l.startsWith('{') || l.startsWith('✗')) lines.push(l);
    if (l.startsWith('{')) shownLines.push([]);
  }
  const results: Record<string, string> = {};
  const bindings: Record<string, unknown> = {};
  const shown: Record<string, string[]> = {};
  for (const n of names) {
    const first = lines.shift()!;
    const last = first.startsWith('✗') ? lines.shift()! : first;
    results[n] = first;
    bindings[n] = JSON.parse(last);
    shown[n] = shownLines.shift()!;
  }
  return { results, bindings, shown };
}

/** The binding lines `memscope run` prints for steps (`n = 42 (0x2a)`). */
function runShown(steps: string[]): string[] {
  const seq = join(mkdtempSync(join(tmpdir(), 'memscope-rust-int-seq-')), 'case.wseq');
  writeFileSync(seq, [`module "${MODULE}"`, ...steps, ''].join('\n'));
  const ran = memscope(['run', seq], { timeout: 120_000 });
  return [...ran.stdout.matchAll(/^ {7}([A-Za-z_]\w* = .*)$/gm)].map((m) => m[1]!);
}

/** `memscope run --json` of steps: its bindings, and the failed step's error as the hosts word it (`line 3: q = 7 / z: …`). */
/** `atStep`: the step fails at its own place (an expect's comparison), said at run's line:column (hostFailure). */
function runReference(steps: string[], { atStep = false } = {}): { bindings: unknown; error?: string } {
  const seq = join(mkdtempSync(join(tmpdir(), 'memscope-rust-int-seq-')), 'case.wseq');
  writeFileSync(seq, [`module "${MODULE}"`, ...steps, ''].join('\n'));
  const ran = memscope(['run', seq, '--json'], { timeout: 120_000 });
  const out = JSON.parse(ran.stdout) as { bindings: unknown; steps: RunStep[] };
  const failed = out.steps.find((s) => !s.ok);
  return { bindings: out.bindings, error: failed && hostFailure(failed, { inPart: !atStep }).replace(/^✗ /, '') };
}

describe.runIf(existsSync(RUSTC))('Rust host: sequence integers as memscope run computes them', () => {
  it('are exact across the u64 and i64 range, and written to JSON as run writes them (a*a*a overflowed i128 unchecked; past i64, num() wrote u64 wraps)', () => {
    const exact = ['a = 18446744073709551615', 'b = a >> 32', 'c = 9223372036854775807 + 1', 'd = -9223372036854775808 - 1', 'e = a * 4294967296', 'f = ~a',
      'g = -7 / 2', 'h = -7 % 2', 'i = -1 >> 1', 'j = (a & 0xff) | (1 << 64)', 'k = 9007199254740991', 'l = k + 1', 'm = -k', 'n = m - 1',
      'o = a + 0.5', 'p = -1 >> 128', 'q = -(1 << 126) * 2', 'r = 5 >> 128', 's = 0 << 128', 't = 1 << 126',
      'w = 1024', 'write u8 -1 + w - w @ w', 'write u64 a @ w', 'write i64 d + 1 @ w', 'write f32 o @ w', 'write f64 a @ w',
      'expect b == 0xffffffff', 'expect c > 9223372036854775807', 'expect o == 18446744073709551615 + 1', 'expect o > 1'];
    const got = runCases({ exact });
    const reference = runReference(exact);
    expect(reference.error).toBeUndefined();
    expect(JSON.parse(got.results.exact!)).toEqual(reference.bindings);
    expect(reference.bindings).toMatchObject({ b: 4294967295, c: '9223372036854775808', e: '79228162514264337589248983040', k: 9007199254740991, l: '9007199254740992', n: '-9007199254740992' });
  }, 120_000);

  it('fail where run fails, with its words: division by zero, a shift count outside 0..128, a write out of its type\'s range (it wrapped)', () => {
    const cases: Record<string, string[]> = {
      quo: ['z = 0', 'q = 7 / z'], rem: ['z = 0', 'q = 7 % z'], shl: ['z = 129', 'q = 1 << z'], shr: ['z = -1', 'q = 1 >> z'],
      u64: ['p = 1024', 'x = 18446744073709551615 + p - p + 1', 'write u64 x @ p'], u8: ['p = 1024', 'v = 256', 'write u8 v @ p'],
      i8: ['p = 1024', 'v = -129', 'write i8 v @ p'], float: ['p = 1024', 'v = 1.5', 'write u32 v @ p'], f32: ['p = 1024', 'v = 1e300', 'write f32 v @ p'],
    };
    const got = runCases(cases).results;
    for (const [name, steps] of Object.entries(cases)) expect(got[name], name).toBe(`✗ ${runReference(steps).error}`);
    expect(got.shl).toBe('✗ line 3: q = 1 << z: shift count 129 is outside 0..128');
    expect(got.u64).toBe('✗ line 4: write u64 x @ p: write u64: 18446744073709551616 does not fit in 64 bits (-9223372036854775808 to 18446744073709551615)');
  }, 120_000);

  it('floats in the bindings line as run writes them: NaN, the infinities and -0 as text (serde_json wrote null)', () => {
    const floats = ['n = 0.0 / 0', 'p = 1.0 / 0', 'm = -1.0 / 0', 'z = -0.0', 'h = 0.5'];
    const reference = runReference(floats);
    expect(reference.bindings).toEqual({ n: 'NaN', p: 'Infinity', m: '-Infinity', z: '-0', h: 0.5 });
    expect(runCases({ floats }).bindings.floats).toEqual(reference.bindings);
  }, 120_000);

  it('end with the bindings made before a failed step, as run --json and the JS and Go hosts do (the program printed none)', () => {
    const cases: Record<string, string[]> = {
      quo: ['a = 5', 'h = 0.5', 'z = 0', 'a = 6', 'q = 7 / z', 'never = 1'], write: ['p = 1024', 'v = 256', 'write u8 v @ p'],
    };
    const got = runCases(cases);
    for (const [name, steps] of Object.entries(cases)) {
      const reference = runReference(steps);
      expect(got.results[name], name).toBe(`✗ ${reference.error}`);
      expect(got.bindings[name], name).toEqual(reference.bindings);
    }
    expect(got.bindings.quo).toEqual({ a: 6, h: 0.5, z: 0 });
  }, 120_000);

  it('an assigned text fails its line with run\'s words, the bindings before it kept (it was bound as an i128: no build)', () => {
    const cases: Record<string, string[]> = { text: ['a = 1', 'x = "abc"', 'y = x'] };
    const got = runCases(cases);
    const reference = runReference(cases.text!);
    expect(got.results.text).toBe(`✗ ${reference.error}`);
    expect(got.results.text).toBe('✗ line 3: x = "abc": cannot assign text: text and bytes are bound by reads');
    expect(got.bindings.text).toEqual(reference.bindings);
  }, 120_000);

  it('the bindings line keeps run\'s key order: first bound first, a name bound again in its place, a struct\'s fields as it declares them (serde_json\'s Map sorted them by name)', () => {
    const order = ['b = 1', 'a = 2', 'b = 3', 'p = 1024', 'write u64 0 @ p', 's = read {y: u32, x: u32} @ p'];
    const reference = runReference(order);
    expect(JSON.stringify(reference.bindings)).toBe('{"b":3,"a":2,"p":1024,"s":{"y":0,"x":0}}');
    expect(runCases({ order }).results.order).toBe(JSON.stringify(reference.bindings));
  }, 120_000);

  it('a struct assigned is copied field by field, a struct inside one written as an object of its own, as run does (t = s was bound as one i128: no build; "in.b" was flat)', () => {
    const copy = ['p = 1024', 'write u64 0 @ p', 'write u64 0 @ p + 8', 'write u64 0 @ p + 16', 's = read {a: u32, in: {b: u64, c: f64}} @ p', 't = s', 'u = s.in',
      'v = t.in.b + u.c', 'expect t.a == 0', 'expect u.b == 0'];
    const reference = runReference(copy);
    expect(reference.error).toBeUndefined();
    expect(reference.bindings).toMatchObject({ t: { a: 0, in: { b: 0, c: 0 } }, u: { b: 0, c: 0 } });
    expect(JSON.parse(runCases({ copy }).results.copy!)).toEqual(reference.bindings);
  }, 120_000);

  it('a bit operation or shift with a float, a negative address: fail with run\'s words (the first did not build; the address said "out of range integral type conversion attempted")', () => {
    const cases: Record<string, string[]> = { shl: ['x = 1.5', 'y = x << 2'], and: ['x = 1.5', 'y = 1 & x'], not: ['x = 1.5', 'y = ~x'], at: ['p = -1', 'write u8 1 @ p'] };
    const got = runCases(cases).results;
    for (const name of ['shl', 'and', 'not']) expect(got[name], name).toBe(`✗ ${runReference(cases[name]!).error}`);
    expect(got.shl).toBe('✗ line 3: y = x << 2: \'<<\' does not apply to a float and an integer');
    expect(got.and).toBe('✗ line 3: y = 1 & x: \'&\' does not apply to an integer and a float');
    // The words are run's, at its line (the line was not named: the step's own errors only named it).
    expect(runReference(cases.at!).error).toBe('line 3: write u8 1 @ p: the address -1 is outside linear memory');
    expect(got.at).toBe('✗ line 3: write u8 1 @ p: the address -1 is outside linear memory');
  }, 120_000);

  it('a failed expect shows its sides\' values, text orders by UTF-16 code units, a bad length or access names what it is and its line, all in run\'s words (expect said no value; "\\u{e000}" < "😀" held; a negative length was "the address"; wasmtime\'s out-of-bounds error named no line)', () => {
    const cases: Record<string, string[]> = {
      int: ['a = 1', 'b = a + 41', 'expect b == 43'], sign: ['x = 0 - 1', 'expect 4294967295 == x'],
      float: ['f = 1000000.0', 'g = f * 1e15', 'expect g == f'], small: ['f = 0.0000001', 'expect f > 1'],
      text: ['write u16 0 @ 1024', 't = read utf8 @ 1024 [2]', 'expect t == "a{b}"'], literals: ['expect 1 == 2'],
      order: ['expect "\ue000" < "😀"'], negz: ['z = -0.0', 'expect z == 1'], length: ['n = 0 - 5', 'x = read bytes @ 1024 [n]'], access: ['p = 131070', 'write u32 1 @ p'],
    };
    const got = runCases(cases).results;
    for (const [name, steps] of Object.entries(cases)) expect(got[name], name).toBe(`✗ ${runReference(steps, { atStep: steps.at(-1)!.startsWith('expect') }).error}`);
    expect(got.int).toBe('✗ line 4:8: expect b == 43: expected b == 43, but b is 42 (0x2a)');
    expect(got.sign).toBe('✗ line 3:8: expect 4294967295 == x: expected 4294967295 == x, but x is -1 (equal as 32-bit values: call results are bound unsigned; compare with 4294967295)');
    expect(got.float).toBe('✗ line 4:8: expect g == f: expected g == f, but g is 1e+21, f is 1000000');
    expect(got.text).toBe('✗ line 4:8: expect t == "a{b}": expected t == "a{b}", but t is "\\u0000\\u0000"');
    expect(got.order).toBe('✗ line 2:8: expect "\ue000" < "😀": expected "\ue000" < "😀", but both sides are literals and it is false');
    // -0 with its sign, as run now says it too (run said "z is 0" where this said -0).
    expect(got.negz).toBe('✗ line 3:8: expect z == 1: expected z == 1, but z is -0');
    expect(got.length).toBe('✗ line 3: x = read bytes @ 1024 [n]: the length -5 is outside linear memory');
    expect(got.access).toBe('✗ line 3: write u32 1 @ p: memory access out of bounds: [0x1fffe, +4) is outside linear memory of 131072 bytes');
    // "😀" < "\ue000" holds in run (UTF-16: 0xd83d < 0xe000), not in UTF-8 byte order (0xf0 > 0xee).
    expect(runCases({ ok: ['expect "😀" < "\ue000"', 'a = 1'] }).results.ok).toBe('{"a":1}');
  }, 120_000);

  it('print each binding as run prints it ({} wrote 1000000000000000000000 for 1e21 and -0, 42 lacked its (0x2a), text was {:?}\'s, "in.b" was flat), and refuse a read past 64 MiB and text beside a number in run\'s words (it read on; the comparison did not build)', () => {
    const cases: Record<string, string[]> = {
      lines: ['a = 1000000.0', 'b = 1e21', 'c = 0.0000001', 'd = -0.0', 'e = 1.5e300', 'f = 0.1 + 0.2', 'n = 42', 'm = 0 - 42', 'k = 7', 'w = 18446744073709551615',
        'p = 1024', 'write u64 0 @ p', 'write u64 0 @ p + 8', 'write u64 0 @ p + 16', 's = read {a: u32, in: {b: u64, c: f64}} @ p', 't = read utf8 @ p [2]', 'y = read bytes @ p [0]', 'z = read bytes @ p [2]'],
      limit: ['x = read bytes @ 0 [67108865]'],
      // A String beside an i128: it did not build.
      compare: ['p = 1024', 't = read utf8 @ p [1]', 'expect t == 65'],
    };
    const got = runCases(cases);
    expect(got.shown.lines).toEqual(runShown(cases.lines!));
    expect(got.shown.lines).toContain('b = 1e+21');
    expect(got.results.limit).toBe(`✗ ${runReference(cases.limit!).error}`);
    expect(got.results.limit).toBe('✗ line 2: x = read bytes @ 0 [67108865]: read bytes of 67108865 bytes is above the limit of 67108864 bytes (64 MiB) for one read; read it in parts');
    expect(got.results.compare).toBe(`✗ ${runReference(cases.compare!, { atStep: true }).error}`);
    expect(got.results.compare).toBe('✗ line 4:8: expect t == 65: cannot compare text with an integer');
  }, 120_000);

  it('a result past i128 fails its line, saying so (run has no limit and computes it): the one difference left', () => {
    const cases: Record<string, string[]> = {
      mul: ['a = 18446744073709551615', 'e = a * a'], shl: ['e = 1 << 127'], neg: ['a = -(1 << 126) * 2', 'b = -a'],
      quo: ['a = -(1 << 126) * 2', 'b = a / -1'],
    };
    expect(runCases(cases).results).toEqual({
      mul: '✗ line 3: e = a * a: 18446744073709551615 * 18446744073709551615 does not fit in this host\'s 128-bit integers (memscope run has no limit)',
      shl: '✗ line 2: e = 1 << 127: 1 << 127 does not fit in this host\'s 128-bit integers (memscope run has no limit)',
      neg: '✗ line 3: b = -a: -(-170141183460469231731687303715884105728) does not fit in this host\'s 128-bit integers (memscope run has no limit)',
      quo: '✗ line 3: b = a / -1: -170141183460469231731687303715884105728 / -1 does not fit in this host\'s 128-bit integers (memscope run has no limit)',
    });
    for (const steps of Object.values(cases)) expect(runReference(steps).error).toBeUndefined();
  }, 120_000);
});

describe.runIf(existsSync(RUSTC))('Rust host: a trap in memscope run\'s words', () => {
  it('says each wasmtime trap as run says it, with the function run names (it printed wasmtime\'s "wasm trap: integer divide by zero" under its backtrace)', () => {
    // run's error for each of trap.wasm's traps, without its line.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-rust-trap-'));
    const said = ['oops = report(256, 0)', 'x = peek(65536)', 'give_up()', 'x = recurse(0)'].map((call, i) => {
      const seq = join(dir, `trap${i}.wseq`);
      writeFileSync(seq, [`module "${join(EXAMPLES, 'trap', 'trap.wasm')}"`, call, ''].join('\n'));
      const ran = memscope(['run', seq, '--json'], { timeout: 120_000 });
      return (JSON.parse(ran.stdout) as { steps: { ok: boolean; error?: { message: string } }[] }).steps.find((s) => !s.ok)!.error!.message;
    });
    expect(said[0]).toBe('trap: divide by zero in divide');
    // wasmtime's Trap texts (its Display: "wasm trap: " and the trap's description), each with the
    // innermost frame's function; a text it does not know is None (wasmtime's own words stay).
    const cases: [string, string | null][] = [['wasm trap: integer divide by zero', 'divide'], ['wasm trap: out of bounds memory access', 'load_word'],
      ['wasm trap: wasm `unreachable` instruction executed', 'check_invariant'], ['wasm trap: call stack exhausted', 'recurse'],
      ['wasm trap: uninitialized element', 'func[4]'], ['wasm trap: indirect call type mismatch', null], ['wasm trap: undefined element: out of bounds table access', 'f'],
      ['wasm trap: integer overflow', 'f'], ['wasm trap: invalid conversion to integer', 'f'], ['wasm trap: unaligned atomic', 'f']];
    const main = `fn main() {\n${cases.map(([t, f]) => `    println!("{:?}", trap_words(${JSON.stringify(t)}, ${f === null ? 'None' : `Some(String::from(${JSON.stringify(f)}))`}));`).join('\n')}\n}\n`;
    writeFileSync(join(dir, 'main.rs'), [STAND_INS, RUST_AT, RUST_STEP, RUST_INT, RUST_FIT, main].join('\n'));
    const built = spawnSync(RUSTC, ['--edition', '2021', '-o', join(dir, 'main'), join(dir, 'main.rs')], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    const ran = spawnSync(join(dir, 'main'), { encoding: 'utf8' });
    expect(ran.stdout.trim().split('\n')).toEqual([...said.map((w) => `Some(${JSON.stringify(w)})`),
      'Some("trap: null function or function signature mismatch in func[4]")', 'Some("trap: null function or function signature mismatch")',
      'Some("trap: table index is out of bounds in f")', 'Some("trap: divide result unrepresentable in f")',
      'Some("trap: float unrepresentable in integer range in f")', 'None']);
  }, 120_000);

  it('names each function the name section leaves out by its export, as run does, and says a failure through failure_text', () => {
    const dir = join(import.meta.dirname, 'testdata/value-types');
    const r = exportHost({ language: 'rust', sequenceText: 'module "value-types.wasm"\nx = add(1, 2)\n', sequenceFile: join(dir, 'inline.wseq'),
      moduleBytes: readFileSync(join(dir, 'value-types.wasm')), moduleFile: join(dir, 'value-types.wasm'), outDir: dir });
    if (!r.ok) throw new Error(r.message);
    expect(r.source).toContain('const EXPORT_NAMES: &[(u32, &str)] = &[(0, "add"), (1, "take_i64"), (2, "take_f32"), (3, "take_f64"), (4, "vec"), (5, "take_vec"), (6, "echo_ref"), (7, "func_ref")];');
    expect(r.source).toContain('eprintln!("✗ {}", failure(failure_text(e)));');
    // The step's text too: a failure is said as run's step line and the JavaScript program say it.
    expect(r.source).toContain('step_line(2, 5, "x = add(1, 2)");');
  });

  it('bindings and struct fields named like a Rust or Go keyword or a name of the program (type, fn, match, self, len, string, memory) build, bind and print as run does', () => {
    const keywords = ['type = 7', 'fn = type + 1', 'match = 2', 'self = 3', 'len = 4', 'string = 5', 'memory = fn * 2', 'p = 1024', 'write u64 0 @ p', 'write u32 0 @ p + 8',
      's = read {type: u32, fn: u32, self: u32} @ p', 'e = s.type + s.fn + match', 'expect e == match'];
    const got = runCases({ keywords });
    const reference = runReference(keywords);
    expect(reference.error).toBeUndefined();
    expect(got.results.keywords).not.toMatch(/^✗/);
    expect(got.bindings.keywords).toEqual(reference.bindings);
    expect(got.shown.keywords).toEqual(runShown(keywords));
  }, 120_000);

  it('a module with no memory: reads and writes fail in run\'s words, the steps before them run (the program panicked before its first step: "the module exports its memory")', () => {
    const dir = join(import.meta.dirname, 'testdata/edges');
    const r = exportHost({ language: 'rust', sequenceText: 'module "no-memory.wasm"\nx = add(2, 3)\ny = read u8 @ 0\n', sequenceFile: join(dir, 'inline.wseq'),
      moduleBytes: readFileSync(join(dir, 'no-memory.wasm')), moduleFile: join(dir, 'no-memory.wasm'), outDir: dir });
    if (!r.ok) throw new Error(r.message);
    expect(r.source).not.toContain('get_memory');
    expect(r.source).toContain('let memory = Memory::new(&mut store, MemoryType::new(0, Some(0)))?;');
    expect(r.source).toContain('use wasmtime::{AsContext, Caller, Engine, Linker, Memory, MemoryType, Module, Store};');
    // A memory of 0 bytes: within() refuses each access as run does ("[0x0, +1) is outside linear memory of 0 bytes").
  });

  it('a memory exported by another name (Go\'s "mem") is the one read; a function exported as "memory" is not taken for it', () => {
    const dir = join(import.meta.dirname, 'testdata/edges');
    const r = exportHost({ language: 'rust', sequenceText: 'module "mem-named.wasm"\nx = memory()\ny = read u8 @ 0\n', sequenceFile: join(dir, 'inline.wseq'),
      moduleBytes: readFileSync(join(dir, 'mem-named.wasm')), moduleFile: join(dir, 'mem-named.wasm'), outDir: dir });
    if (!r.ok) throw new Error(r.message);
    expect(r.source).toContain('let memory = instance.get_memory(&mut store, "mem").expect("the module exports its memory");');
  });
});
