// Sequence text generated from the module: a call line for an export, and the two classic
// string-returning conventions as ready-to-step templates using the detected allocator.

import type { AllocatorInfo, ExportInfo } from '../../src-main/shared/dto.ts';
import { sequenceName } from '../../src-main/shared/value-format.ts';
import { lineEnd, sequenceLines } from '../../src-main/shared/sequence-text.ts';
import { formatSignature } from '../../src-main/shared/type-format.ts';
import { uncallable } from '../../src-main/shared/callable-types.ts';

/** A function export, whose type is its signature. */
export type FuncExport = Extract<ExportInfo, { kind: 'func' }>;

export function isFuncExport(e: ExportInfo): e is FuncExport {
  return e.kind === 'func';
}

/** `base`, or `base2`, `base3`… — the first name not yet bound (`name =`) in `text`. */
export function uniqueName(base: string, text: string): string {
  const bound = new Set<string>();
  for (const m of text.matchAll(/^\s*\(?\s*([A-Za-z_][\w, ]*?)\s*\)?\s*=/gm)) {
    for (const n of m[1].split(',')) bound.add(n.trim());
  }
  if (!bound.has(base)) return base;
  for (let i = 2; ; i++) if (!bound.has(`${base}${i}`)) return `${base}${i}`;
}

/** One call line for an export (or a registered function), with `0` placeholders and its results bound to fresh names. */
export function callLine(exp: Pick<FuncExport, 'name' | 'type'>, text = ''): string {
  const sig = exp.type;
  const call = `${sequenceName(exp.name)}(${sig.params.map(() => '0').join(', ')})`;
  if (sig.results.length === 0) return call;
  if (sig.results.length === 1) return `${uniqueName('r', text)} = ${call}`;
  const names: string[] = [];
  for (let i = 0; i < sig.results.length; i++) names.push(uniqueName(`r${i}`, text));
  return `(${names.join(', ')}) = ${call}`;
}

/** `r = greet()`: a call of a function Go set with js.FuncOf (its arguments are JavaScript values, unknown here). */
export function goCallLine(name: string, text = ''): string {
  return `${uniqueName('r', text)} = ${sequenceName(name)}()`;
}

function allocatorComment(allocator: AllocatorInfo | null): string {
  if (!allocator) return '# No allocator export was detected: alloc()/free() will fail unless you name one (`allocator ALLOC FREE`).';
  const free = allocator.free ? allocator.free.name : 'none (the guest never frees)';
  return `# alloc()/free() use the module's allocator: ${allocator.alloc.name} / ${free} (${allocator.convention}).`;
}

/**
 * Frees a block the guest allocated and handed back (`ptr`, `len` bytes long). `free(p)` finds
 * the size only of blocks alloc() made, so an allocator whose free takes the size (Rust's
 * dealloc(ptr, size)) is called by name with the length: `free(ptr)` failed on such a module.
 */
function freeGuestBlock(ptr: string, len: string, allocator: AllocatorInfo | null): string {
  const free = allocator?.free;
  return free && free.type.params.length >= 2 ? `${sequenceName(free.name)}(${ptr}, ${len})` : `free(${ptr})`;
}

/**
 * "String through a result pointer": the host allocates an 8-byte slot, the guest writes
 * {ptr u32 @0, len u32 @4} into it, the host reads the pair, then the text, then frees both.
 * The call passes the slot first and 0 for any other parameter, and quotes a name that is no
 * identifier, so the line parses for any export it is inserted for (`"get-name"(ret, 0)`).
 */
export function resultPointerTemplate(exp: Pick<FuncExport, 'name' | 'type'>, allocator: AllocatorInfo | null): string {
  const args = exp.type.params.map((_, i) => (i === 0 ? 'ret' : '0')).join(', ');
  return [
    ...misfit(exp, fitsResultPointer(exp), '(i32, …) -> ()'),
    `# ${exp.name}(retptr) writes {ptr: u32, len: u32} of a string it allocated into retptr.`,
    allocatorComment(allocator),
    'ret = alloc(8)',
    `${sequenceName(exp.name)}(${args})`,
    's = read {ptr: u32, len: u32} @ ret',
    'text = read utf8 @ s.ptr [s.len]',
    freeGuestBlock('s.ptr', 's.len', allocator),
    'free(ret)',
    '',
  ].join('\n');
}

/**
 * The line a template starts with for an export not of its shape. The Template row offers every
 * export when none fits (SequencePanel), and the template then said in its first comment that,
 * say, `_initialize(ptr, len) -> i64` returns a packed string: a signature the export does not
 * have, above a call that does not validate. Now it says the export's own signature.
 */
function misfit(exp: Pick<FuncExport, 'name' | 'type'>, fits: boolean, shape: string): string[] {
  if (fits) return [];
  return [`# ${exp.name} is ${formatSignature(exp.type)}, not of this template's shape ${shape}: change the call to fit it.`];
}

/** Exports of the result-pointer shape: a pointer first, nothing returned. */
export function fitsResultPointer(exp: Pick<FuncExport, 'type'>): boolean {
  return exp.type.params[0] === 'i32' && exp.type.results.length === 0;
}

/**
 * "(ptr, len) packed in an i64": the host writes an argument string, the guest returns
 * ptr << 32 | len of a string it allocated; the host unpacks, reads and frees both.
 */
export function packedI64Template(exp: Pick<FuncExport, 'name' | 'type'>, allocator: AllocatorInfo | null, argument = 'hello'): string {
  const len = new TextEncoder().encode(argument).length;
  return [
    ...misfit(exp, fitsPackedI64(exp), '(i32, i32) -> i64'),
    `# ${exp.name}(ptr, len) -> i64 returns (ptr << 32) | len of a string it allocated.`,
    allocatorComment(allocator),
    `arg = alloc(${len})`,
    `write utf8 ${JSON.stringify(argument)} @ arg`,
    `packed = ${sequenceName(exp.name)}(arg, ${len})`,
    'ptr = packed >> 32',
    'len = packed & 0xffffffff',
    'text = read utf8 @ ptr [len]',
    freeGuestBlock('ptr', 'len', allocator),
    'free(arg)',
    '',
  ].join('\n');
}

/** Exports of the packed shape, exactly (i32, i32) -> i64: the template calls them so. */
export function fitsPackedI64(exp: Pick<FuncExport, 'type'>): boolean {
  const { params, results } = exp.type;
  return params.length === 2 && params[0] === 'i32' && params[1] === 'i32' && results.length === 1 && results[0] === 'i64';
}

/** Text with `line` inserted after line `afterLine` (1-based; 0 = at the top, past the end = append). */
export function insertLine(text: string, line: string, afterLine: number): string {
  // Lines as the parser counts them (a lone CR breaks one too), joined with the file's own line end.
  const lines = sequenceLines(text);
  const eol = lineEnd(text);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const at = Math.max(0, Math.min(afterLine, lines.length));
  lines.splice(at, 0, line);
  return lines.join(eol) + eol;
}

/**
 * The empty editor's hint: call lines for this module's own exports, never another module's, and
 * only those a sequence can call: it offered `r = v128f(0)`, which the sequence then refused.
 */
export function editorHint(exports: readonly ExportInfo[]): string {
  const all = exports.filter(isFuncExport).filter((e) => e.name !== '_initialize');
  const funcs = all.filter((e) => !uncallable(e.type));
  if (all.length === 0) return '# one step per line; this module exports no function to call';
  if (funcs.length === 0) return '# one step per line; no function this module exports can be called from a sequence (each takes a v128 or a reference, or returns a v128)';
  let text = '';
  for (const f of funcs.slice(0, 6)) text += `${callLine(f, text)}\n`;
  return `# one step per line, e.g.\n${text}`;
}
