// Validator tests against a ModuleInfo literal: every check, each with file:line:column.

import { describe, expect, it } from 'vitest';
import type { AllocatorInfo, ExportInfo, FuncType, ModuleInfo, ValType } from '../../shared/dto.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';

/** A function type: `fn(['i32'], ['i32'])` is `(i32) -> i32`. */
const fn = (params: ValType[], results: ValType[] = []): FuncType => ({ params, results });

const MALLOC: AllocatorInfo = {
  convention: 'malloc',
  alloc: { name: 'malloc', type: fn(['i32'], ['i32']) },
  free: { name: 'free', type: fn(['i32']) },
};

function info(exports: Record<string, FuncType | 'memory'>, allocator: AllocatorInfo | null = MALLOC): ModuleInfo {
  const ex: ExportInfo[] = Object.entries(exports).map(([name, type], index) => (type === 'memory'
    ? { name, index, kind: 'memory', type: { min: 1, max: null, shared: false, memory64: false } }
    : { name, index, kind: 'func', type }));
  return {
    size: 100, kind: 'reactor', toolchain: { name: 'c', evidence: [] }, allocator,
    imports: [{ module: 'env', name: 'log', kind: 'func', type: fn(['i32', 'i32']) }],
    exports: ex, functionCount: ex.length, tables: [], memories: [{ min: 1, max: null, shared: false, memory64: false }],
    globals: [], start: null, elementSegments: 0, dataCount: null, codeSizes: [], dataSegments: [],
    customSections: [], names: null, producers: {}, targetFeatures: [], dwarf: [],
  };
}

const MODULE = info({
  memory: 'memory',
  malloc: fn(['i32'], ['i32']),
  free: fn(['i32']),
  ReturnString: fn(['i32']),
  greeting: fn(['i32', 'i32'], ['i64']),
  pair: fn([], ['i32', 'i32']),
});

function check(text: string, mod = MODULE): string[] {
  const { sequence, errors } = parseSequence(text, 'v.wseq');
  expect(errors).toEqual([]);
  return validateSequence(sequence, mod).map((e) => `${e.where?.file}:${e.where?.line}:${e.where?.column}: [${e.code}] ${e.message}`);
}

describe('validateSequence', () => {
  it('accepts the string-return story', () => {
    expect(check(`import env.log = print_utf8
ret = malloc(8)
ReturnString(ret)
s = read {ptr: u32, len: u32} @ ret
text = read utf8 @ s.ptr [s.len]
free(ret)
expect text == "hello from C"
p = alloc(6)
n = write utf8 "wazero" @ p
packed = greeting(p, n)
ptr = packed >> 32
(a, b) = pair()
(_, c) = pair()
pair()
snapshot "done"
`)).toEqual([]);
  });

  it('reports an export that does not exist, suggesting close names', () => {
    expect(check('ret = maloc(8)\nx = Greeting(1, 2)\nmemory()\n')).toEqual([
      "v.wseq:1:7: [no-such-export] the module exports no function 'maloc' (did you mean 'malloc'?)",
      "v.wseq:2:5: [no-such-export] the module exports no function 'Greeting' (did you mean 'greeting'?)",
      "v.wseq:3:1: [no-such-export] 'memory' is a memory export, not a function",
    ]);
  });

  it('reports a wrong argument count against the signature', () => {
    expect(check('p = malloc()\ngreeting(1)\nfree(1, 2)\n')).toEqual([
      'v.wseq:1:1: [parse-error] malloc takes 1 argument (i32), but 0 are given',
      'v.wseq:2:1: [parse-error] greeting takes 2 arguments (i32, i32), but 1 is given',
      'v.wseq:3:1: [parse-error] free takes 1 argument (i32), but 2 are given',
    ]);
  });

  it('reports names used before they are bound, and unknown struct fields', () => {
    expect(check('free(ret)\nret = malloc(8)\ns = read {ptr: u32} @ rte\nx = s.len + ret.ptr\ny = y + 1\n')).toEqual([
      "v.wseq:1:6: [eval-error] unknown name 'ret' (it is bound later, on line 2)",
      "v.wseq:3:23: [eval-error] unknown name 'rte' (did you mean 'ret'?)",
      "v.wseq:4:5: [eval-error] the struct has no field 'len'; its fields are ptr",
      "v.wseq:4:13: [eval-error] '.ptr' needs a struct, but this is an integer",
      "v.wseq:5:5: [eval-error] unknown name 'y'",
    ]);
  });

  it('reports alloc and free without an allocator', () => {
    const bare = info({ f: fn([]) }, null);
    expect(check('p = alloc(4)\nfree(p)\n', bare)).toEqual([
      'v.wseq:1:5: [no-such-export] alloc() needs the module\'s allocator, but it exports none Memscope knows (malloc/free, alloc/dealloc, allocate, '
        + 'cabi_realloc, __new, __wbindgen_malloc); if it has one by another name, say which before the first step: allocator ALLOC FREE',
      'v.wseq:2:1: [no-such-export] free() needs the module\'s allocator, but it exports none Memscope knows (malloc/free, alloc/dealloc, allocate, '
        + 'cabi_realloc, __new, __wbindgen_malloc); if it has one by another name, say which before the first step: allocator ALLOC FREE',
    ]);
    const cabi = info({ cabi_realloc: fn(['i32', 'i32', 'i32', 'i32'], ['i32']) }, {
      convention: 'cabi_realloc', alloc: { name: 'cabi_realloc', type: fn(['i32', 'i32', 'i32', 'i32'], ['i32']) }, free: null,
    });
    expect(check('p = alloc(4)\nfree(p)\n', cabi)).toEqual([
      'v.wseq:2:1: [no-such-export] free() needs a matching free function, but the cabi_realloc allocator (cabi_realloc) has none',
    ]);
  });

  it('says why a malloc or free export of another type is not the allocator', () => {
    // findAllocator passed over malloc () -> i32: without the reason the user sees a malloc and "none".
    const noSize = info({ malloc: fn([], ['i32']), free: fn(['i32']) }, null);
    expect(check('p = alloc(4)\n', noSize)).toEqual([
      'v.wseq:1:5: [no-such-export] alloc() needs the module\'s allocator, but it exports none Memscope knows (malloc/free, alloc/dealloc, allocate, '
        + 'cabi_realloc, __new, __wbindgen_malloc) (malloc () -> i32 has an allocator\'s name but not its type ((i32) -> i32)); '
        + 'if it has one by another name, say which before the first step: allocator ALLOC FREE',
    ]);
    const wbindgenMalloc = { name: '__wbindgen_malloc', type: fn(['i32', 'i32'], ['i32']) };
    const freeReturns = info({ __wbindgen_malloc: wbindgenMalloc.type, __wbindgen_free: fn(['i32'], ['i32']) }, { convention: 'wbindgen', alloc: wbindgenMalloc, free: null });
    expect(check('p = alloc(4)\nfree(p)\n', freeReturns)).toEqual([
      'v.wseq:2:1: [no-such-export] free() needs a matching free function, but the wbindgen allocator (__wbindgen_malloc) has none '
        + "(__wbindgen_free (i32) -> i32 has a free function's name but not its type ((i32, i32) -> () or (i32, i32, i32) -> ()))",
    ]);
  });

  it('reports bad builtin names and imports the module does not have', () => {
    expect(check('import env.log = print_utf9\nimport env.lg = trace\n')).toEqual([
      "v.wseq:1:18: [parse-error] unknown builtin 'print_utf9' (did you mean 'print_utf8' or 'print_utf16'?); builtins are print_utf8, print_utf16, abort, trace",
      "v.wseq:2:1: [parse-error] the module has no function import env.lg (did you mean 'env.log'?)",
    ]);
  });

  it('reports directives after the first step and repeated ones', () => {
    expect(check('timeout 10\nf = malloc(1)\ntimeout 20\narg "x"\n')).toEqual([
      'v.wseq:3:1: [parse-error] the timeout directive must come before the first step (line 2)',
      'v.wseq:3:1: [parse-error] timeout is already given on line 1',
      'v.wseq:4:1: [parse-error] the arg directive must come before the first step (line 2)',
    ]);
    // A two-word directive is named as written, not by its kind (trace-writes, capture-limit).
    expect(check('f = malloc(1)\ntrace writes\ncapture limit 5\n')).toEqual([
      'v.wseq:2:1: [parse-error] the trace writes directive must come before the first step (line 1)',
      'v.wseq:3:1: [parse-error] the capture limit directive must come before the first step (line 1)',
    ]);
  });

  it('reports multi-value arity mismatches', () => {
    expect(check('(a, b, c) = pair()\nx = pair()\ny = free(1)\n(p, q) = malloc(1)\n')).toEqual([
      'v.wseq:1:1: [parse-error] pair returns 2 values (i32, i32), but 3 names are bound; use 2 (or _ to skip one)',
      'v.wseq:2:1: [parse-error] pair returns 2 values (i32, i32); bind them with (a, b) = pair(...)',
      "v.wseq:3:1: [parse-error] free returns nothing; drop 'y ='",
      'v.wseq:4:1: [parse-error] malloc returns one value (i32), but 2 names are bound; use 1 (or _ to skip one)',
    ]);
  });

  it('treats alloc and free as exports when the module has them', () => {
    const own = info({ alloc: fn(['i32', 'i32'], ['i32']) });
    expect(check('p = alloc(1)\n', own)).toEqual(['v.wseq:1:1: [parse-error] alloc takes 2 arguments (i32, i32), but 1 is given']);
  });

  it('names a callee that is no identifier as the sequence writes it in an argument\'s error, its count and its results ("argument 1 of my-func" read as three words; the hint "= pkg:pair(...)" did not parse)', () => {
    const mod = info({ 'my-func': fn(['i32'], ['i32']), memory: 'memory' });
    const [error] = check('"my-func"(5000000000)\n', mod);
    expect(error).toContain('argument 1 of "my-func" (i32)');
    // The count and the results too; the hint is a line to write, which `my-func(...)` is not.
    const pair = info({ 'my-func': fn(['i32'], ['i32']), 'pkg:pair': fn([], ['i32', 'i32']), memory: 'memory' });
    expect(check('"my-func"(1, 2)\nx = "pkg:pair"()\n', pair)).toEqual([
      'v.wseq:1:1: [parse-error] "my-func" takes 1 argument (i32), but 2 are given',
      'v.wseq:2:1: [parse-error] "pkg:pair" returns 2 values (i32, i32); bind them with (a, b) = "pkg:pair"(...)',
    ]);
  });
});
