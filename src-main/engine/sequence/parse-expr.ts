// A token cursor for one line, and the expression and memory-type grammar built on it.
// Precedence is C's, lowest first: |  ^  &  << >>  + -  * / %  unary - ~

import type { BinaryOp, Expr, FieldType, NumType, Span, StaticPath, StructField } from './ast.ts';
import { NUM_TYPES } from './ast.ts';
import { tooBigLiteral, type Token } from './lexer.ts';
import { quoted } from './errors.ts';

/**
 * `__proto__` as a name a step binds or a struct field: the values behind both are JavaScript
 * objects keyed by name, where this one name sets the object's prototype instead of a key, so
 * the value was silently not printed or kept (`read {__proto__: u32, b: u32}` showed `{b: 0}`,
 * `__proto__ = 5` printed nothing). Refused by name rather than lost.
 */
export function ownName(t: Token): void {
  if (t.text === '__proto__') throw new ParseFault("'__proto__' cannot be a name in a sequence: JavaScript objects hold the values, and there it names the prototype; choose another", t.column, t.length);
}

/** A syntax error at a span of the current line. */
export class ParseFault extends Error {
  constructor(message: string, readonly column: number, readonly length: number) {
    super(message);
  }
}

export function describe(t: Token): string {
  if (t.kind === 'eol') return 'end of line';
  if (t.kind === 'string') return 'a string';
  return quoted(t.text);
}

/**
 * Parentheses, unary operators and struct types nested deeper than this are refused: the
 * parser, the validator and the evaluator recurse once per level.
 */
export const MAX_NESTING = 100;
/** Binary operators in one expression: each is a level of the tree the evaluator walks. */
export const MAX_OPERATORS = 1000;

export class Cursor {
  pos = 0;
  private depth = 0;
  private operators = 0;
  constructor(readonly tokens: Token[], readonly line: number) {}

  /** Runs `inner` one nesting level deeper; a fault at `t` past MAX_NESTING. */
  nested<T>(t: Token, inner: () => T): T {
    if (this.depth >= MAX_NESTING) this.tooDeep(t);
    this.depth++;
    try {
      return inner();
    } finally {
      this.depth--;
    }
  }
  /** The fault at `t` for nesting past MAX_NESTING. */
  tooDeep(t: Token): never {
    throw new ParseFault(`nested more than ${MAX_NESTING} levels deep; simplify this line`, t.column, t.length);
  }
  /** Counts a binary operator at `t`; a fault past MAX_OPERATORS. */
  operator(t: Token): void {
    if (++this.operators > MAX_OPERATORS) {
      throw new ParseFault(`more than ${MAX_OPERATORS} operators in one line; split it into several bindings`, t.column, t.length);
    }
  }

  /** The token `offset` ahead; an integer literal past 64 bits is refused as it is reached. */
  peek(offset = 0): Token {
    const t = this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
    if (t.tooBig) throw tooBigLiteral(t);
    return t;
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eol') this.pos++;
    return t;
  }
  isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }
  isIdent(text?: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && (text === undefined || t.text === text);
  }
  fail(expected: string, t: Token = this.peek()): never {
    throw new ParseFault(`expected ${expected}, found ${describe(t)}`, t.column, t.kind === 'eol' ? 1 : t.length);
  }
  expectPunct(text: string, what = `'${text}'`): Token {
    if (!this.isPunct(text)) this.fail(what);
    return this.next();
  }
  expectIdent(what: string): Token {
    if (!this.isIdent()) this.fail(what);
    return this.next();
  }
  expectString(what: string): Token & { str: string; bytes: Uint8Array } {
    const t = this.peek();
    if (t.kind !== 'string' || t.str === undefined || t.bytes === undefined) this.fail(what);
    this.next();
    return t as Token & { str: string; bytes: Uint8Array };
  }
  expectEnd(after: string): void {
    if (this.peek().kind !== 'eol') this.fail(`end of line after ${after}`);
  }
  span(t: Token): Span {
    return { line: this.line, column: t.column, length: t.length };
  }
  /** From token `from` to the last consumed token. */
  spanFrom(from: Token): Span {
    const last = this.tokens[Math.max(0, this.pos - 1)];
    return { line: this.line, column: from.column, length: last.column + last.length - from.column };
  }
}

const LEVELS: BinaryOp[][] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

export function parseExpr(c: Cursor, level = 0): Expr {
  if (level === LEVELS.length) return parseUnary(c);
  let left = parseExpr(c, level + 1);
  for (;;) {
    const t = c.peek();
    const op = LEVELS[level].find((o) => t.kind === 'punct' && t.text === o);
    if (!op) return left;
    c.operator(t);
    c.next();
    const right = parseExpr(c, level + 1);
    const span = joinSpans(left.span, right.span);
    left = { kind: 'binary', op, left, right, span };
  }
}

/** From the start of `a` to the end of `b` (on one line). */
export function joinSpans(a: Span, b: Span): Span {
  return { line: a.line, column: a.column, length: b.column + b.length - a.column };
}

function parseUnary(c: Cursor): Expr {
  const t = c.peek();
  if (t.kind === 'punct' && (t.text === '-' || t.text === '~')) {
    const literal = c.tokens[c.pos + 1];
    if (t.text === '-' && literal?.tooBig) throw tooBigLiteral(literal, t);
    c.next();
    const operand = c.nested(t, () => parseUnary(c));
    // Fold `-5` into a literal so negative numbers are plain values.
    if (t.text === '-' && operand.kind === 'int') return { kind: 'int', value: -operand.value, span: c.spanFrom(t) };
    if (t.text === '-' && operand.kind === 'float') return { kind: 'float', value: -operand.value, span: c.spanFrom(t) };
    return { kind: 'unary', op: t.text, operand, span: c.spanFrom(t) };
  }
  if (t.kind === 'punct' && t.text === '&') return parseStatic(c);
  return parsePrimary(c);
}

/**
 * `&name`, `&a::b::name` or `&"any name"` (C++'s `(anonymous namespace)`, Rust's `{impl#1}`),
 * then a part of it: `.member` and `[index]`, as C writes `&origin.y` and `&grid[1][2]`. An
 * index must touch what it follows: `&grid [24]`, with a space, stays a read's size.
 */
function parseStatic(c: Cursor): Expr {
  const amp = c.next();
  const first = c.peek();
  let name: string;
  if (first.kind === 'string') {
    c.next();
    name = first.str!;
  } else {
    const parts = [c.expectIdent("a static variable's name after '&'").text];
    while (c.isPunct('::')) {
      c.next();
      parts.push(c.expectIdent("a name after '::'").text);
    }
    name = parts.join('::');
  }
  const path: StaticPath = [];
  for (;;) {
    if (c.isPunct('.')) {
      c.next();
      path.push(c.expectIdent("a member's name after '.'").text);
    } else if (c.isPunct('[') && touches(c.tokens[c.pos - 1]!, c.peek())) {
      c.next();
      const index = c.peek();
      if (index.kind !== 'int' || index.int! < 0n) c.fail('an element index (a number from 0) inside [ ]');
      c.next();
      c.expectPunct(']', "']' to close '['");
      path.push(Number(index.int));
    } else {
      break;
    }
  }
  return { kind: 'static', name, ...(path.length > 0 ? { path } : {}), span: c.spanFrom(amp) };
}

/** Whether `b` starts where `a` ends, with no space between. */
function touches(a: Token, b: Token): boolean {
  return b.column === a.column + a.length;
}

function parsePrimary(c: Cursor): Expr {
  const t = c.peek();
  if (t.kind === 'int') { c.next(); return { kind: 'int', value: t.int!, span: c.span(t) }; }
  if (t.kind === 'float') { c.next(); return { kind: 'float', value: t.float!, span: c.span(t) }; }
  if (t.kind === 'string') { c.next(); return { kind: 'string', value: t.str!, bytes: t.bytes!, span: c.span(t) }; }
  if (t.kind === 'punct' && t.text === '(') {
    c.next();
    const inner = c.nested(t, () => parseExpr(c));
    c.expectPunct(')', "')' to close '('");
    return { ...inner, span: c.spanFrom(t) };
  }
  if (t.kind === 'ident') {
    c.next();
    if (c.isPunct('(')) {
      throw new ParseFault(`a call must be a whole step ('x = ${t.text}(...)'), not part of an expression`, t.column, t.length);
    }
    let e: Expr = { kind: 'name', name: t.text, span: c.span(t) };
    // Each `.field` is a level of the tree the validator and evaluator recurse through (a
    // 3,000-field chain ended the run with "Maximum call stack size exceeded"); struct types
    // nest at most MAX_NESTING deep, so a longer chain names no field anyway.
    for (let fields = 0; c.isPunct('.'); fields++) {
      if (fields >= MAX_NESTING) c.tooDeep(c.peek());
      c.next();
      const f = c.expectIdent('a field name after \'.\'');
      e = { kind: 'field', object: e, field: f.text, span: c.spanFrom(t) };
    }
    return e;
  }
  return c.fail('a number, a string, a name or \'(\'');
}

export function isNumType(s: string): s is NumType {
  return (NUM_TYPES as readonly string[]).includes(s);
}

/** `u32` or `{ptr: u32, len: u32}` (nested structs allowed). */
export function parseFieldType(c: Cursor): FieldType {
  if (c.isPunct('{')) return { kind: 'struct', fields: c.nested(c.peek(), () => parseStructFields(c)) };
  const t = c.peek();
  if (t.kind === 'ident' && isNumType(t.text)) { c.next(); return { kind: 'num', type: t.text }; }
  return c.fail(`a field type (${NUM_TYPES.join(' ')} or '{')`);
}

function parseStructFields(c: Cursor): StructField[] {
  c.expectPunct('{');
  const fields: StructField[] = [];
  while (!c.isPunct('}')) {
    const name = c.expectIdent(fields.length ? "a field name or '}'" : 'a field name');
    if (fields.some((f) => f.name === name.text)) {
      throw new ParseFault(`duplicate field ${quoted(name.text)}`, name.column, name.length);
    }
    c.expectPunct(':', `':' after field ${quoted(name.text)}`);
    ownName(name);
    fields.push({ name: name.text, type: parseFieldType(c), span: c.span(name) });
    if (!c.isPunct(',')) break;
    c.next();
  }
  if (fields.length === 0) c.fail('at least one field');
  c.expectPunct('}', "',' or '}' in struct type");
  return fields;
}

/** The text form of a field type: `{ptr: u32, len: u32}`. */
export function formatFieldType(t: FieldType): string {
  if (t.kind === 'num') return t.type;
  return `{${t.fields.map((f) => `${f.name}: ${formatFieldType(f.type)}`).join(', ')}}`;
}
