// A starter .wseq for any module, written from what inspect detected: the allocator convention,
// each export with its signature, and, for functions whose signature (and a text-like name)
// match a known string ABI, the steps that call them and read the result. Anything else is
// listed as a commented call line to fill in. `memscope new` prints it; the UI opens with it.

import type { AllocatorInfo, ExportInfo, ModuleInfo, StaticLayout, StaticScalar, StaticVariable, Toolchain } from '../../shared/dto.ts';
import type { NumType } from '../sequence/ast.ts';
import { ownStaticsFirst } from '../../shared/statics.ts';
import { allocatorHint, libraryBuild } from '../../shared/build-hints.ts';
import { formatExternType, formatSignature } from '../../shared/type-format.ts';
import { sequenceName, sequenceNumType, sequenceStaticName, sequenceString } from '../../shared/value-format.ts';
import { isGoModule, registersEmbindFunctions, setsGoFunctions } from '../protocol.ts';
import { misfitAllocator, nameWords } from './allocator.ts';
import { heapFacts } from '../memory/heap/heap-facts.ts';
import { uncallable } from '../../shared/callable-types.ts';
import { ALLOC_ALIGN, freeFunction } from '../sequence/allocator.ts';
import { commentText } from '../../shared/comment-text.ts';
import { HIDDEN_MEMORY_TEXT, hidesMemory } from '../../shared/hidden-memory.ts';

type FuncExport = Extract<ExportInfo, { kind: 'func' }>;

/** Names that say "text goes in or comes out"; a signature alone cannot tell a string from a struct. */
const TEXTY = /greet|hello|name|str|text|shout|upper|lower|say|message|echo|concat|reverse|format|print|word|title|join|trim|repeat|replace/i;
/**
 * Words that say an export does something else than hand text back, whatever else its name says:
 * `words_delete(w)` has the result-pointer signature and "word" in its name, and calling it on
 * an 8-byte slot frees the slot inside the guest. Matched per word of the name (snake, kebab,
 * camel case), so `newline` and `sizeof_text` are not caught by `new` and `size`.
 */
const NOT_TEXT = new Set(['add', 'alloc', 'append', 'clear', 'count', 'create', 'dealloc', 'deinit', 'delete', 'destroy',
  'dispose', 'drop', 'free', 'init', 'insert', 'len', 'length', 'new', 'push', 'release', 'remove', 'reset', 'set', 'size']);
/**
 * Names that say the answer is a number or text the guest keeps, not a new string: a word ending
 * in len (libc's `strlen`, exported by --export-all, has the C-string signature and "str" in its
 * name: its length read as a pointer and freed was an invalid free), and libc's `strerror` and
 * `strsignal`, which take a number and answer static text that must not be freed.
 */
const NOT_NEW_TEXT = (words: string[]): boolean => words.some((w) => /(len|length)$/.test(w)) || /^str(error|signal)$/.test(words.join('_'));
/**
 * Words that say an export takes text in: it prints it (say, print, log) or changes it (upper,
 * reverse). With one pointer and no result, (i32) -> (), that pointer is its input, a C string,
 * not a slot to write an answer into: the same signature as a result pointer's (`greet(ret)`),
 * told apart only by the name. Calling `say(ret)` on an empty 8-byte slot read garbage as {ptr, len}.
 */
const TAKES_TEXT = new Set(['display', 'echo', 'log', 'lower', 'print', 'puts', 'reverse', 'say', 'show', 'shout', 'speak', 'title',
  'trim', 'upper']);
/** Runtime plumbing a starter never calls (instantiation runs the constructors; Emscripten's glue calls the rest). */
const PLUMBING = /^(_initialize|__wasm_call_ctors|__errno_location|stack(Save|Restore|Alloc)|__collect|__new|__pin|__unpin|__rtti_base|cabi_post_.*|cabi_realloc|setThrew|saveSetjmp|__cxa_can_catch|__cxa_is_pointer_type|dynCall_\w+|emscripten_stack_\w+|__getTypeName|__embind_\w+)$/;
const ARG = 'hello';
/** For a module whose C++ functions are registered with embind, not exported (guest/embind.ts). */
const EMBIND_NOTE = [
  '# Embind: the module registers its C++ functions and classes while it is instantiated (its',
  '# constructors call _embind_register_*), so they are no exports: call them by their registered names,',
  '# which the instantiation\'s call log lists with their C++ signatures (`r = add(2, 3)`); a',
  '# class by JavaScript\'s: `c = Counter(5)`, `"Counter.increment"(c, 1)`, `"Counter.delete"(c)`,',
  '# a property as `"Counter.get count"(c)` and `"Counter.set count"(c, 2)`. Numbers and enums',
  '# pass as they are. A std::string goes in as a block you malloc and fill, {u32 length; bytes},',
  '# and free after the call; one comes back the same way, for you to read (`len = read u32 @ r`,',
  '# `text = read utf8 @ r + 4 [len]`) and free. A value object goes by pointer the same way.',
];

type Shape = 'command' | 'go-run' | 'retptr' | 'packed' | 'ptrlen-retptr' | 'canonical' | 'as-string' | 'cstring' | 'ptrlen-in' | 'cstring-in';

const SHAPE_NOTE: Record<Shape, string> = {
  command: 'a WASI command: runs main(); output appears in the Output panel',
  'go-run': 'Go js/wasm: run(argc, argv) starts the Go runtime and runs main; argv is written first, as wasm_exec.js does',
  retptr: 'writes {ptr: u32, len: u32} of a string through a result pointer',
  packed: 'takes (ptr, len) and returns (ptr << 32) | len packed in an i64',
  'ptrlen-retptr': 'takes (ptr, len) and writes {ptr, len} of its answer through a result pointer',
  canonical: 'component-model canonical ABI: (ptr, len) in, a pointer to {ptr, len} out',
  'as-string': 'AssemblyScript string in, string out (UTF-16, length at ptr - 4)',
  cstring: 'a NUL-terminated C string in, a C string out',
  'ptrlen-in': 'takes (ptr, len) of text, which it may read, print or change in place: the steps read it back after',
  'cstring-in': 'takes a NUL-terminated C string, which it may read, print or change in place: the steps read it back after',
};

/** Go js/wasm's other exports, which wasm_exec.js calls and Memscope calls for it. */
const GO_RUNTIME_ROLE: Record<string, string> = {
  resume: 'Go js/wasm runtime: runs Go again after run() returned (Memscope calls it for timers and callbacks)',
  getsp: "Go js/wasm runtime: Go's stack pointer, asked again after a call that ran Go code",
};

function shapeOf(exp: FuncExport, info: ModuleInfo): Shape | null {
  const s = `${exp.type.params.join(',')}->${exp.type.results.join(',')}`;
  if (exp.name === '_start' && info.kind === 'command' && s === '->') return 'command';
  if (exp.name === 'run' && s === 'i32,i32->' && isGoJs(info)) return 'go-run';
  const alloc = info.allocator;
  if (!alloc || hidesMemory(info) || isPlumbing(exp.name, info) || !TEXTY.test(exp.name) || nameWords(exp.name).some((w) => NOT_TEXT.has(w))
    || NOT_NEW_TEXT(nameWords(exp.name))) return null;
  if (alloc.convention === 'assemblyscript') return s === 'i32->i32' ? 'as-string' : null;
  if (alloc.convention === 'cabi_realloc') {
    return s === 'i32,i32->i32' && info.exports.some((e) => e.name === `cabi_post_${exp.name}`) ? 'canonical' : null;
  }
  if (s === 'i32->') return alloc.convention === 'malloc' && nameWords(exp.name).some((w) => TAKES_TEXT.has(w)) ? 'cstring-in' : 'retptr';
  if (s === 'i32,i32->i64') return 'packed';
  if (s === 'i32,i32,i32->') return 'ptrlen-retptr';
  // Not (i32, i32) -> i32: an object and an argument, answering a pointer, as often (words_join(w, sep)).
  if (s === 'i32,i32->') return 'ptrlen-in';
  if (s === 'i32->i32' && alloc.convention === 'malloc') return 'cstring';
  return null;
}

/**
 * How a step allocates `n` bytes and frees a block the host allocated with `size`: alloc(n) and
 * free(p), unless the module exports a function by that name, which a call of it then is
 * (sequence/validate.ts's calleeKind): then the allocator's own export is called, with what
 * alloc() and free() would pass it (sequence/allocator.ts), so the block is still a region.
 */
function hostCalls(alloc: AllocatorInfo | null, exported: ReadonlySet<string>): { alloc: (n: number) => string; free: (p: string, size: number) => string } {
  const direct = (f: { name: string; type: { params: readonly unknown[] } }, args: (string | number)[]) =>
    `${sequenceName(f.name)}(${args.slice(0, Math.max(1, f.type.params.length)).join(', ')})`;
  const align = Number(ALLOC_ALIGN);
  return {
    alloc: (n) => !exported.has('alloc') || !alloc ? `alloc(${n})`
      : alloc.convention === 'cabi_realloc' ? direct(alloc.alloc, [0, 0, align, n]) : direct(alloc.alloc, [n, align]),
    free: (p, size) => !exported.has('free') || !alloc?.free ? `free(${p})` : direct(alloc.free, [p, size, align]),
  };
}

/** The steps for one recognised export; names get a suffix (`2`, `3`…) so they stay unique. */
function stepsFor(exportName: string, shape: Shape, n: string, alloc: AllocatorInfo | null, programName: string, exported: ReadonlySet<string>): string[] {
  // As the sequence writes it: quoted when not an identifier ("my-func").
  const name = sequenceName(exportName);
  const len = new TextEncoder().encode(ARG).length;
  const host = hostCalls(alloc, exported);
  const input = [`arg${n} = ${host.alloc(len)}`, `write utf8 "${ARG}" @ arg${n}`];
  const pair = (at: string) => [`s${n} = read {ptr: u32, len: u32} @ ${at}`, `text${n} = read utf8 @ s${n}.ptr [s${n}.len]`];
  const freeHost = (v: string, size: number) => (alloc?.free ? [host.free(v, size)] : []);
  const freeGuest = (ptr: string, len?: string): string[] => {
    const f = alloc?.free;
    // Every convention with a free but AssemblyScript's (a GC) and the canonical ABI's (cabi_post_*).
    if (!f || !['malloc', 'alloc', 'allocate', 'wbindgen', 'declared'].includes(alloc!.convention)) return [];
    if (f.type.params.length === 1) return [exported.has('free') ? `${sequenceName(f.name)}(${ptr})` : `free(${ptr})`];
    // dealloc(ptr, size): the guest's block, whose size only the guest knows; its text's
    // length is the size a Box<str> was allocated with (a String's capacity may be more).
    // __wbindgen_free(ptr, size, align) also takes the alignment: text's is 1, as wasm-bindgen's glue passes.
    if (len === undefined || f.type.params.length < 2 || f.type.params.length > 3) return [];
    const args = f.type.params.length === 3 ? `${ptr}, ${len}, 1` : `${ptr}, ${len}`;
    return [`# the answer is the guest's block: freed with its length (the size, when it was a boxed str)`, `${sequenceName(f.name)}(${args})`];
  };
  switch (shape) {
    case 'command': return [`${name}()`];
    // wasm_exec.js's layout, at 4096 below Go's data: the program name, then (8-aligned) argv
    // and the environment as 8-byte slots (Go reads 64-bit pointers), each list ended by a 0.
    case 'go-run': {
      const argv = 4096 + Math.ceil((new TextEncoder().encode(programName).length + 1) / 8) * 8;
      return [
        `write utf8 ${sequenceString(`${programName}\0`)} @ 4096`,
        `write u64 4096 @ ${argv}`, `write u64 0 @ ${argv + 8}`, `write u64 0 @ ${argv + 16}`, `${name}(1, ${argv})`,
      ];
    }
    case 'retptr': return [`ret${n} = ${host.alloc(8)}`, `${name}(ret${n})`, ...pair(`ret${n}`), ...freeGuest(`s${n}.ptr`, `s${n}.len`), ...freeHost(`ret${n}`, 8)];
    case 'packed': return [
      ...input, `packed${n} = ${name}(arg${n}, ${len})`, `ptr${n} = packed${n} >> 32`, `len${n} = packed${n} & 0xffffffff`,
      `text${n} = read utf8 @ ptr${n} [len${n}]`, ...freeGuest(`ptr${n}`, `len${n}`), ...freeHost(`arg${n}`, len),
    ];
    case 'ptrlen-retptr': return [
      ...input, `ret${n} = ${host.alloc(8)}`, `${name}(arg${n}, ${len}, ret${n})`, ...pair(`ret${n}`), ...freeGuest(`s${n}.ptr`, `s${n}.len`),
      ...freeHost(`ret${n}`, 8), ...freeHost(`arg${n}`, len),
    ];
    case 'ptrlen-in': return [...input, `${name}(arg${n}, ${len})`, `after${n} = read utf8 @ arg${n} [${len}]`, ...freeHost(`arg${n}`, len)];
    case 'canonical': return [...input, `retptr${n} = ${name}(arg${n}, ${len})`, ...pair(`retptr${n}`), `${sequenceName(`cabi_post_${exportName}`)}(retptr${n})`];
    case 'as-string': return [
      `arg${n} = __new(${len * 2}, 2)`, `write utf16 "${ARG}" @ arg${n}`, `__pin(arg${n})`, `out${n} = ${name}(arg${n})`,
      `size${n} = read u32 @ out${n} - 4`, `text${n} = read utf16 @ out${n} [size${n}]`, `__unpin(arg${n})`,
    ];
    case 'cstring-in': return [
      `arg${n} = ${host.alloc(len + 1)}`, `write utf8 "${ARG}\\0" @ arg${n}`, `${name}(arg${n})`, `after${n} = read utf8 @ arg${n}`,
      ...freeHost(`arg${n}`, len + 1),
    ];
    case 'cstring': return [
      `arg${n} = ${host.alloc(len + 1)}`, `write utf8 "${ARG}\\0" @ arg${n}`, `out${n} = ${name}(arg${n})`,
      `text${n} = read utf8 @ out${n}`, ...freeGuest(`out${n}`), ...freeHost(`arg${n}`, len + 1),
    ];
  }
}

/** `text` as comment lines of at most `width` characters, broken at spaces outside `code`. */
function commentLines(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.match(/\S*`[^`]*`\S*|\S+/g) ?? []) {
    if (line.length + 1 + word.length > width && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

function allocatorLines(info: ModuleInfo, guessed: boolean): string[] {
  const a = info.allocator;
  if (!a) {
    const advice = allocatorHint(info);
    if (info.toolchain.name === 'go') return ['# Allocator: none.', ...commentLines(advice!)];
    return [
      '# Allocator: none detected, so alloc()/free() are not available.',
      ...misfitLines(info),
      ...(advice ? commentLines(advice) : []),
      ...commentLines(`${advice ? 'Until then, to' : 'To'} pass data in, write it at an offset you know is unused (e.g. past the data `
        + 'segments) with `write … @ OFFSET`, or, if the module has an allocator by another name, name it: `allocator ALLOC FREE`.'),
    ];
  }
  if (guessed) {
    const alloc = `${sequenceName(a.alloc.name)} ${formatSignature(a.alloc.type)}`;
    return a.free ? [
      `# Allocator: no convention Memscope knows, but ${alloc} and ${sequenceName(a.free.name)} ${formatSignature(a.free.type)}`,
      '# look like one by their names and signatures, so the `allocator` line below names them: check',
      '# that against the module\'s source. alloc(n) and free(p) call them and mark each block as a region.',
    ] : [
      `# Allocator: no convention Memscope knows, but ${alloc} looks like one by its name and`,
      '# signature, so the `allocator` line below names it: check that against the module\'s source.',
      '# alloc(n) calls it and marks the block as a region; no export looks like its free.',
    ];
  }
  // What free(p) calls. With none, free(p) is refused, and the lines said "alloc(n) and free(p)
  // call them for you" above a cabi_realloc that has no free (the canonical ABI frees in cabi_post_*).
  const free = freeFunction(a);
  return [
    `# Allocator: ${sequenceName(a.alloc.name)} ${formatSignature(a.alloc.type)}${free ? `, ${sequenceName(free.name)} ${formatSignature(free.type)}` : ''} (the ${a.convention} convention).`,
    ...(free ? ['# alloc(n) and free(p) call them for you and mark the block as a region in the memory view.'] : [
      '# alloc(n) calls it for you and marks the block as a region in the memory view; the allocator has',
      '# no free, so free(p) is refused and the blocks alloc(n) makes stay allocated.',
    ]),
  ];
}

/** An export named alloc or free that a step's alloc()/free() would call instead of the allocator. */
function shadowLines(a: AllocatorInfo | null, exported: ReadonlySet<string>): string[] {
  const shadowed = a ? ['alloc', 'free'].filter((b) => exported.has(b) && b !== (b === 'alloc' ? a.alloc.name : a.free?.name)) : [];
  if (shadowed.length === 0) return [];
  const calls = shadowed.map((b) => `${b}(…)`).join(' and ');
  return commentLines(`The module exports its own ${shadowed.join(' and ')}, which a step's ${calls} ${shadowed.length === 1 ? 'calls' : 'call'}: the steps below call the allocator's functions by name.`);
}

/** Why an export named `malloc` (or another convention's allocator) is not used: its type is not one the host can call. */
function misfitLines(info: ModuleInfo): string[] {
  const why = misfitAllocator(info.exports);
  return why ? commentLines(`${why}, so alloc(n) does not call it.`) : [];
}

const STATICS_SHOWN = 6;

/** The static variables DWARF names, the program's own first, and how a step reads or watches one by name. */
function staticsLines(statics: readonly StaticVariable[]): string[] {
  if (statics.length === 0) return [];
  const own = ownStaticsFirst(statics);
  const names = own.slice(0, STATICS_SHOWN).map((v) => commentText(v.name)).join(', ');
  const more = own.length > STATICS_SHOWN ? `, … (${own.length} in all; memscope inspect --json lists them)` : '';
  // A number static, read as its type says; else any, as 4 bytes. Then a member or an element,
  // when one of the program's own statics is a struct or an array DWARF lays out.
  const scalar = own.map((v) => ({ v, type: numType(v.scalar, v.size) })).find((x) => x.type !== null);
  const example = sequenceStaticName((scalar?.v ?? own[0]!).name);
  const read = `\`v = read ${scalar?.type ?? 'u32'} @ &${example}\`, \`watch w @ &${example}\``;
  let part = '';
  for (const v of own) {
    const first = v.layout ? firstNumber(v.layout) : null;
    if (!first) continue;
    part = `; a member or an element by its path: \`x = read ${first.type} @ &${sequenceStaticName(v.name)}${first.path}\``;
    break;
  }
  return ['#', ...commentLines(`Static variables (from the module's DWARF): ${names}${more}. A step reads or watches one by name: ${read}${part}.`)];
}

/** The sequence's number type for a value DWARF says reads as `scalar` in `size` bytes (a pointer as u32), or null. */
function numType(scalar: StaticScalar | undefined, size: number | null): NumType | null {
  return sequenceNumType(scalar, size) as NumType | null;
}

/** The first named member or element of a layout that reads as a number (bit fields cannot): its path (`.at.x`, `[0]`) and type. */
function firstNumber(layout: StaticLayout): { path: string; type: NumType } | null {
  const parts = layout.kind === 'array'
    ? [{ path: '[0]', scalar: layout.scalar, size: layout.stride, layout: layout.layout }]
    : layout.fields.filter((f) => f.name !== '' && !f.type.includes(' : ')).map((f) => ({ path: `.${f.name}`, scalar: f.scalar, size: f.size, layout: f.layout }));
  for (const p of parts) {
    const type = numType(p.scalar, p.size);
    const inner = type ? { path: '', type } : p.layout ? firstNumber(p.layout) : null;
    if (inner) return { path: `${p.path}${inner.path}`, type: inner.type };
  }
  return null;
}

/** The starter sequence for `moduleName`, whose inspect result is `detected`. */
export function starterSequence(detected: ModuleInfo, moduleName: string): string {
  // No convention Memscope knows, but exports named like an allocator: the starter names them
  // with an `allocator` line and writes its steps as if they were one.
  const guessed = detected.allocator ? null : detected.allocatorGuess ?? null;
  const info = guessed ? { ...detected, allocator: guessed } : detected;
  const funcs = info.exports.filter((e): e is FuncExport => e.kind === 'func');
  const exported = new Set(funcs.map((e) => e.name));
  // Names in comments as the call lines write them: a newline in an export's name ("x\ny")
  // would otherwise end the comment and leave the rest of the name as a line that does not parse.
  const width = Math.max(0, ...funcs.map((e) => sequenceName(e.name).length));
  const shapes = new Map(funcs.map((e) => [e.name, shapeOf(e, info)]));
  // Without a memory no argument can be a pointer, so a call with placeholder numbers is safe to
  // run as it is: the starter's steps are the calls themselves, not lines to uncomment.
  const memoryless = info.memories.length === 0;
  const out: string[] = [
    `# Starter sequence for ${commentText(moduleName)}, written by Memscope from what it detected. Edit freely:`,
    '# one step per line, `#` starts a comment, F10 steps, F5 runs.',
    '#',
    `# Module: a ${info.kind}${info.toolchain.name !== 'unknown' ? ` built with ${info.toolchain.name}` : ''}; ${info.memories.length > 0 ? `memory of ${info.memories[0]!.min} page(s) of 64 KiB` : 'no memory'}.`,
    // A memory it neither exports nor imports: the host has no handle on it (guest/instance.ts),
    // so the advice on allocating and writing would only lead to failing steps.
    ...(hidesMemory(info) ? commentLines(`No step below reads or writes memory: ${HIDDEN_MEMORY_TEXT}.`) : memoryless ? [
      '# No linear memory: every argument and result is a plain number, no pointer, and there is',
      '# nothing to read, write or watch; the calls below run as written.',
    ] : [
      ...allocatorLines(info, guessed !== null),
      ...shadowLines(info.allocator, exported),
      '# Every pointer below is an offset into the module\'s linear memory (0 … memory size - 1),',
      '# not a host address: the memory view\'s addresses are the same numbers.',
    ]),
    '#',
    // The list is of functions only; with none it once read "# Exports:" and then nothing.
    funcs.length > 0 ? '# Exports:' : `# Exports: ${info.exports.length === 0 ? 'none' : 'no function'}.`,
    ...funcs.map((e) => {
      const shape = shapes.get(e.name);
      const role = shape ? SHAPE_NOTE[shape] : (isGoJs(info) && GO_RUNTIME_ROLE[e.name])
        || (isPlumbing(e.name, info) || isAllocator(e.name, info.allocator) ? 'runtime / allocator'
        : uncallable(e.type) ? `cannot be called from a sequence: it ${uncallable(e.type)}`
        : e.type.params.length === 0 ? (memoryless ? 'no arguments: called below' : 'no arguments: uncomment its line below') : 'fill in the arguments below');
      return `#   ${sequenceName(e.name).padEnd(width)}  ${formatExternType(e).padEnd(22)}  ${role}`;
    }),
    ...staticsLines(info.statics ?? []),
    '',
    `module ${sequenceString(moduleName)}`,
    ...(guessed ? [`allocator ${sequenceName(guessed.alloc.name)}${guessed.free ? ` ${sequenceName(guessed.free.name)}` : ''}`] : []),
  ];
  // Each explanation is a comment of its own, so a line uncommented is a directive that parses
  // (it once read `arg "--verbose"   command-line arguments…`, a parse error at "command").
  if (info.kind === 'command') out.push('# arg "--verbose"              # command-line arguments after the program name', '# dir "." as "/data"           # a host directory the guest may open');
  // A module that can read stdin gets none unless the sequence gives it: a C or Rust program
  // reading a line met end of input at once ("no input", exit 3) with nothing in the starter
  // saying where its stdin comes from (not the terminal `memscope run` was started from).
  if (readsStdin(info)) out.push(STDIN_LINE);
  // Only `_start` is known; every other shape is read off a name and a signature, which cannot
  // tell a string's (ptr, len) from a handle and a count: the reader is told so once.
  if (info.commandExports) out.push('', ...commandExportsNote(info.commandExports.exports, info.toolchain.name));
  if ([...shapes.values()].some((s) => s !== null && s !== 'command' && s !== 'go-run')) {
    out.push('', '# The steps below are guesses from each export\'s name and signature: check what they pass',
      '# against the module\'s source before trusting a result.');
  }
  // Steps that allocate, on a heap Memscope can walk: the starter checks its own bookkeeping.
  const checksLeaks = [...shapes.values()].some((s) => s !== null && s !== 'command' && s !== 'go-run') && heapFacts(info).walker !== null;
  // A command's _start first, whatever the export order: what main leaves allocated for good
  // (wasi-libc's argv) is before the mark, so `expect no leaks` counts only the steps' own blocks.
  const isCommand = (e: FuncExport) => shapes.get(e.name) === 'command';
  let n = 0;
  let marked = false;
  for (const e of [...funcs.filter(isCommand), ...funcs.filter((f) => !isCommand(f))]) {
    const shape = shapes.get(e.name);
    if (!shape) continue;
    const suffix = n === 0 ? '' : String(n + 1);
    n++;
    out.push('', `# ${sequenceName(e.name)}: ${SHAPE_NOTE[shape]}.`, ...stepsFor(e.name, shape, suffix, info.allocator, moduleName.replace(/\.wasm$/, ''), exported));
    // Which functions main sets only running it tells: the reader is told how to call them.
    if (shape === 'go-run' && setsGoFunctions(info)) out.push(...GO_FUNCTIONS_NOTE);
    if (shape === 'command' && checksLeaks && !marked) {
      out.push('# What main left allocated (a C program\'s argv, which it never frees) is not the steps\' below:', '# the leak check at the end counts from here.', 'mark "after main"');
      marked = true;
    }
  }
  if (checksLeaks) {
    out.push('', `# Every block the steps ${marked ? 'since the mark' : 'above'} allocated, the host's and the guest's, was given back:`, 'expect no leaks');
  }
  const rest = funcs.filter((e) => !shapes.get(e.name) && !isPlumbing(e.name, info) && !isAllocator(e.name, info.allocator) && e.name !== '_start' && !uncallable(e.type));
  // "Placeholders" only when a line has some: `# scatter()` has no argument to put in.
  const fill = rest.some((e) => e.type.params.length > 0) ? 'put real arguments in (placeholders are 0)' : null;
  if (rest.length > 0 && memoryless) {
    out.push('', fill ? `# ${fill[0]!.toUpperCase()}${fill.slice(1)}.` : '# Called as they are: none takes an argument.');
    for (const e of rest) out.push(callLine(e));
  } else if (rest.length > 0) {
    out.push('', `# Not recognised: uncomment${fill ? ` and ${fill}` : ' to call'}.`);
    for (const e of rest) out.push(`# ${callLine(e)}`);
  }
  if (registersEmbindFunctions(info)) out.push('', ...EMBIND_NOTE);
  else if (funcs.length === 0) out.push('', '# The module exports no function, so there is nothing to call.');
  else if (n === 0 && !(memoryless && rest.length > 0)) out.push('', '# No export matched a known string ABI, so there is no step yet: start from a line above.');
  return `${out.join('\n')}\n`;
}

/** A command's exports wasm-ld wrapped (ModuleInfo.commandExports): what each call runs besides the function. */
function commandExportsNote(exports: string[], toolchain: Toolchain): string[] {
  const names = exports.map(sequenceName);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return commentLines(`A command: wasm-ld wrapped ${list} to run the program's constructors before and its destructors after every `
    + 'call, as _start does around main: with atexit handlers or C++ statics (iostreams) it may trap in them on a second run. '
    + `Built with ${libraryBuild(toolchain)}, the module is a library whose exports run only themselves.`);
}

/** After a Go run(): how to call what a library's main sets with js.FuncOf (no export names them). */
const GO_FUNCTIONS_NOTE = [
  '# A library\'s main sets functions with js.FuncOf and waits; run() then returns with them set',
  '# (its call log lists each: valueSet(globalThis, "greet", Go func 1)). Call them by name with',
  '# numbers and text, as JavaScript does: g = greet("ann")',
];

/** Runtime exports a starter never calls: PLUMBING, and Go's resume and getsp (wasm_exec.js's, for its event loop). */
function isPlumbing(name: string, info: ModuleInfo): boolean {
  return PLUMBING.test(name) || ((name === 'resume' || name === 'getsp') && isGoJs(info));
}

const STDIN_LINE = '# stdin "line one\\n"           # what the guest reads from stdin (without this line: nothing)';

/** Imports WASI's fd_read (any snapshot), or is Go js/wasm, whose stdin reads Memscope hosts too. */
function readsStdin(info: ModuleInfo): boolean {
  return isGoJs(info) || info.imports.some((i) => i.kind === 'func' && i.name === 'fd_read' && /^wasi_(snapshot_preview1|unstable)$/.test(i.module));
}

/** A Go js/wasm module: it imports wasm_exec.js's runtime from module "go". */
function isGoJs(info: ModuleInfo): boolean {
  return info.imports.some((i) => isGoModule(i.module));
}

function isAllocator(name: string, a: AllocatorInfo | null): boolean {
  return !!a && [a.alloc.name, a.free?.name, a.pin?.name, a.unpin?.name].includes(name);
}

function callLine(e: FuncExport): string {
  const sig = e.type;
  const call = `${sequenceName(e.name)}(${sig.params.map(() => '0').join(', ')})`;
  if (sig.results.length === 0) return call;
  if (sig.results.length === 1) return `r = ${call}`;
  return `(${sig.results.map((_, i) => `r${i}`).join(', ')}) = ${call}`;
}
