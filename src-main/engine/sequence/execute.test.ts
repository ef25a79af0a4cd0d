// Runs sequences step by step against testdata/seq.wasm (a real module, plain WebAssembly
// instance in this process) through a GuestPort implemented here.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AllocatorInfo, BoundValue, ValType } from '../../shared/dto.ts';
import { formatSize } from '../../shared/byte-size.ts';
import { hexAddress } from '../../shared/hex.ts';
import { GuestMemory } from '../memory/guest-memory.ts';
import { SequenceExecutor } from './execute.ts';
import type { GuestPort, ExecutedStep } from './execute.ts';
import type { GoArgument } from './port.ts';
import { parseSequence } from './parse.ts';

const wasm = readFileSync(new URL('./testdata/seq.wasm', import.meta.url));
const module = new WebAssembly.Module(wasm);

const SIGS: Record<string, { params: ValType[]; results: ValType[] }> = {
  malloc: { params: ['i32'], results: ['i32'] },
  free: { params: ['i32'], results: [] },
  ReturnString: { params: ['i32'], results: [] },
  greeting: { params: ['i32', 'i32'], results: ['i64'] },
  pair: { params: [], results: ['i32', 'i32'] },
  sum: { params: ['i32', 'i32'], results: ['i32'] },
  minus_one: { params: [], results: ['i32'] },
  add64: { params: ['i64', 'i64'], results: ['i64'] },
  half: { params: ['f64'], results: ['f64'] },
  boom: { params: [], results: [] },
};

const MALLOC: AllocatorInfo = {
  convention: 'malloc',
  alloc: { name: 'malloc', type: { params: ['i32'], results: ['i32'] } },
  free: { name: 'free', type: { params: ['i32'], results: [] } },
};

function port(allocator: AllocatorInfo | null = MALLOC): GuestPort & { calls: string[]; instance: WebAssembly.Instance } {
  const instance = new WebAssembly.Instance(module, {});
  const calls: string[] = [];
  return {
    calls,
    instance,
    allocator,
    memory: () => new GuestMemory(instance.exports.memory as WebAssembly.Memory),
    signature: (name) => SIGS[name],
    call(name, args) {
      calls.push(`${name}(${args.join(', ')})`);
      const r = (instance.exports[name] as (...a: unknown[]) => unknown)(...args);
      return r === undefined ? [] : Array.isArray(r) ? r : [r as number | bigint];
    },
  };
}

function runAll(text: string, p = port()): { exec: SequenceExecutor; results: ExecutedStep[]; p: typeof p } {
  const { sequence, errors } = parseSequence(text, 'test.wseq');
  expect(errors).toEqual([]);
  const exec = new SequenceExecutor(sequence, p);
  const results = sequence.steps.map((_, i) => exec.execute(i));
  return { exec, results, p };
}

describe('SequenceExecutor', () => {
  it('runs the string-return story: malloc, call, struct read, utf8 read, free, expect', () => {
    const { exec, results, p } = runAll(`
ret = malloc(8)
ReturnString(ret)
s = read {ptr: u32, len: u32} @ ret
text = read utf8 @ s.ptr [s.len]
n = read u32 @ ret + 4
free(ret)
expect text == "hello from C"
expect n == 12
`);
    expect(results.map((r) => r.error)).toEqual(Array(8).fill(undefined));
    expect(p.calls).toEqual(['malloc(8)', 'ReturnString(4096)', 'free(4096)']);
    const b = exec.bindings();
    expect(b.ret).toEqual({ kind: 'int', value: '4096', bits: 32 });
    expect(b.s).toEqual({
      kind: 'struct', type: '{ptr: u32, len: u32}', address: 4096, size: 8,
      fields: { ptr: { kind: 'int', value: '1024' }, len: { kind: 'int', value: '12' } },
    });
    expect(b.text).toEqual({ kind: 'text', value: 'hello from C', encoding: 'utf8', address: 1024, byteLength: 12 });
    const regions = exec.regions();
    expect(regions.map((r) => [r.id, r.name, r.kind, r.start, r.size, r.freed])).toEqual([
      [1, 'ret', 'alloc', 4096, 8, true],
      [2, 's', 'struct', 4096, 8, true], // inside ret: its free ends it too
      [3, 'text', 'text', 1024, 12, false],
    ]);
    expect(regions[0].freedStep).toBe(5);
    expect(results[0].regionEvents).toEqual([{ region: 1, action: 'created' }]);
    expect(results[2].regionEvents).toEqual([{ region: 1, action: 'read' }, { region: 2, action: 'created' }]);
    expect(results[4].regionEvents).toEqual([{ region: 1, action: 'read' }, { region: 2, action: 'read' }]);
    expect(results[5].regionEvents).toEqual([{ region: 1, action: 'freed' }, { region: 2, action: 'freed' }]);
  });

  it('binds an i64 result as unsigned and splits it exactly with >> and &', () => {
    const { exec, results } = runAll(`
p = alloc(6)
write utf8 "wazero" @ p
packed = greeting(p, 6)
ptr = packed >> 32
len = packed & 0xffffffff
msg = read utf8 @ ptr [len]
big = add64(0x7fffffffffffffff, 1)
neg = add64(-1, 0)
`);
    expect(results.every((r) => !r.error)).toBe(true);
    const b = exec.bindings();
    expect(b.packed).toEqual({ kind: 'int', value: String((2048n << 32n) | 9n), bits: 64 });
    expect(b.ptr).toEqual({ kind: 'int', value: '2048' });
    expect(b.len).toEqual({ kind: 'int', value: '9' });
    expect(b.msg).toMatchObject({ kind: 'text', value: 'hi wazero' });
    expect(b.big).toEqual({ kind: 'int', value: '9223372036854775808', bits: 64 });
    expect(b.neg).toEqual({ kind: 'int', value: '18446744073709551615', bits: 64 });
    expect(results[1].regionEvents).toEqual([{ region: 1, action: 'written' }]);
  });

  it('binds multi-value results, skips _, and binds i32 results as unsigned', () => {
    const { exec, results } = runAll('(a, b) = pair()\n(_, c) = pair()\nm = minus_one()\nh = half(3)\n');
    expect(results.every((r) => !r.error)).toBe(true);
    expect(exec.bindings()).toEqual({
      a: { kind: 'int', value: '7', bits: 32 }, b: { kind: 'int', value: '42', bits: 32 }, c: { kind: 'int', value: '42', bits: 32 },
      m: { kind: 'int', value: '4294967295', bits: 32 }, h: { kind: 'float', value: 1.5 },
    });
    expect(results[0].bound).toEqual({ a: { kind: 'int', value: '7', bits: 32 }, b: { kind: 'int', value: '42', bits: 32 } });
  });

  it('writes bytes, utf16 and numbers, and binds the byte count of a write', () => {
    const { exec, results, p } = runAll(`
p = malloc(16)
write bytes "de ad be ef" @ p
w = write utf16 "hi" @ p + 4
write u16 0x1234 @ p + 8
write i32 -2 @ p + 12
raw = read bytes @ p [16]
t = read utf16 @ p + 4 [w]
x = read i32 @ p + 12
u = read u32 @ p + 12
s = sum(p, 4)
`);
    expect(results.map((r) => r.error)).toEqual(Array(10).fill(undefined));
    const b = exec.bindings();
    expect(b.raw).toEqual({ kind: 'bytes', hex: 'deadbeef680069003412' + '0000' + 'feffffff', address: 4096 });
    expect(b.w).toEqual({ kind: 'int', value: '4' });
    expect(b.t).toMatchObject({ kind: 'text', value: 'hi', encoding: 'utf16', byteLength: 4 });
    expect(b.x).toEqual({ kind: 'int', value: '-2' });
    expect(b.u).toEqual({ kind: 'int', value: '4294967294' });
    expect(b.s).toEqual({ kind: 'int', value: String(0xde + 0xad + 0xbe + 0xef), bits: 32 });
    expect(p.calls.at(-1)).toBe('sum(4096, 4)');
  });

  it('reads a NUL-terminated utf8 string when no length is given', () => {
    const { exec } = runAll('p = malloc(8)\nwrite utf8 "ab\\x00cd" @ p\nt = read utf8 @ p\n');
    expect(exec.bindings().t).toMatchObject({ value: 'ab', byteLength: 2 });
  });

  it('fails an expect with both sides in the message, located at the comparison', () => {
    const { results } = runAll('(a, b) = pair()\nexpect a + 1 == b\nexpect a == 8\nexpect 8 == a\nexpect 1 == 2\n');
    // At `a + 1 == b`, not the whole line from its column 1, as a parse error is at its token.
    expect(results[1].error).toMatchObject({
      code: 'expect-failed',
      message: 'expected a + 1 == b, but a + 1 is 8, b is 42 (0x2a)',
      where: { file: 'test.wseq', line: 2, column: 8, length: 10, source: 'expect a + 1 == b' },
    });
    expect(results[2].error?.message).toBe('expected a == 8, but a is 7');
    // A literal's value is what it says: only the other side's is given, or none.
    expect(results[3].error?.message).toBe('expected 8 == a, but a is 7');
    expect(results[4].error?.message).toBe('expected 1 == 2, but both sides are literals and it is false');
  });

  it('a failed expect on a float of -0 says -0, as its binding prints it (it said "z is 0")', () => {
    const { results } = runAll('z = -0.0\nexpect z == 1\nexpect 1 < z * 1.0\n');
    expect(results[1].error?.message).toBe('expected z == 1, but z is -0');
    expect(results[2].error?.message).toBe('expected 1 < z * 1.0, but z * 1.0 is -0');
  });

  it('a copy of an f32 name or field keeps its mark (BoundValue float bits 32); a computed value is an f64', () => {
    // `w = z` bound a plain f64, printed as 0.10000000149011612, and `expect w == 0.1` failed.
    const { exec, results } = runAll('write f32 0.1 @ 0\nz = read f32 @ 0\ns = read {a: f32} @ 0\nw = z\nu = s.a\nc = z * 1\nn = -z\nexpect w == 0.1\nexpect u == 0.1\n', port(null));
    expect(results.map((r) => r.error?.message)).toEqual(Array(9).fill(undefined));
    const f32 = Math.fround(0.1);
    const b = exec.bindings();
    expect(b.w).toEqual({ kind: 'float', value: f32, bits: 32 });
    expect(b.u).toEqual({ kind: 'float', value: f32, bits: 32 });
    expect(b.c).toEqual({ kind: 'float', value: f32 });
    expect(b.n).toEqual({ kind: 'float', value: -f32 });
  });

  it('explains a failed expect caused by unsigned result binding', () => {
    const { results } = runAll('m = minus_one()\nexpect m == -1\nexpect m == 0xffffffff\n');
    expect(results[1].error?.message).toBe(
      'expected m == -1, but m is 4294967295 (0xffffffff) (equal as 32-bit values: call results are bound unsigned; compare with 4294967295)');
    expect(results[2].error).toBeUndefined();
  });

  it('reports eval and memory faults as values, with the failing span', () => {
    const { results } = runAll(`
p = malloc(4)
x = p / (p - p)
y = read u32 @ 0x10000
z = read u8 @ p - 5000
q = p.ptr
add64(0xffff_ffff_ffff_ffff + 1, 1)
malloc(0x100000000)
`);
    expect(results[1].error).toMatchObject({ code: 'eval-error', message: 'division by zero', where: { line: 3, column: 5, length: 11 } });
    expect(results[2].error).toMatchObject({ code: 'out-of-bounds', where: { line: 4, column: 16, length: 7 } });
    expect(results[2].error?.message).toMatch(/outside linear memory of 65536 bytes/);
    expect(results[3].error).toMatchObject({ code: 'out-of-bounds', message: 'the address -904 is outside linear memory' });
    expect(results[4].error).toMatchObject({ code: 'eval-error', where: { column: 5 } });
    expect(results[5].error?.message).toMatch(/argument 1 of add64 \(i64\): 18446744073709551616 does not fit in 64 bits/);
    expect(results[5].error?.where).toMatchObject({ line: 7, column: 7, length: 25 });
    expect(results[6].error?.message).toMatch(/argument 1 of malloc \(i32\): 4294967296 does not fit in 32 bits/);
  });

  it('refuses a finite f32 argument that would become Infinity, as an integer that does not fit; Infinity itself passes', () => {
    // half's parameter is an f64; declared f32 here, the argument is checked as an f32's.
    const p = port();
    const f32 = { ...p, signature: (name: string) => (name === 'half' ? { params: ['f32'] as ValType[], results: ['f64'] as ValType[] } : SIGS[name]) };
    const { results } = runAll('a = half(3.5)\nb = half(1e50)\nc = half(-1e39)\nd = half(1e400)\ne = half(3.4028235e38)\n', f32);
    expect(results[1].error).toMatchObject({
      code: 'eval-error',
      message: 'argument 1 of half (f32): 1e+50 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)',
      where: { line: 2, column: 10, length: 4 },
    });
    expect(results[2].error?.message).toBe('argument 1 of half (f32): -1e+39 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)');
    expect(results.map((r) => r.error === undefined)).toEqual([true, false, false, true, true]);
    expect(p.calls).toEqual(['half(3.5)', 'half(Infinity)', 'half(3.4028235e+38)']);
  });

  it('lets traps from the guest propagate to the caller', () => {
    const { sequence } = parseSequence('boom()\n');
    const exec = new SequenceExecutor(sequence, port());
    expect(() => exec.execute(0)).toThrow(WebAssembly.RuntimeError);
  });

  it('returns the snapshot label', () => {
    const { results } = runAll('snapshot "after greeting"\n');
    expect(results[0]).toEqual({ bound: {}, regionEvents: [], snapshotLabel: 'after greeting' });
  });

  it('maps alloc and free onto allocate/deallocate with the region size', () => {
    // The same module's malloc/free stand in for an allocate/deallocate(ptr, size) pair.
    const p = port({ convention: 'allocate', alloc: { name: 'malloc', type: { params: ['i32'], results: ['i32'] } }, free: { name: 'dealloc', type: { params: ['i32', 'i32'], results: [] } } });
    const seen: string[] = [];
    const inner = p.call.bind(p);
    // No `free` export here, so free(buf) is the pseudo-call.
    p.signature = (n) => (n === 'dealloc' ? { params: ['i32', 'i32'], results: [] } : n === 'free' ? undefined : SIGS[n]);
    p.call = (n, a) => { seen.push(`${n}(${a.join(', ')})`); return n === 'dealloc' ? [] : inner(n, a); };
    const { exec, results } = runAll('buf = alloc(24)\nfree(buf)\n', p);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(seen).toEqual(['malloc(24)', 'dealloc(4096, 24)']);
    expect(exec.regions()[0]).toMatchObject({ name: 'buf', kind: 'alloc', size: 24, freed: true, freedStep: 1 });
  });

  it('free(p) with a sized deallocate and no alloc region at p says which call to write instead', () => {
    const p = port({ convention: 'allocate', alloc: { name: 'malloc', type: { params: ['i32'], results: ['i32'] } }, free: { name: 'dealloc', type: { params: ['i32', 'i32'], results: [] } } });
    p.signature = (n) => (n === 'dealloc' ? { params: ['i32', 'i32'], results: [] } : n === 'free' ? undefined : SIGS[n]);
    const { results } = runAll('free(0x1100a0)\n', p);
    expect(results[0]!.error?.message).toBe('dealloc takes the size the block was allocated with, which Memscope knows only for blocks alloc() made, '
      + 'and none starts at 0x1100a0: call dealloc(0x1100a0, size) yourself, with the size the guest allocated (for text it handed back, usually its length)');
  });

  it('an allocation that returned 0 (NULL) names no region: nothing was allocated', () => {
    const p = port();
    const inner = p.call.bind(p);
    p.call = (n, a) => (n === 'malloc' && a[0] === -2147483648 ? [0] : inner(n, a));
    const { exec, results } = runAll('huge = alloc(0x80000000)\nsmall = alloc(8)\n', p);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(results[0]!.bound.huge).toEqual({ kind: 'int', value: '0' });
    expect(results[0]!.regionEvents).toEqual([]);
    expect(exec.regions().map((r) => r.name)).toEqual(['small']);
  });

  it('an allocation that runs past the end of memory fails the step and names no region (a snapshot of it was refused on opening)', () => {
    const p = port();
    const size = p.memory().size;
    const inner = p.call.bind(p);
    p.call = (n, a) => (n === 'malloc' && a[0] === 64 ? [size - 6] : inner(n, a));
    const { exec, results } = runAll('p = alloc(64)\nq = alloc(8)\n', p);
    expect(results[0]!.error?.message).toBe(`malloc returned ${hexAddress(size - 6)}: a 64-byte block there ends at ${hexAddress(size + 58)}, past the end of memory at ${hexAddress(size)} (${formatSize(size)})`);
    expect(exec.regions().map((r) => r.name)).toEqual(['q']);
  });

  it('pins AssemblyScript allocations and unpins them on free', () => {
    const p = port({
      convention: 'assemblyscript', alloc: { name: '__new', type: { params: ['i32', 'i32'], results: ['i32'] } }, free: null,
      pin: { name: '__pin', type: { params: ['i32'], results: ['i32'] } }, unpin: { name: '__unpin', type: { params: ['i32'], results: [] } },
    });
    const seen: string[] = [];
    p.signature = (n) => ({ __new: { params: ['i32', 'i32'], results: ['i32'] }, __pin: { params: ['i32'], results: ['i32'] }, __unpin: { params: ['i32'], results: [] } } as Record<string, { params: ValType[]; results: ValType[] }>)[n];
    p.call = (n, a) => { seen.push(`${n}(${a.join(', ')})`); return n === '__new' ? [64] : n === '__pin' ? [a[0]] : []; };
    const { exec } = runAll('s = alloc(10)\nfree(s)\n', p);
    expect(seen).toEqual(['__new(10, 1)', '__pin(64)', '__unpin(64)']);
    expect(exec.regions()[0]).toMatchObject({ name: 's', start: 64, size: 10, freed: true });
  });

  it('names a callee that is no identifier as the sequence writes it when an argument does not fit, as the call line does (it said "argument 1 of pkg:x/y#f")', () => {
    const p = port();
    const odd = { ...p, signature: (name: string) => (name === 'pkg:x/y#f' ? SIGS.malloc : p.signature(name)) };
    const { results } = runAll('n = 1 << 40\n"pkg:x/y#f"(n)\n', odd);
    expect(results[1].error?.message).toMatch(/^argument 1 of "pkg:x\/y#f" \(i32\): 1099511627776 does not fit/);
  });
});

describe('SequenceExecutor, calls of Go js.FuncOf functions', () => {
  /** A port whose Go code set `js(…)`, answering each call with the next of `answers`. */
  function goPort(answers: BoundValue[]): ReturnType<typeof port> & { given: GoArgument[][] } {
    const given: GoArgument[][] = [];
    return {
      ...port(null),
      given,
      goFunction: (name) => (name === 'js' ? (args) => { given.push(args); return answers.shift()!; } : null),
    };
  }

  it('pass integers, floats and text as JavaScript values, and bind what comes back: text and booleans usable, objects held', () => {
    const p = goPort([
      { kind: 'js', type: 'string', value: 'hi' }, { kind: 'js', type: 'boolean', value: 'true' }, { kind: 'js', type: 'object', value: 'Object' },
    ]);
    const { results } = runAll('s = js(1, 2.5, "x")\nexpect s == "hi"\nb = js()\nexpect b == 1\no = js()\nn = o + 1\n', p);
    expect(p.given).toEqual([[1, 2.5, 'x'], [], []]);
    expect(results.slice(0, 5).map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(results[4]!.bound.o).toEqual({ kind: 'js', type: 'object', value: 'Object' });
    expect(results[5]!.error?.message).toBe("'o' holds a JavaScript object (Object), which expressions cannot use");
  });

  it('pass bytes as bytes, and refuse what JavaScript cannot take before calling: a struct, an integer past 2^53, a second result', () => {
    const p = goPort([{ kind: 'js', type: 'undefined', value: 'undefined' }]);
    const { results } = runAll('w = read bytes @ 0 [2]\njs(w)\ns = read {a: u8} @ 0\njs(s)\njs(1 << 60)\n(a, b) = js()\n', p);
    expect(p.given).toEqual([[new Uint8Array(2)]]);
    expect(results.slice(3).map((r) => r.error?.message)).toEqual([
      'argument 1 of js must be a number, text or bytes for a Go function, not a struct {a: u8}',
      "argument 1 of js must be a number, text or bytes for a Go function, not 1152921504606846976, beyond a JavaScript number's exact integers",
      "js is a Go function and returns one value; nothing to bind to 'b'",
    ]);
  });
});
