// Parser tests: every construct of the `.wseq` format, and every syntax error with its line:column.

import { describe, expect, it } from 'vitest';
import type { Expr, Step } from './ast.ts';
import { formatSourceError } from './errors.ts';
import { parseSequence } from './parse.ts';

const ISSUE_EXAMPLE = `# directives (before the first step)
module "return-string.wasm"        # path relative to this file; the CLI's --module overrides it
import env.log = print_utf8        # bind a function import to a builtin host function
arg "/data/test.txt" "second"      # WASI argv after argv[0] (argv[0] is the module's file name)
env "GREETING=hi"                  # one WASI environment variable
dir "fixtures" as "/data"          # WASI preopen, read-only; add \`rw\` for read-write; host path relative to this file
stdin "line one\\n"                 # WASI stdin bytes
timeout 2000                       # per-step time limit in ms

# steps
ret = malloc(8)                    # call an export; bind its result
ReturnString(ret)                  # call an export, ignore results
s = read {ptr: u32, len: u32} @ ret    # read a C-layout struct (natural alignment, little-endian)
text = read utf8 @ s.ptr [s.len]   # read bytes as text; also: utf16, bytes (length in bytes)
n = read u32 @ ret + 4             # numeric reads: u8 i8 u16 i16 u32 i32 u64 i64 f32 f64
free(ret)
expect text == "hello from C"      # == != < <= > >=; a failing expect fails the step
p = alloc(6)                       # the module's own allocator, found by convention
write utf8 "wazero" @ p            # also: utf16, bytes "de ad be ef", and numeric types
packed = greeting(p, 6)            # an i64 result
ptr = packed >> 32                 # integer arithmetic, exact (64-bit safe): + - * / % & | ^ << >> ( )
len = packed & 0xffffffff
(a, b) = pair()                    # multi-value results
snapshot "after greeting"          # a labelled memory snapshot
`;

/** A compact, span-free form of an expression, to compare trees. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'int': return `${e.value}`;
    case 'float': return `${e.value}f`;
    case 'string': return JSON.stringify(e.value);
    case 'name': return e.name;
    case 'field': return `${show(e.object)}.${e.field}`;
    case 'unary': return `(${e.op}${show(e.operand)})`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'static': return `&${e.name}`;
  }
}

function oneStep(text: string): Step {
  const { sequence, errors } = parseSequence(text);
  expect(errors).toEqual([]);
  expect(sequence.steps).toHaveLength(1);
  return sequence.steps[0];
}

/** `line:column: message` of every error. */
function errs(text: string): string[] {
  return parseSequence(text, 'x.wseq').errors.map((e) => `${e.where?.line}:${e.where?.column}: ${e.message}`);
}

describe('parseSequence: the issue example', () => {
  const { sequence, errors } = parseSequence(ISSUE_EXAMPLE, 'demo.wseq');

  it('parses without errors', () => expect(errors).toEqual([]));

  it('reads every directive', () => {
    expect(sequence.directives.map(({ line, source, span, ...d }) => d)).toEqual([
      { kind: 'module', path: 'return-string.wasm' },
      { kind: 'import', module: 'env', name: 'log', builtin: 'print_utf8', builtinSpan: { line: 3, column: 18, length: 10 } },
      { kind: 'arg', values: ['/data/test.txt', 'second'] },
      { kind: 'env', value: 'GREETING=hi' },
      { kind: 'dir', host: 'fixtures', guest: '/data', writable: false },
      { kind: 'stdin', bytes: new TextEncoder().encode('line one\n') },
      { kind: 'timeout', ms: 2000 },
    ]);
  });

  it('reads every step with its line, text and kind', () => {
    expect(sequence.steps.map((s) => [s.index, s.line, s.kind, s.text])).toEqual([
      [0, 11, 'call', 'ret = malloc(8)'],
      [1, 12, 'call', 'ReturnString(ret)'],
      [2, 13, 'read', 's = read {ptr: u32, len: u32} @ ret'],
      [3, 14, 'read', 'text = read utf8 @ s.ptr [s.len]'],
      [4, 15, 'read', 'n = read u32 @ ret + 4'],
      [5, 16, 'call', 'free(ret)'],
      [6, 17, 'expect', 'expect text == "hello from C"'],
      [7, 18, 'call', 'p = alloc(6)'],
      [8, 19, 'write', 'write utf8 "wazero" @ p'],
      [9, 20, 'call', 'packed = greeting(p, 6)'],
      [10, 21, 'assign', 'ptr = packed >> 32'],
      [11, 22, 'assign', 'len = packed & 0xffffffff'],
      [12, 23, 'call', '(a, b) = pair()'],
      [13, 24, 'snapshot', 'snapshot "after greeting"'],
    ]);
  });

  it('builds the right trees', () => {
    const [ret, , s, text, n, , exp, , write, packed, ptr, len, pair, snap] = sequence.steps;
    expect(ret).toMatchObject({ kind: 'call', callee: 'malloc', targets: [{ name: 'ret' }], tuple: false, calleeSpan: { line: 11, column: 7, length: 6 } });
    expect(s).toMatchObject({ kind: 'read', target: { name: 's' }, typeText: '{ptr: u32, len: u32}', length: null });
    expect(text.kind === 'read' && [show(text.address), text.length && show(text.length), text.type.kind]).toEqual(['s.ptr', 's.len', 'utf8']);
    expect(n.kind === 'read' && show(n.address)).toBe('(ret + 4)');
    expect(exp.kind === 'expect' && [show(exp.left), exp.op, show(exp.right)]).toEqual(['text', '==', '"hello from C"']);
    expect(write.kind === 'write' && [write.type.kind, show(write.value), show(write.address), write.target]).toEqual(['utf8', '"wazero"', 'p', null]);
    expect(packed.kind === 'call' && packed.args.map(show)).toEqual(['p', '6']);
    expect(ptr.kind === 'assign' && show(ptr.expr)).toBe('(packed >> 32)');
    expect(len.kind === 'assign' && show(len.expr)).toBe('(packed & 4294967295)');
    expect(pair).toMatchObject({ kind: 'call', tuple: true, targets: [{ name: 'a' }, { name: 'b' }], callee: 'pair', args: [] });
    expect(snap).toMatchObject({ kind: 'snapshot', label: 'after greeting' });
  });
});

describe('parseSequence: constructs', () => {
  it('parses the remaining directives: rw/ro preopens, deterministic, quoted import names', () => {
    const { sequence, errors } = parseSequence('dir "out" as "/out" rw\ndir "in" as "/in" ro\ndeterministic\nimport "wasi:x"."y-z" = trace\n');
    expect(errors).toEqual([]);
    expect(sequence.directives.map((d) => d.kind)).toEqual(['dir', 'dir', 'deterministic', 'import']);
    expect(sequence.directives[0]).toMatchObject({ writable: true });
    expect(sequence.directives[1]).toMatchObject({ writable: false });
    expect(sequence.directives[3]).toMatchObject({ module: 'wasi:x', name: 'y-z', builtin: 'trace' });
  });

  it('reads arg and env strings as UTF-8, \\xNN a raw byte as in write utf8 and stdin', () => {
    const { sequence, errors } = parseSequence('env "GREETING=caf\\xc3\\xa9"\narg "é" "\\x41"\n');
    expect(errors).toEqual([]);
    expect(sequence.directives).toMatchObject([{ kind: 'env', value: 'GREETING=café' }, { kind: 'arg', values: ['é', 'A'] }]);
  });

  it('uses C precedence, parentheses, unary minus and ~, hex and negative literals', () => {
    const s = oneStep('x = -1 + 2 * (3 - 0x10) << 1 | ~y & 5 ^ -0x8 % 3 / z.f.g');
    expect(s.kind === 'assign' && show(s.expr)).toBe('(((-1 + (2 * (3 - 16))) << 1) | (((~y) & 5) ^ ((-8 % 3) / z.f.g)))');
  });

  it('folds negative literals and parses floats and underscores', () => {
    const s = oneStep('f(-5, -0x7fffffffffffffff, 1.5, 2e3, 1_000, -x)');
    expect(s.kind === 'call' && s.args.map(show)).toEqual(['-5', '-9223372036854775807', '1.5f', '2000f', '1000', '(-x)']);
  });

  it('decodes string escapes: \\n \\t \\" \\\\ \\xNN (a raw byte in bytes, U+00NN in text)', () => {
    const s = oneStep('write utf8 "a\\n\\t\\"\\\\\\xff é" @ 0');
    expect(s.kind === 'write' && s.value.kind === 'string' && s.value.value).toBe('a\n\t"\\\xff é');
    expect(s.kind === 'write' && s.value.kind === 'string' && [...s.value.bytes]).toEqual([0x61, 10, 9, 0x22, 0x5c, 0xff, 0x20, 0xc3, 0xa9]);
  });

  it('parses every read form', () => {
    const forms = ['read utf16 @ p [n * 2]', 'read bytes @ p [4]', 'read utf8 @ p', 'read f64 @ p',
      'read {tag: u8, inner: {a: u16, b: u64}, x: f32} @ p', 'v = read i8 @ 0'];
    for (const f of forms) expect(oneStep(f).kind).toBe('read');
    expect(oneStep(forms[4])).toMatchObject({ typeText: '{tag: u8, inner: {a: u16, b: u64}, x: f32}', target: null });
    expect(oneStep(forms[0])).toMatchObject({ type: { kind: 'utf16' } });
  });

  it('parses every write form, with an optional binding of the byte count', () => {
    expect(oneStep('write bytes "de ad be ef" @ p')).toMatchObject({ type: { kind: 'bytes' } });
    expect(oneStep('write u32 7 @ p + 4')).toMatchObject({ type: { kind: 'num', type: 'u32' } });
    expect(oneStep('n = write utf16 "hi" @ p')).toMatchObject({ type: { kind: 'utf16' }, target: { name: 'n' } });
  });

  it('parses every comparison of expect', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) expect(oneStep(`expect a ${op} 1`)).toMatchObject({ op });
  });

  it('reads `capture limit SECONDS`', () => {
    const { sequence, errors } = parseSequence('capture limit 120\n');
    expect(errors).toEqual([]);
    expect(sequence.directives[0]).toMatchObject({ kind: 'capture-limit', seconds: 120 });
  });

  it('calls an export by its quoted name, and a quoted name is a callee only before (', () => {
    expect(oneStep('"add-one"(1)')).toMatchObject({ kind: 'call', callee: 'add-one', targets: [], args: [{ kind: 'int', value: 1n }] });
    expect(oneStep('r = "pkg:x/y#greet"(p, 2)')).toMatchObject({ kind: 'call', callee: 'pkg:x/y#greet', targets: [{ name: 'r' }] });
    expect(oneStep('(a, b) = "two-results"()')).toMatchObject({ kind: 'call', callee: 'two-results', tuple: true });
    expect(oneStep('r = "say \\"hi\\""()')).toMatchObject({ kind: 'call', callee: 'say "hi"' });
    expect(oneStep('s = "text"')).toMatchObject({ kind: 'assign' });
    const { errors } = parseSequence('"add-one"\n');
    expect(errors[0]).toMatchObject({ message: `expected '(' after "add-one": an export is called by its quoted name as "add-one"(…), found end of line`, where: { line: 1, column: 10 } });
  });

  it('keeps keywords usable as names when followed by = or (', () => {
    expect(oneStep('env = read(1)')).toMatchObject({ kind: 'call', callee: 'read', targets: [{ name: 'env' }] });
    expect(oneStep('read = 3')).toMatchObject({ kind: 'assign', target: { name: 'read' } });
    expect(oneStep('timeout(1)')).toMatchObject({ kind: 'call', callee: 'timeout' });
    expect(oneStep('capture(1)')).toMatchObject({ kind: 'call', callee: 'capture' });
    expect(oneStep('x = read + write')).toMatchObject({ kind: 'assign' });
  });

  it('skips blank and comment lines, handles CRLF and # inside strings', () => {
    const { sequence, errors } = parseSequence('\r\n  # c\r\nexpect t == "a # b"  # real comment\r\n');
    expect(errors).toEqual([]);
    expect(sequence.steps[0]).toMatchObject({ line: 3, text: 'expect t == "a # b"' });
  });

  it('parses a tuple with _ placeholders', () => {
    expect(oneStep('(_, b, c) = triple(1)')).toMatchObject({ targets: [{ name: '_' }, { name: 'b' }, { name: 'c' }], tuple: true });
  });

  it('parses the heap statements: expect no leaks, expect no heap problems, mark, and a forced free!', () => {
    expect(oneStep('expect no leaks')).toMatchObject({ kind: 'expect-no-leaks' });
    expect(oneStep('expect no heap problems')).toMatchObject({ kind: 'expect-no-heap-problems' });
    expect(oneStep('expect no heap problems  # after the loop')).toMatchObject({ kind: 'expect-no-heap-problems' });
    expect(oneStep('expect no == 1')).toMatchObject({ kind: 'expect', op: '==' });
    expect(oneStep('mark "after setup"')).toMatchObject({ kind: 'mark', label: 'after setup' });
    expect(oneStep('mark = 2')).toMatchObject({ kind: 'assign', target: { name: 'mark' } });
    expect(oneStep('free!(p)')).toMatchObject({ kind: 'call', callee: 'free', force: true });
    expect(oneStep('free(p)')).not.toHaveProperty('force');
    expect(oneStep('q = realloc!(p, 8)')).toMatchObject({ kind: 'call', callee: 'realloc', force: true, targets: [{ name: 'q' }] });
    // Which calls free is the module's to say (validate.ts): the parser takes a '!' on any call.
    expect(oneStep('dealloc!(p, 16)')).toMatchObject({ kind: 'call', callee: 'dealloc', force: true });
  });
});

describe('parseSequence: errors with line:column', () => {
  const cases: [string, string][] = [
    ['x = a ? b', "1:7: unexpected character '?'"],
    // A byte that was not UTF-8, as the file's reading replaced it; an invisible character by its code point.
    ['x = \ufffd', '1:5: the file is not UTF-8 here (a byte that does not decode, read as U+FFFD): save the sequence as UTF-8'],
    ['x = 1\u200b', '1:6: unexpected character U+200B'],
    ['expect t == "abc', '1:13: unterminated string: expected a closing \'"\''],
    ['write utf8 "a\\qb" @ p', "1:14: unknown escape '\\q': use \\n \\t \\r \\0 \\\" \\\\ or \\xNN"],
    // A backslash at the end of the line is no escape: it was "unknown escape '\\'".
    ['snapshot "a\\', "1:12: unterminated string: a '\\' ends the line; expected an escape and a closing '\"'"],
    ['write utf8 "\\x4" @ p', '1:13: expected two hex digits after \\x'],
    ['x = 0x', "1:5: invalid number '0x': expected hex digits after 0x"],
    // JavaScript's prototype name: its value was silently lost; refused at the name.
    ['__proto__ = 5', "1:1: '__proto__' cannot be a name in a sequence: JavaScript objects hold the values, and there it names the prototype; choose another"],
    ['(a, __proto__) = f()', "1:5: '__proto__' cannot be a name in a sequence: JavaScript objects hold the values, and there it names the prototype; choose another"],
    ['s = read {b: u8, __proto__: u32} @ 0', "1:18: '__proto__' cannot be a name in a sequence: JavaScript objects hold the values, and there it names the prototype; choose another"],
    ['x = 12ab', "1:5: invalid number '12ab': expected a decimal or 0x hex number"],
    ['x = 18446744073709551616', "1:5: integer literal '18446744073709551616' does not fit in 64 bits"],
    ['module foo.wasm', "1:8: expected a module path string, found 'foo'"],
    ['import env log = trace', "1:12: expected '.' between the import's module and name (env.log), found 'log'"],
    ['import env.log print_utf8', "1:16: expected '=' then a builtin name, found 'print_utf8'"],
    ['import env.log =', '1:17: expected a builtin name (print_utf8, print_utf16, abort, trace), found end of line'],
    ['arg', '1:4: expected an argument string, found end of line'],
    ['env "GREETING"', '1:5: expected "KEY=value" (a name, \'=\', then the value)'],
    ['env "K=caf\\xe9"', '1:5: an arg or env string is UTF-8 text, and its \\xNN bytes do not make UTF-8 here (write é as "\\xc3\\xa9", or as itself)'],
    ['arg "a" "\\xff"', '1:9: an arg or env string is UTF-8 text, and its \\xNN bytes do not make UTF-8 here (write é as "\\xc3\\xa9", or as itself)'],
    ['dir "a" "/b"', "1:9: expected 'as' then the guest path, found a string"],
    ['dir "a" as "/b" rx', "1:17: expected 'rw', 'ro' or end of line, found 'rx'"],
    ['timeout 0', '1:9: expected a time limit in milliseconds (1 to 86400000), found \'0\''],
    ['timeout "5"', '1:9: expected a time limit in milliseconds (1 to 86400000), found a string'],
    ['timeout 86400001', '1:9: expected a time limit in milliseconds (1 to 86400000), found \'86400001\''],
    ['capture 5', "1:9: expected 'limit': capture limit SECONDS, found '5'"],
    ['capture limit 0', "1:15: expected a capture time limit in seconds (1 to 86400), found '0'"],
    ['capture limit 86401', "1:15: expected a capture time limit in seconds (1 to 86400), found '86401'"],
    ['deterministic yes', "1:15: expected end of line after the deterministic directive, found 'yes'"],
    ['stdin', '1:6: expected a string of stdin bytes, found end of line'],
    ['f(1) 2', "1:6: expected end of line after the call to f, found '2'"],
    ['f(1, 2', "1:7: expected ',' or ')' after an argument, found end of line"],
    ['f(', "1:3: expected a number, a string, a name or '(', found end of line"],
    ['x = f(1) + 2', "1:10: expected end of line after the call to f, found '+'"],
    ['x = 1 + f(2)', "1:9: a call must be a whole step ('x = f(...)'), not part of an expression"],
    ['x = 1 +', "1:8: expected a number, a string, a name or '(', found end of line"],
    ['x = (1 + 2', "1:11: expected ')' to close '(', found end of line"],
    ['x = s.', "1:7: expected a field name after '.', found end of line"],
    ['x y', "1:3: expected '=' or '(' after 'x', found 'y'"],
    ['5 + 3', "1:1: expected a step: a call, an assignment, read, write, expect, snapshot or mark, found '5'"],
    ['expect a', '1:9: expected a comparison (== != < <= > >=), found end of line'],
    ['expect a = b', "1:10: expected a comparison (== != < <= > >=), found '='"],
    ['expect a == b c', "1:15: expected end of line after the expectation, found 'c'"],
    ['s = read {ptr: u32} ret', "1:21: expected '@' then the address to read, found 'ret'"],
    ['s = read text @ p', "1:10: expected a type to read (u8 … f64, utf8, utf16, bytes or '{'), found 'text'"],
    ['b = read bytes @ p', "1:19: expected '[' and a length in bytes: read bytes @ addr [len], found end of line"],
    ['n = read u32 @ p [4]', "1:18: expected end of line: u32 reads have a fixed size, found '['"],
    ['t = read utf8 @ p [n', "1:21: expected ']' after the length, found end of line"],
    ['s = read {ptr u32} @ p', "1:15: expected ':' after field 'ptr', found 'u32'"],
    ['s = read {ptr: u33} @ p', "1:16: expected a field type (u8 i8 u16 i16 u32 i32 u64 i64 f32 f64 or '{'), found 'u33'"],
    ['s = read {a: u8, a: u8} @ p', "1:18: duplicate field 'a'"],
    ['s = read {} @ p', "1:11: expected at least one field, found '}'"],
    ['s = read {a: u8 b: u8} @ p', "1:17: expected ',' or '}' in struct type, found 'b'"],
    ['write "x" @ p', '1:7: expected a type to write (u8 … f64, utf8, utf16 or bytes), found a string'],
    ['write u32 7 p', "1:13: expected '@' then the address to write, found 'p'"],
    ['write bytes "de ad b" @ p', '1:13: expected pairs of hex digits, like "de ad be ef"'],
    ['(a, b) = x', "1:11: expected '(' after 'x': multiple names are bound only by a call, found end of line"],
    ['(a, a) = pair()', "1:5: 'a' is bound twice"],
    ['(a b) = pair()', "1:4: expected ',' or ')' in the list of names, found 'b'"],
    ['(a, b) pair()', "1:8: expected '=' after the list of names, found 'pair'"],
    ['snapshot', '1:9: expected a snapshot label string, found end of line'],
    ['snapshot "a" "b"', '1:14: expected end of line after the snapshot label, found a string'],
  ];
  for (const [text, want] of cases) {
    it(`${text}  →  ${want}`, () => expect(errs(text)).toEqual([want]));
  }

  it('reports every bad line, keeps the good ones, and records the file and source', () => {
    const text = 'ret = malloc(8)\nf(1,\n\nexpect x\nfree(ret)\nwrite u32 @ p\n';
    const { sequence, errors } = parseSequence(text, 'bad.wseq');
    expect(errors.map((e) => `${e.where?.line}:${e.where?.column}`)).toEqual(['2:5', '4:9', '6:11']);
    expect(errors.every((e) => e.code === 'parse-error')).toBe(true);
    expect(errors[0].where).toEqual({ file: 'bad.wseq', line: 2, column: 5, source: 'f(1,', length: 1 });
    expect(sequence.steps.map((s) => [s.index, s.line])).toEqual([[0, 1], [1, 5]]);
  });
});

describe('parseSequence: an integer literal past 64 bits', () => {
  it("is underlined whole, with its unary '-' (the caret left the '-' out)", () => {
    const { errors } = parseSequence('write i64 -99999999999999999999 @ 0\nx = f(-  99999999999999999999)\ny = 2 -99999999999999999999\nz = --99999999999999999999\n', 'big.wseq');
    expect(errors.map((e) => [e.message, `${e.where?.line}:${e.where?.column}+${e.where?.length}`])).toEqual([
      ["integer literal '-99999999999999999999' does not fit in 64 bits", '1:11+21'],
      ["integer literal '-99999999999999999999' does not fit in 64 bits", '2:7+23'],
      // A binary '-' is no part of the literal.
      ["integer literal '99999999999999999999' does not fit in 64 bits", '3:8+20'],
      ["integer literal '-99999999999999999999' does not fit in 64 bits", '4:6+21'],
    ]);
    expect(formatSourceError(errors[0]!)).toBe("big.wseq:1:11: integer literal '-99999999999999999999' does not fit in 64 bits\n"
      + 'write i64 -99999999999999999999 @ 0\n          ^^^^^^^^^^^^^^^^^^^^^');
  });
});

describe('parseSequence: a module where a sequence goes', () => {
  it('is one error at 1:1 that says what the file is, with no line of binary to echo', () => {
    const text = new TextDecoder().decode(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 7, 1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, 0x0a, 0x1b]));
    const { sequence, errors } = parseSequence(text, 'add.wasm');
    expect(sequence.steps).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(formatSourceError(errors[0]!)).toBe('add.wasm:1:1: this is a WebAssembly module (it starts with "\\0asm"), not a call sequence: '
      + 'give it as the module (--module, or a `module "…"` line), and write the sequence for it (`memscope new MODULE.wasm` prints a starter)');
  });
});

describe('formatSourceError', () => {
  it('prints file:line:col, the source line and a caret under the span', () => {
    const { errors } = parseSequence('ret = malloc(8)\n\ts = read {ptr: u32} ret\n', 'demo.wseq');
    expect(formatSourceError(errors[0])).toBe(
      "demo.wseq:2:22: expected '@' then the address to read, found 'ret'\n" +
      '\ts = read {ptr: u32} ret\n' +
      '\t                    ^^^',
    );
  });

  it('falls back to the message alone without a location', () => {
    expect(formatSourceError({ code: 'io', message: 'cannot read x' })).toBe('cannot read x');
  });
});
