// Parses `.wseq` text into directives and steps, one line at a time; a bad line is reported and
// skipped, so every syntax error in the file comes back at once.

import { BOOKMARK_COLOURS, type BookmarkColour, type MemscopeError } from '../../shared/dto.ts';
import { DIRECTIVES } from '../../shared/directive-names.ts';
import type { Directive, DirectiveBody, ReadType, Sequence, Step, StepBody, Target, WriteType } from './ast.ts';
import { closeNames } from '../../shared/close-names.ts';
import { sequenceLines } from '../../shared/sequence-text.ts';
import { listedErrors, locatedError, quoted } from './errors.ts';
import { LexError, lexLine } from './lexer.ts';
import type { Token } from './lexer.ts';
import { Cursor, ParseFault, formatFieldType, isNumType, ownName, parseExpr, parseFieldType } from './parse-expr.ts';

export { formatSourceError } from './errors.ts';

/** The longest per-step time limit, `timeout` or `memscope run --timeout`: a day. */
export const MAX_TIMEOUT_MS = 86_400_000;
/** What a time limit must be, in the words of both (the directive's error and --timeout's). */
export const TIMEOUT_RANGE = `a time limit in milliseconds (1 to ${MAX_TIMEOUT_MS})`;

const STATEMENTS = ['expect', 'snapshot', 'mark', 'read', 'write', 'watch'];
const COMPARE_OPS = ['==', '!=', '<', '<=', '>', '>='] as const;

export function parseSequence(text: string, file?: string): { sequence: Sequence; errors: MemscopeError[] } {
  const sequence: Sequence = { file, directives: [], steps: [] };
  const errors: MemscopeError[] = [];
  // A module given where a sequence goes (`memscope run hello.wasm`): one error that says so, not
  // a lexer error that echoes a line of binary to the terminal.
  if (text.startsWith('\0asm')) {
    const message = 'this is a WebAssembly module (it starts with "\\0asm"), not a call sequence: give it as the module (--module, or a `module "…"` line), and write the sequence for it (`memscope new MODULE.wasm` prints a starter)';
    const where = file === undefined ? { line: 1, column: 1, length: 4 } : { file, line: 1, column: 1, length: 4 };
    return { sequence, errors: [{ code: 'parse-error', message, where }] };
  }
  // Lines break where the page's editor breaks them (a lone CR too): one rule, sequenceLines.
  sequenceLines(text).forEach((source, i) => {
    const line = i + 1;
    try {
      const tokens = lexLine(source);
      if (tokens.length === 1) return;
      const c = new Cursor(tokens, line);
      const first = tokens[0];
      const last = tokens[tokens.length - 2];
      const span = { line, column: first.column, length: last.column + last.length - first.column };
      if (isKeywordLine(c, DIRECTIVES)) {
        sequence.directives.push({ ...parseDirective(c), line, source, span } as Directive);
      } else {
        const body = parseStep(c);
        const stepText = source.slice(span.column - 1, span.column - 1 + span.length);
        sequence.steps.push({ ...body, index: sequence.steps.length, line, text: stepText, source, span } as Step);
      }
    } catch (e) {
      if (!(e instanceof ParseFault || e instanceof LexError)) throw e;
      errors.push(locatedError('parse-error', e.message, { file, source }, { line, column: e.column, length: e.length }));
    }
  });
  // Listed, not all (run, its --json, the page and the debug adapter show them as given).
  return { sequence, errors: listedErrors(errors, { syntax: true }) };
}

/**
 * A keyword starts the line and is not being used as a name (`env = f()`, `read(x)`). A '('
 * after it makes the line a call only when the call is the whole line: `expect (a + 1) * 2 == 4`
 * and `expect(a) == 1` are expectations (they were taken for calls of an export `expect`).
 */
function isKeywordLine(c: Cursor, words: readonly string[]): boolean {
  return c.isIdent() && words.includes(c.peek().text) && !c.isPunct('=', 1) && !(c.isPunct('(', 1) && isWholeCall(c));
}

/** The '(' after the first token closes at the end of the line (or never closes): `f(…)` alone. */
function isWholeCall(c: Cursor): boolean {
  let depth = 0;
  for (let k = 1; ; k++) {
    const t = c.peek(k);
    if (t.kind === 'eol') return true;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return c.peek(k + 1).kind === 'eol';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * An `arg` or `env` string as the guest gets it: its bytes as UTF-8, so `\xNN` is a raw byte
 * there as in `write utf8` and `stdin` ("caf\xc3\xa9" is café; it was U+00C3 U+00A9, "cafÃ©").
 * Bytes that are not UTF-8 are refused: WASI hands these to the guest as text.
 */
function utf8Text(t: Token & { bytes: Uint8Array }): string {
  try {
    return strictUtf8.decode(t.bytes);
  } catch {
    throw new ParseFault('an arg or env string is UTF-8 text, and its \\xNN bytes do not make UTF-8 here (write é as "\\xc3\\xa9", or as itself)', t.column, t.length);
  }
}

function parseDirective(c: Cursor): DirectiveBody {
  const kw = c.next().text;
  let d: DirectiveBody;
  switch (kw) {
    case 'module': d = { kind: 'module', path: c.expectString('a module path string').str }; break;
    case 'import': d = parseImport(c); break;
    case 'allocator': d = parseAllocator(c); break;
    case 'arg': {
      const values = [utf8Text(c.expectString('an argument string'))];
      while (c.peek().kind === 'string') values.push(utf8Text(c.expectString('an argument string')));
      d = { kind: 'arg', values };
      break;
    }
    case 'env': {
      const t = c.expectString('a "KEY=value" string');
      const value = utf8Text(t);
      if (!/^[^=]+=/.test(value)) throw new ParseFault('expected "KEY=value" (a name, \'=\', then the value)', t.column, t.length);
      d = { kind: 'env', value };
      break;
    }
    case 'dir': {
      const host = c.expectString('a host directory string').str;
      if (!c.isIdent('as')) c.fail("'as' then the guest path");
      c.next();
      const guest = c.expectString('a guest path string after \'as\'').str;
      let writable = false;
      if (c.isIdent('rw') || c.isIdent('ro')) writable = c.next().text === 'rw';
      else if (c.peek().kind !== 'eol') c.fail("'rw', 'ro' or end of line");
      d = { kind: 'dir', host, guest, writable };
      break;
    }
    case 'stdin': d = { kind: 'stdin', bytes: c.expectString('a string of stdin bytes').bytes }; break;
    case 'timeout': {
      const t = c.peek();
      if (t.kind !== 'int' || t.int! <= 0n || t.int! > BigInt(MAX_TIMEOUT_MS)) c.fail(TIMEOUT_RANGE);
      c.next();
      d = { kind: 'timeout', ms: Number(t.int) };
      break;
    }
    case 'capture': {
      if (!c.isIdent('limit')) c.fail("'limit': capture limit SECONDS");
      c.next();
      d = { kind: 'capture-limit', seconds: wholeNumber(c, 'a capture time limit in seconds (1 to 86400)', 86_400, 1) };
      break;
    }
    case 'memory': {
      if (!c.isIdent('cap')) c.fail("'cap': memory cap SIZE (like 4 GiB)");
      c.next();
      d = { kind: 'memory-cap', bytes: memoryCapSize(c) };
      break;
    }
    case 'tty': d = { kind: 'tty' }; break;
    case 'bookmark': d = parseBookmark(c); break;
    case 'trace':
      if (!c.isIdent('writes')) c.fail("'writes': trace writes");
      c.next();
      d = { kind: 'trace-writes' };
      break;
    default: d = { kind: 'deterministic' };
  }
  c.expectEnd(`the ${kw} directive`);
  return d;
}

/** `bookmark "name" @ ADDR [SIZE] [colour]`: SIZE defaults to 1 byte, the colour to blue. */
function parseBookmark(c: Cursor): DirectiveBody {
  const nameToken = c.expectString('the bookmark\'s name as a string');
  const name = nameToken.str;
  // At the empty string itself (it was at the '@' after it: "found '@'").
  if (name === '') throw new ParseFault('expected a non-empty name, found ""', nameToken.column, nameToken.length);
  c.expectPunct('@', "'@' then the address");
  // The limits are in the words: 'expected an address, found 99999999999' named none, and a
  // range past the 4 GiB a 32-bit memory has was taken.
  const start = wholeNumber(c, 'an address (hex or decimal) below 4 GiB', 2 ** 32 - 1);
  let size = 1;
  if (c.isPunct('[')) {
    c.next();
    size = wholeNumber(c, `a size in bytes, at least 1, that ends the range within 4 GiB (at most ${2 ** 32 - start})`, 2 ** 32 - start, 1);
    c.expectPunct(']');
  }
  let colour: BookmarkColour = 'blue';
  if (c.isIdent()) {
    const t = c.next();
    if (!(BOOKMARK_COLOURS as readonly string[]).includes(t.text)) throw new ParseFault(`unknown colour ${quoted(t.text)}; colours are ${BOOKMARK_COLOURS.join(', ')}`, t.column, t.length);
    colour = t.text as BookmarkColour;
  }
  return { kind: 'bookmark', name, start, size, colour };
}

/** What `memory cap` takes, in the words of its error. */
const MEMORY_CAP_RANGE = 'a memory cap from 64 KiB to 4 GiB in whole 64 KiB pages (like 4 GiB, 512 MiB, or 131072 bytes)';
// A Map, not an object: a unit named `constructor` or `toString` is unknown, not Object's own.
const SIZE_UNITS = new Map<string, bigint>([['bytes', 1n], ['KiB', 1024n], ['MiB', 1n << 20n], ['GiB', 1n << 30n]]);
const WASM_PAGE_BIG = 65536n;
/** wasm32's whole address space: 65536 pages, the largest maximum a 32-bit memory may declare. */
const MAX_MEMORY_CAP = 1n << 32n;

/**
 * `memory cap SIZE [UNIT]` in bytes. The cap becomes a memory's declared maximum in pages
 * (module/memory-cap.ts), so it is whole pages, at least one, and at most wasm32's 4 GiB: a cap
 * that is not what the guest gets (rounded, or past what wasm32 can address) is refused here,
 * at the line, rather than changed silently.
 */
function memoryCapSize(c: Cursor): number {
  const n = c.peek();
  if (n.kind !== 'int') c.fail(MEMORY_CAP_RANGE);
  c.next();
  let last = n;
  let unit = 1n;
  if (c.isIdent()) {
    last = c.next();
    const known = SIZE_UNITS.get(last.text);
    if (known === undefined) {
      throw new ParseFault(`unknown size unit ${quoted(last.text)}; units are ${[...SIZE_UNITS.keys()].join(', ')} (1 GiB is 2^30 bytes)`, last.column, last.length);
    }
    unit = known;
  }
  const bytes = n.int! * unit;
  if (bytes < WASM_PAGE_BIG || bytes > MAX_MEMORY_CAP || bytes % WASM_PAGE_BIG !== 0n) {
    throw new ParseFault(`expected ${MEMORY_CAP_RANGE}, found ${n.text}${last === n ? '' : ` ${last.text}`} (${bytes} bytes)`,
      n.column, last.column + last.length - n.column);
  }
  return Number(bytes);
}

function wholeNumber(c: Cursor, what: string, max: number, min = 0): number {
  const t = c.peek();
  if (t.kind !== 'int' || t.int! < BigInt(min) || t.int! > BigInt(max)) c.fail(what);
  c.next();
  return Number(t.int);
}

/** `allocator ALLOC [FREE]`: export names, quoted when they are not identifiers. */
function parseAllocator(c: Cursor): DirectiveBody {
  const name = (): Token | null => (c.peek().kind === 'ident' || c.peek().kind === 'string' ? c.next() : null);
  const alloc = name() ?? c.fail('the name of the export that allocates (alloc(size) -> ptr), then the one that frees');
  const free = name();
  return {
    kind: 'allocator', alloc: alloc.str ?? alloc.text, allocSpan: c.span(alloc),
    free: free ? free.str ?? free.text : null, freeSpan: free ? c.span(free) : null,
  };
}

function parseImport(c: Cursor): DirectiveBody {
  const part = (what: string): string => {
    const t = c.peek();
    if (t.kind === 'ident' || t.kind === 'string') { c.next(); return t.str ?? t.text; }
    return c.fail(what);
  };
  const module = part('an import module name (like env)');
  c.expectPunct('.', "'.' between the import's module and name (env.log)");
  const name = part('an import name after \'.\'');
  c.expectPunct('=', "'=' then a builtin name");
  const b = c.expectIdent('a builtin name (print_utf8, print_utf16, abort, trace)');
  return { kind: 'import', module, name, builtin: b.text, builtinSpan: c.span(b) };
}

function parseStep(c: Cursor): StepBody {
  const t = c.peek();
  if (isKeywordLine(c, STATEMENTS)) {
    c.next();
    if (t.text === 'expect') return parseExpect(c);
    if (t.text === 'watch') return parseWatch(c);
    if (t.text === 'snapshot' || t.text === 'mark') {
      const label = c.expectString(`a ${t.text} label string`).str;
      c.expectEnd(`the ${t.text} label`);
      return { kind: t.text, label };
    }
    return t.text === 'read' ? parseRead(c, null) : parseWrite(c, null);
  }
  if (c.isPunct('(')) return parseTupleCall(c);
  if (isQuotedCallee(c)) return parseCall(c, c.next(), [], false);
  if (c.peek().kind === 'string') {
    const t = c.next();
    c.fail(`'(' after ${t.text}: an export is called by its quoted name as ${t.text}(…)`);
  }
  const name = c.expectIdent('a step: a call, an assignment, read, write, expect, snapshot or mark');
  if (c.isPunct('!') && c.isPunct('(', 1)) return parseForced(c, name, []);
  if (c.isPunct('(')) return parseCall(c, name, [], false);
  if (!c.isPunct('=')) misspeltKeyword(name);
  c.expectPunct('=', `'=' or '(' after ${quoted(name.text)}`);
  ownName(name);
  const target: Target = { name: name.text, span: c.span(name) };
  if ((c.isIdent() || isQuotedCallee(c)) && c.isPunct('(', 1)) return parseCall(c, c.next(), [target], false);
  if (c.isIdent() && c.isPunct('!', 1) && c.isPunct('(', 2)) return parseForced(c, c.next(), [target]);
  // `read`/`write` start a memory access when a type follows; otherwise they are plain names.
  if (c.isIdent('read') && (c.isIdent(undefined, 1) || c.isPunct('{', 1))) { c.next(); return parseRead(c, target); }
  if (c.isIdent('write') && c.isIdent(undefined, 1)) { c.next(); return parseWrite(c, target); }
  const expr = parseExpr(c);
  c.expectEnd('the expression');
  return { kind: 'assign', target, expr };
}

/**
 * A line that starts with a word close to a directive or statement (`modul "m.wasm"`,
 * `determinstic`, `expcet x == 1`) and is no assignment or call: said at the word, with the
 * keyword meant. It read "expected '=' or '(' after 'modul', found a string", at the string.
 */
function misspeltKeyword(name: Token): void {
  const close = closeNames(name.text, [...DIRECTIVES, ...STATEMENTS], 1);
  if (close.length === 0) return;
  const what = DIRECTIVES.includes(close[0]) ? 'directive' : 'statement';
  throw new ParseFault(`unknown ${what} '${name.text}' (did you mean '${close[0]}'?)`, name.column, name.length);
}

/**
 * `free!(p)`, `q = realloc!(p, n)`, `dealloc!(p, 16)`: a call made even when the heap ledger sees
 * a double or invalid free (the cursor is at '!'). Which calls free is the module's allocator's
 * to say (Rust's dealloc, AssemblyScript's __unpin), so validate.ts checks the name.
 */
function parseForced(c: Cursor, name: Token, targets: Target[]): StepBody {
  c.next();
  return { ...parseCall(c, name, targets, false), force: true };
}

function parseTupleCall(c: Cursor): StepBody {
  c.next();
  const targets: Target[] = [];
  do {
    const t = c.expectIdent(targets.length ? 'a name after \',\'' : 'a name to bind');
    if (t.text !== '_' && targets.some((x) => x.name === t.text)) {
      throw new ParseFault(`${quoted(t.text)} is bound twice`, t.column, t.length);
    }
    ownName(t);
    targets.push({ name: t.text, span: c.span(t) });
  } while (c.isPunct(',') && c.next());
  c.expectPunct(')', "',' or ')' in the list of names");
  c.expectPunct('=', "'=' after the list of names");
  const callee = isQuotedCallee(c) ? c.next() : c.expectIdent('a function call after \'=\'');
  if (!c.isPunct('(')) c.fail(`'(' after ${quoted(callee.text)}: multiple names are bound only by a call`);
  return parseCall(c, callee, targets, true);
}

/**
 * An export whose name is not an identifier is called by its name in quotes: `"my-func"(1)`,
 * `r = "pkg:x/y#greet"(p, n)` (component-style and hyphenated names are common). A string is
 * a callee only when '(' follows; elsewhere it stays a value.
 */
function isQuotedCallee(c: Cursor): boolean {
  return c.peek().kind === 'string' && c.isPunct('(', 1);
}

function parseCall(c: Cursor, callee: Token, targets: Target[], tuple: boolean): Extract<StepBody, { kind: 'call' }> {
  c.expectPunct('(');
  const args = [];
  if (!c.isPunct(')')) {
    args.push(parseExpr(c));
    while (c.isPunct(',')) { c.next(); args.push(parseExpr(c)); }
  }
  c.expectPunct(')', args.length ? "',' or ')' after an argument" : "an argument or ')'");
  const name = callee.kind === 'string' ? callee.str! : callee.text;
  c.expectEnd(`the call to ${name}`);
  return { kind: 'call', targets, tuple, callee: name, calleeSpan: c.span(callee), args };
}

/** `watch NAME @ ADDR [LEN] [stop]` (the brackets are literal, as in reads). */
function parseWatch(c: Cursor): StepBody {
  const name = c.expectIdent('a name for the watch: watch NAME @ ADDR [LEN]');
  c.expectPunct('@', "'@' then the address to watch");
  const address = parseExpr(c);
  let length = null;
  if (c.isPunct('[')) {
    c.next();
    length = parseExpr(c);
    c.expectPunct(']', "']' after the length");
  }
  let stop = false;
  if (c.isIdent('stop')) {
    c.next();
    stop = true;
  }
  c.expectEnd("the watch (optionally ending with 'stop')");
  return { kind: 'watch', name: name.text, nameSpan: c.span(name), address, length, stop };
}

function parseRead(c: Cursor, target: Target | null): StepBody {
  const t = c.peek();
  let type: ReadType;
  if (t.kind === 'ident' && ['utf8', 'utf16', 'bytes'].includes(t.text)) {
    c.next();
    type = { kind: t.text as 'utf8' | 'utf16' | 'bytes' };
  } else if (t.kind === 'ident' && !isNumType(t.text)) {
    return c.fail("a type to read (u8 … f64, utf8, utf16, bytes or '{')");
  } else {
    type = parseFieldType(c);
  }
  const typeText = type.kind === 'num' || type.kind === 'struct' ? formatFieldType(type) : type.kind;
  c.expectPunct('@', "'@' then the address to read");
  const address = parseExpr(c);
  let length = null;
  if (c.isPunct('[')) {
    if (type.kind === 'num' || type.kind === 'struct') c.fail(`end of line: ${typeText} reads have a fixed size`);
    c.next();
    length = parseExpr(c);
    c.expectPunct(']', "']' after the length");
  } else if (type.kind === 'bytes') {
    c.fail("'[' and a length in bytes: read bytes @ addr [len]");
  }
  c.expectEnd('the read');
  return { kind: 'read', target, type, typeText, address, length };
}

function parseWrite(c: Cursor, target: Target | null): StepBody {
  const t = c.peek();
  let type: WriteType;
  if (t.kind === 'ident' && ['utf8', 'utf16', 'bytes'].includes(t.text)) type = { kind: t.text as 'utf8' | 'utf16' | 'bytes' };
  else if (t.kind === 'ident' && isNumType(t.text)) type = { kind: 'num', type: t.text };
  else return c.fail('a type to write (u8 … f64, utf8, utf16 or bytes)');
  c.next();
  const value = parseExpr(c);
  if (type.kind === 'bytes' && value.kind === 'string') hexBytes(value.value, value.span.column);
  c.expectPunct('@', "'@' then the address to write");
  const address = parseExpr(c);
  c.expectEnd('the write');
  return { kind: 'write', target, type, value, address };
}

function parseExpect(c: Cursor): StepBody {
  if (c.isIdent('no') && c.isIdent('leaks', 1) && c.peek(2).kind === 'eol') {
    c.next();
    c.next();
    return { kind: 'expect-no-leaks' };
  }
  if (c.isIdent('no') && c.isIdent('heap', 1) && c.isIdent('problems', 2) && c.peek(3).kind === 'eol') {
    for (let i = 0; i < 3; i++) c.next();
    return { kind: 'expect-no-heap-problems' };
  }
  const left = parseExpr(c);
  const t = c.peek();
  const op = COMPARE_OPS.find((o) => t.kind === 'punct' && t.text === o);
  if (!op) return c.fail('a comparison (== != < <= > >=)');
  c.next();
  const right = parseExpr(c);
  c.expectEnd('the expectation');
  return { kind: 'expect', op, left, right };
}

/** Bytes of a hex string like "de ad be ef" (whitespace between pairs is optional). */
export function hexBytes(text: string, column = 0): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
    throw new ParseFault('expected pairs of hex digits, like "de ad be ef"', column, text.length + 2);
  }
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
