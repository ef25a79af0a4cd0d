// The starter's guesses on real modules: an export whose name says it hands text back gets steps,
// marked as guesses; one whose name says it does something else (delete, add, count) does not,
// whatever its signature, since calling `words_delete` on an 8-byte slot frees the slot.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';
import { inspectBytes, inspectFile } from './inspect.ts';
import { starterSequence } from './starter.ts';
import { body, funcType, module as wasm, section, str, T, u32, vec } from './testing/wasm-bytes.ts';
import { parseSequence } from '../sequence/index.ts';
import { openSessionsDisposedAfterEach } from '../host/test-helpers.ts';

const open = openSessionsDisposedAfterEach();

async function starter(path: string): Promise<string> {
  const info = await inspectFile(path);
  if (!info.ok) throw new Error(info.error.message);
  return starterSequence(info.value, 'm.wasm');
}

/** The starter's example steps (`v = …`, `watch …` in its comments), appended to it and run: each must. */
async function expectExamplesRun(path: string, text: string, count: number): Promise<void> {
  const examples = [...text.replace(/\n# /g, ' ').matchAll(/`((?:[vx] = read|watch w) [^`]+)`/g)].map((m) => m[1]!);
  expect(examples).toHaveLength(count);
  const session = await open(path, { sequence: `${text}${examples.join('\n')}\n` });
  expect(session.sequenceErrors).toEqual([]);
  expect((await session.run()).map((r) => r.ok)).toEqual(examples.map(() => true));
}

describe('starterSequence', () => {
  it('a module built with -g: its statics, its own first, and the steps that read one and a part of one by name, which run', async () => {
    const path = resolve(import.meta.dirname, 'dwarf/testdata/statics.wasm');
    const text = await starter(path);
    expect(text).toContain([
      "# Static variables (from the module's DWARF): greeting, origin, grid, count, table, calls::n, …",
      '# (10 in all; memscope inspect --json lists them). A step reads or watches one by name:',
      '# `v = read i32 @ &count`, `watch w @ &count`; a member or an element by its path:',
      '# `x = read i8 @ &greeting[0]`.',
    ].join('\n'));
    await expectExamplesRun(path, text, 3);
  });

  it("a C++ module's statics: a quoted name's element, as the starter writes it, runs", async () => {
    const path = resolve(import.meta.dirname, 'dwarf/testdata/statics-cpp.wasm');
    const text = await starter(path);
    expect(text).toContain('`x = read f64 @ &"shapes::(anonymous namespace)::scale"[0]`');
    await expectExamplesRun(path, text, 3);
  });

  it('a Go js/wasm module: argv as wasm_exec.js writes it, run(argc, argv), and what resume and getsp are for', async () => {
    const text = await starter(resolve(import.meta.dirname, '../../../resources/examples/go-fmt/go-fmt.wasm'));
    expect(text).toMatch(/^# {3}resume +\(\) -> \(\) +Go js\/wasm runtime: runs Go again after run\(\) returned \(Memscope calls it for timers and callbacks\)$/m);
    expect(text).toMatch(/^# {3}getsp +\(\) -> i32 +Go js\/wasm runtime: Go's stack pointer, asked again after a call that ran Go code$/m);
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual([
      'module "m.wasm"', 'write utf8 "m\\x00" @ 4096', 'write u64 4096 @ 4104', 'write u64 0 @ 4112', 'write u64 0 @ 4120', 'run(1, 4104)',
    ]);
  });

  it('a Go js/wasm library: after run(), how to call what main sets with js.FuncOf', async () => {
    const text = await starter(resolve(import.meta.dirname, '../../../resources/examples/go-library/go-library.wasm'));
    expect(text).toContain([
      'run(1, 4104)',
      "# A library's main sets functions with js.FuncOf and waits; run() then returns with them set",
      '# (its call log lists each: valueSet(globalThis, "greet", Go func 1)). Call them by name with',
      '# numbers and text, as JavaScript does: g = greet("ann")',
    ].join('\n'));
  });

  it("a command whose exports wasm-ld wrapped: says each call runs the constructors and destructors (clang-19)", async () => {
    const text = await starter(resolve(import.meta.dirname, 'testdata/command-exports/command-exports.wasm'));
    expect(text).toContain([
      "# A command: wasm-ld wrapped twice to run the program's constructors before and its destructors",
      '# after every call, as _start does around main: with atexit handlers or C++ statics (iostreams)',
      '# it may trap in them on a second run. Built with clang -mexec-model=reactor, the module is a',
      '# library whose exports run only themselves.',
    ].join('\n'));
  });

  it("a Rust command's wrapped exports: says how rustc builds a library instead, not clang's flag (rustc 1.63)", async () => {
    const text = await starter(resolve(import.meta.dirname, '../../../resources/examples/rust-wasi/rust-wasi.wasm'));
    expect(text.replace(/\n# /g, ' ')).toContain('Built with rustc --crate-type cdylib (Cargo: crate-type = ["cdylib"]), the module is a library whose exports run only themselves.');
    expect(text).not.toContain('mexec-model');
  });

  it('guesses nothing for exports named for something else than text (C++, clang-19)', async () => {
    const text = await starter(resolve(HEAP_TESTDATA, 'cpp-words.wasm'));
    // words_add (i32, i32, i32) -> () and words_delete (i32) -> () have string-ABI signatures.
    expect(text).toMatch(/^# {3}words_add +\(i32, i32, i32\) -> \(\) +fill in the arguments below$/m);
    expect(text).toMatch(/^# {3}words_delete +\(i32\) -> \(\) +fill in the arguments below$/m);
    expect(text).toContain('\n# Not recognised: uncomment and put real arguments in (placeholders are 0).\n# r = words_new()\n# words_add(0, 0, 0)\n');
    expect(text).not.toContain('guesses');
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['module "m.wasm"']);
  });

  it("no steps for libc's strlen and strerror that --export-all exports: neither answers a new C string (clang-19)", async () => {
    const path = resolve(import.meta.dirname, '../../cli/testdata/export-all/export-all.wasm');
    const text = await starter(path);
    // strlen (i32) -> i32 has "str" in its name: its steps read its length as a pointer and freed it.
    expect(text).toMatch(/^# {3}strlen +\(i32\) -> i32 +fill in the arguments below$/m);
    expect(text).toMatch(/^# {3}strerror +\(i32\) -> i32 +fill in the arguments below$/m);
    expect(text).not.toMatch(/^[^#].*\b(strlen|strerror)\(/m);
    const session = await open(path, { sequence: text });
    expect(session.sequenceErrors).toEqual([]);
    expect((await session.run()).map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('says once that its steps are guesses from names and signatures', async () => {
    const text = await starter(resolve(import.meta.dirname, '../../../resources/examples/rust-greet/rust-greet.wasm'));
    expect(text).toContain('\n# The steps below are guesses from each export\'s name and signature: check what they pass\n');
    expect(text.match(/guesses/g)).toHaveLength(1);
    expect(text).toContain('\ngreet(arg, 5, ret)\n');
  });

  it('text in by (ptr, len) and nothing out: the steps write it, call, and read it back (clang-19, no libc, a bump allocator)', async () => {
    const text = await starter(resolve(import.meta.dirname, 'testdata/bump-upper/bump-upper.wasm'));
    expect(text).toContain('# Allocator: no convention Memscope knows, but bump_alloc (i32) -> i32 looks like one by its name and\n');
    expect(text).toContain('\nmodule "m.wasm"\nallocator bump_alloc\n');
    expect(text).toContain('\n# upper: takes (ptr, len) of text, which it may read, print or change in place: the steps read it back after.\n'
      + 'arg = alloc(5)\nwrite utf8 "hello" @ arg\nupper(arg, 5)\nafter = read utf8 @ arg [5]\n');
    // No free to call, and no heap Memscope walks: nothing to give back, no leak check.
    expect(text).not.toContain('free(');
    expect(text).not.toContain('expect no leaks');
    const session = await open(resolve(import.meta.dirname, 'testdata/bump-upper/bump-upper.wasm'), { sequence: text });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(records[3]!.bound.after).toMatchObject({ value: 'HELLO' });
  });

  it('an embind module: no step for its runtime exports, and how to call what it registers', async () => {
    const text = await starter(resolve(import.meta.dirname, '../host/testdata/emscripten-runtime/embind-js.wasm'));
    // __getTypeName (i32) -> i32 has the C-string shape, but takes a type id: runtime, never a step.
    expect(text).toMatch(/^# {3}__getTypeName +\(i32\) -> i32 +runtime \/ allocator$/m);
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['module "m.wasm"']);
    expect(text).toContain('\n# constructors call _embind_register_*), so they are no exports: call them by their registered names,\n');
    expect(text).not.toContain('No export matched');
  });

  // A newcomer's first build of each toolchain, exporting no allocator (testdata/no-allocator/build.sh).
  it.each([
    ['assemblyscript', '# `asc --exportRuntime` (or `--bindings esm`): rebuild so, and alloc(n) makes the strings and\n'],
    ['emscripten', '# -sEXPORTED_FUNCTIONS=_malloc,_free beside your own functions, and alloc(n) and free(p) call\n'],
    ['c-reactor', '# wasm-ld exports only what it is told: link with -Wl,--export=malloc,--export=free (wasi-libc\n'],
    ['rust', '# `#[no_mangle] pub extern "C" fn alloc(len: usize) -> *mut u8` and `dealloc(ptr, len)` over\n'],
  ])('%s with no allocator exported: says how that toolchain exports one, and guesses none', async (name, advice) => {
    const text = await starter(resolve(import.meta.dirname, `testdata/no-allocator/${name}.wasm`));
    expect(text).toContain('\n# Allocator: none detected, so alloc()/free() are not available.\n');
    expect(text).toContain(advice);
    // Emscripten's stackAlloc is named like an allocator, but its blocks go at the next stackRestore.
    expect(text).not.toMatch(/^allocator /m);
    expect(text).not.toMatch(/^\w+ = alloc\(/m);
  });

  // It said "alloc(n) and free(p) call them for you" above cabi_realloc, which has no free: free(a) was refused.
  it.each([
    ['canonical-abi', '# Allocator: cabi_realloc (i32, i32, i32, i32) -> i32 (the cabi_realloc convention).\n'
      + '# alloc(n) calls it for you and marks the block as a region in the memory view; the allocator has\n'
      + '# no free, so free(p) is refused and the blocks alloc(n) makes stay allocated.\n', false],
    ['assemblyscript-strings', '# Allocator: __new (i32, i32) -> i32, __unpin (i32) -> () (the assemblyscript convention).\n'
      + '# alloc(n) and free(p) call them for you and mark the block as a region in the memory view.\n', true],
    ['rust-greet', '# Allocator: alloc (i32) -> i32, dealloc (i32, i32) -> () (the alloc convention).\n'
      + '# alloc(n) and free(p) call them for you and mark the block as a region in the memory view.\n', true],
  ])('%s: says whether free(p) has a function to call, as the sequence finds it', async (name, lines, frees) => {
    const path = resolve(import.meta.dirname, `../../../resources/examples/${name}/${name}.wasm`);
    const text = await starter(path);
    expect(text).toContain(lines);
    const session = await open(path, { sequence: 'module "m.wasm"\na = alloc(4)\nfree(a)\n' });
    expect(session.sequenceErrors.length === 0).toBe(frees);
  });

  it("a Go module: Go's heap has no allocator to call; data goes in as arguments or argv", async () => {
    const text = await starter(resolve(import.meta.dirname, '../../../resources/examples/go-library/go-library.wasm'));
    expect(text).toContain('\n# Allocator: none.\n# Go\'s heap is its own, with no allocator to call: data goes in as arguments of the functions\n');
    expect(text).not.toContain('write it at an offset you know is unused');
  });
});

describe('starterSequence and its own leak check (testdata/starter-shapes/build.sh)', () => {
  const fixture = (name: string) => resolve(import.meta.dirname, `testdata/starter-shapes/${name}`);

  it("a C command exporting malloc: _start first, then a mark, so main's argv (never freed) is no leak of the steps'", async () => {
    const text = await starter(fixture('command.wasm'));
    expect(text).toContain('\n_start()\n# What main left allocated (a C program\'s argv, which it never frees) is not the steps\' below:\n'
      + '# the leak check at the end counts from here.\nmark "after main"\n');
    expect(text).toContain('\n# Every block the steps since the mark allocated, the host\'s and the guest\'s, was given back:\nexpect no leaks\n');
    const session = await open(fixture('command.wasm'), { sequence: text });
    expect(session.sequenceErrors).toEqual([]);
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records.find((r) => r.bound.text2)?.bound.text2).toMatchObject({ value: 'hello!' });
  });

  it('a C string in and nothing out (say, upper): the steps write it with its NUL, call, read it back, free it (clang-19)', async () => {
    const text = await starter(fixture('command.wasm'));
    // (i32) -> () is a result pointer's signature too: the name tells a function that takes text
    // (say prints it, upper changes it) from one that hands text back.
    expect(text).toContain('\n# say: takes a NUL-terminated C string, which it may read, print or change in place: the steps read it back after.\n'
      + 'arg3 = alloc(6)\nwrite utf8 "hello\\0" @ arg3\nsay(arg3)\nafter3 = read utf8 @ arg3\nfree(arg3)\n');
    expect(text).toContain('\nupper(arg4)\nafter4 = read utf8 @ arg4\nfree(arg4)\n');
    const session = await open(fixture('command.wasm'), { sequence: text });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records.find((r) => r.bound.after3)?.bound.after3).toMatchObject({ value: 'hello' });
    expect(records.find((r) => r.bound.after4)?.bound.after4).toMatchObject({ value: 'HELLO' });
  });

  it("wasm-bindgen's allocator: the text the guest hands back is freed with __wbindgen_free(ptr, len, 1), so the leak check passes", async () => {
    const text = await starter(fixture('wbindgen.wasm'));
    expect(text).toContain('\ntext = read utf8 @ ptr [len]\n# the answer is the guest\'s block: freed with its length (the size, when it was a boxed str)\n'
      + '__wbindgen_free(ptr, len, 1)\nfree(arg)\n');
    const session = await open(fixture('wbindgen.wasm'), { sequence: text });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records.at(-1)!.source).toBe('expect no leaks');
    expect(records.find((r) => r.bound.text)?.bound.text).toMatchObject({ value: 'hi hello' });
  });

  it('an export named alloc is what a step\'s alloc() calls: with its alignment when it is the allocator (Rust alloc(size, align))', async () => {
    const text = await starter(fixture('alloc-align.wasm'));
    // `ret = alloc(8)` called the export with one argument of two: the starter did not validate.
    expect(text).toContain('\nallocator alloc dealloc\n');
    expect(text).toContain('\nret = alloc(8, 8)\nget_name(ret)\n');
    const session = await open(fixture('alloc-align.wasm'), { sequence: text });
    expect(session.sequenceErrors).toEqual([]);
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records.find((r) => r.bound.text)?.bound.text).toMatchObject({ value: 'ferris' });
  });

  it("an export named alloc that is not the allocator: the steps call malloc by name, and say why (clang-19)", async () => {
    const text = await starter(fixture('arena.wasm'));
    // `arg = alloc(6)` called the arena's alloc, which malloc's free then freed.
    expect(text).toContain("\n# The module exports its own alloc, which a step's alloc(…) calls: the steps below call the\n# allocator's functions by name.\n");
    expect(text).toContain('\narg = malloc(6)\nwrite utf8 "hello\\0" @ arg\nout = upper_text(arg)\n');
    expect(text).not.toMatch(/^\w+ = alloc\(/m);
    const session = await open(fixture('arena.wasm'), { sequence: text });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records.at(-1)!.source).toBe('expect no leaks');
    expect(records.find((r) => r.bound.text)?.bound.text).toMatchObject({ value: 'HELLO' });
  });

  it('a malloc of a type no allocator has: says why alloc(n) does not call it, and writes no step that allocates', () => {
    // malloc () -> i32 and free (i32) -> (), with an exported memory and greet (i32) -> ().
    const bytes = wasm(
      section(1, vec([funcType([], [T.i32]), funcType([T.i32], [])])),
      section(3, vec([u32(0), u32(1), u32(1)])),
      section(5, vec([[0x00, 0x01]])),
      section(7, vec([...['malloc', 'free', 'greet'].map((name, i) => [...str(name), 0x00, ...u32(i)]), [...str('memory'), 0x02, ...u32(0)]])),
      section(10, vec([body([0x41, 0x00]), body(), body()])),
    );
    const info = inspectBytes(bytes);
    if (!info.ok) throw new Error(info.error.message);
    const text = starterSequence(info.value, 'm.wasm');
    expect(text).toContain('\n# Allocator: none detected, so alloc()/free() are not available.\n'
      + "# malloc () -> i32 has an allocator's name but not its type ((i32) -> i32), so alloc(n) does not\n# call it.\n");
    expect(text).not.toMatch(/alloc\(8\)/);
    expect(parseSequence(text).errors).toEqual([]);
  });
});

describe('starterSequence and a memory the host cannot reach', () => {
  /** A memory of one page, exported or not, and malloc (i32) -> i32, free (i32) -> (), greet (i32) -> () when `funcs`. */
  function moduleInfo(exportMemory: boolean, funcs: boolean) {
    const names = funcs ? ['malloc', 'free', 'greet'] : [];
    const bytes = wasm(
      section(1, vec([funcType([T.i32], [T.i32]), funcType([T.i32], [])])),
      section(3, vec(names.map((_, i) => u32(i === 0 ? 0 : 1)))),
      section(5, vec([[0x00, 0x01]])),
      section(7, vec([...names.map((name, i) => [...str(name), 0x00, ...u32(i)]), ...(exportMemory ? [[...str('memory'), 0x02, ...u32(0)]] : [])])),
      section(10, vec(names.map((_, i) => body(i === 0 ? [0x41, 0x00] : [])))),
    );
    const info = inspectBytes(bytes);
    if (!info.ok) throw new Error(info.error.message);
    return info.value;
  }

  it('a memory neither exported nor imported: says a read or a write cannot reach it, and writes no step that would', () => {
    const text = starterSequence(moduleInfo(false, true), 'm.wasm');
    expect(text).toContain('\n# No step below reads or writes memory: the module\'s memory is neither exported nor imported, so\n');
    // Before, greet's result-pointer steps, whose read failed: "outside linear memory of 0 bytes".
    expect(text).not.toMatch(/^ret = alloc\(8\)$/m);
    expect(text).not.toContain('write it at an offset you know is unused');
    expect(text).toContain('\n# greet(0)\n');
    expect(parseSequence(text).errors).toEqual([]);
    // Exported, the same module gets the steps.
    expect(starterSequence(moduleInfo(true, true), 'm.wasm')).toMatch(/^ret = alloc\(8\)$/m);
  });

  it('a module that exports no function says there is nothing to call, not "start from a line above"', () => {
    const text = starterSequence(moduleInfo(true, false), 'm.wasm');
    expect(text).toContain('\n# The module exports no function, so there is nothing to call.\n');
    expect(text).not.toContain('start from a line above');
    // It once listed "# Exports:" and then nothing under it.
    expect(text).toContain('\n# Exports: no function.\n');
    expect(text).not.toMatch(/^# Exports:$/m);
  });

  it('a module that exports nothing says its exports are none', () => {
    const info = inspectBytes(wasm(section(5, vec([[0x00, 0x01]]))));
    if (!info.ok) throw new Error(info.error.message);
    const text = starterSequence(info.value, 'm.wasm');
    expect(text).toContain('\n# Exports: none.\n');
    expect(parseSequence(text).errors).toEqual([]);
  });
});

describe('starterSequence and names that are no identifiers', () => {
  it('writes a newline, a CR and a NUL in an export\'s or the module\'s name escaped in its comments too, so the starter parses', () => {
    // One function, () -> i32, exported under three names; no memory, so the calls are steps.
    const bytes = wasm(
      section(1, vec([funcType([], [T.i32])])),
      section(3, vec([u32(0)])),
      section(7, vec(['x\ny', 'c\rr', 'n\0l'].map((name) => [...str(name), 0x00, ...u32(0)]))),
      section(10, vec([body([0x41, 0x01])])), // i32.const 1
    );
    const info = inspectBytes(bytes);
    if (!info.ok) throw new Error(info.error.message);
    const text = starterSequence(info.value, 'odd\nname.wasm');
    expect(parseSequence(text).errors).toEqual([]);
    expect(text.split('\n').filter((l) => l.includes('x0') || l.startsWith('module'))).toEqual([
      '# Starter sequence for odd\\x0aname.wasm, written by Memscope from what it detected. Edit freely:',
      '#   "x\\x0ay"  () -> i32               no arguments: called below',
      '#   "c\\x0dr"  () -> i32               no arguments: called below',
      '#   "n\\x00l"  () -> i32               no arguments: called below',
      'module "odd\\x0aname.wasm"',
      'r = "x\\x0ay"()',
      'r = "c\\x0dr"()',
      'r = "n\\x00l"()',
    ]);
  });
});

describe('starterSequence and exports a sequence cannot call', () => {
  // (v128) -> (), () -> externref, (externref) -> (), () -> i32; no memory.
  const bytes = wasm(
    section(1, vec([funcType([T.v128], []), funcType([], [T.v128]), funcType([T.externref], []), funcType([], [T.i32])])),
    section(3, vec([u32(0), u32(1), u32(2), u32(3)])),
    section(7, vec(['vin', 'v', 'ext', 'one'].map((name, i) => [...str(name), 0x00, ...u32(i)]))),
    section(10, vec([body(), body([0xfd, 0x0c, ...new Array<number>(16).fill(0)]), body(), body([0x41, 0x01])])),
  );

  it('says why in the exports list and offers no line for them; the sequence refuses a call of one where it is', () => {
    const info = inspectBytes(bytes);
    if (!info.ok) throw new Error(info.error.message);
    const text = starterSequence(info.value, 'types.wasm');
    expect(text.split('\n').filter((l) => /^# {3}(vin|v|ext|one)\s/.test(l))).toEqual([
      '#   vin  (v128) -> ()            cannot be called from a sequence: it takes a v128, which a sequence cannot pass (it passes numbers: i32, i64, f32, f64)',
      '#   v    () -> v128              cannot be called from a sequence: it returns a v128, which JavaScript cannot receive from WebAssembly (the JS API refuses any call of it)',
      '#   ext  (externref) -> ()       cannot be called from a sequence: it takes an externref, which a sequence cannot pass (it passes numbers: i32, i64, f32, f64)',
      '#   one  () -> i32               no arguments: called below',
    ]);
    expect(text).not.toMatch(/^r = v\(\)|^vin\(|^ext\(/m);
    expect(parseSequence(text).errors).toEqual([]);
  });
});
