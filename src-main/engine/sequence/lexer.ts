// Splits one `.wseq` line into tokens; `#` outside a string starts a comment. Columns are 1-based.

import { commentText } from '../../shared/comment-text.ts';
import { clipped, quoted } from './errors.ts';

export type TokenKind = 'ident' | 'int' | 'float' | 'string' | 'punct' | 'eol';

export interface Token {
  kind: TokenKind;
  /** The source text of the token ('' for eol). */
  text: string;
  column: number;
  length: number;
  int?: bigint;
  float?: number;
  /** Strings: `\xNN` as U+00NN in `str`, as the raw byte in `bytes`. */
  str?: string;
  bytes?: Uint8Array;
  /**
   * An integer literal past 2^64 - 1: refused where the parser reaches it (tooBigLiteral), which
   * knows whether a '-' before it is its sign (`write i64 -99…`) or a subtraction (`2 -99…`).
   */
  tooBig?: true;
}

/** A lexical error at a column of the line. */
export class LexError extends Error {
  constructor(message: string, readonly column: number, readonly length: number) {
    super(message);
  }
}

const PUNCT2 = ['==', '!=', '<=', '>=', '<<', '>>', '::'];
const PUNCT1 = '(){}[],:=@.+-*/%&|^~<>!';
const MAX_U64 = (1n << 64n) - 1n;
const encoder = new TextEncoder();

// Character classes on UTF-16 code units (a regex per character cost more than the rest of
// the lexer). A code of NaN (past the end) is in none of them.
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const UNDERSCORE = 95;

/** Tokens of one line, ending with an 'eol' token; throws LexError. */
export function lexLine(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#') break;
    const start = i;
    const code = text.charCodeAt(i);
    if (isIdentStart(code)) {
      while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), column: start + 1, length: i - start });
    } else if (isDigit(code)) {
      const tok = lexNumber(text, start);
      tokens.push(tok);
      i = start + tok.length;
    } else if (c === '"') {
      const tok = lexString(text, start);
      tokens.push(tok);
      i = start + tok.length;
    } else {
      const two = text.slice(i, i + 2);
      const len = PUNCT2.includes(two) ? 2 : PUNCT1.includes(c) ? 1 : 0;
      if (len === 0) {
        // The whole character, not its first UTF-16 unit: an emoji was quoted as a lone
        // surrogate ('\ud83d', shown as '�') under a one-unit caret.
        const whole = String.fromCodePoint(text.codePointAt(i)!);
        throw new LexError(unexpectedCharacter(whole) + nameHint(text, start, whole), start + 1, whole.length);
      }
      tokens.push({ kind: 'punct', text: text.slice(i, i + len), column: start + 1, length: len });
      i += len;
    }
  }
  const last = tokens[tokens.length - 1];
  const eolColumn = last ? last.column + last.length : i + 1;
  tokens.push({ kind: 'eol', text: '', column: eolColumn, length: 1 });
  return tokens;
}

function lexNumber(text: string, start: number): Token {
  let i = start;
  const hex = text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X');
  let isFloat = false;
  if (hex) {
    i += 2;
    while (i < text.length && (isHexDigit(text.charCodeAt(i)) || text.charCodeAt(i) === UNDERSCORE)) i++;
  } else {
    while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === UNDERSCORE)) i++;
    if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
      isFloat = true;
      i++;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    }
    const sign = text[i + 1] === '+' || text[i + 1] === '-';
    if ((text[i] === 'e' || text[i] === 'E') && isDigit(text.charCodeAt(i + (sign ? 2 : 1)))) {
      isFloat = true;
      i += sign ? 2 : 1;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    }
  }
  while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
  const src = text.slice(start, i);
  const column = start + 1;
  const clean = src.replace(/_/g, '');
  if (isFloat) {
    if (!/^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(clean)) {
      throw new LexError(`invalid number ${quoted(src)}`, column, src.length);
    }
    return { kind: 'float', text: src, column, length: src.length, float: Number(clean) };
  }
  if (!(hex ? /^0[xX][0-9a-fA-F]+$/ : /^[0-9]+$/).test(clean)) {
    const want = hex ? 'hex digits after 0x' : 'a decimal or 0x hex number';
    throw new LexError(`invalid number ${quoted(src)}: expected ${want}`, column, src.length);
  }
  const value = BigInt(clean);
  const tok: Token = { kind: 'int', text: src, column, length: src.length, int: value };
  if (value > MAX_U64) tok.tooBig = true;
  return tok;
}

/** The error for a `tooBig` literal, from its unary `minus` when it has one: the caret spans the whole literal. */
export function tooBigLiteral(literal: Token, minus?: Token): LexError {
  const from = minus ?? literal;
  return new LexError(`integer literal ${quoted(`${minus ? '-' : ''}${literal.text}`)} does not fit in 64 bits`,
    from.column, literal.column + literal.length - from.column);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\' };

function lexString(text: string, start: number): Token {
  let i = start + 1;
  let str = '';
  let pending = '';
  const bytes: number[] = [];
  const flush = (): void => {
    for (const b of encoder.encode(pending)) bytes.push(b);
    pending = '';
  };
  for (;;) {
    if (i >= text.length) throw new LexError('unterminated string: expected a closing \'"\'', start + 1, text.length - start);
    const c = text[i];
    if (c === '"') break;
    if (c !== '\\') { str += c; pending += c; i++; continue; }
    const e = text[i + 1] ?? '';
    // A backslash that ends the line escapes nothing; it was called "unknown escape '\'", as if
    // the file had `\\` in it.
    if (e === '') throw new LexError('unterminated string: a \'\\\' ends the line; expected an escape and a closing \'"\'', i + 1, 1);
    if (e === 'x') {
      const hex = text.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new LexError('expected two hex digits after \\x', i + 1, Math.min(4, text.length - i));
      const b = parseInt(hex, 16);
      flush();
      bytes.push(b);
      str += String.fromCharCode(b);
      i += 4;
    } else if (e in ESCAPES) {
      str += ESCAPES[e];
      pending += ESCAPES[e];
      i += 2;
    } else {
      // The whole character after the backslash (an emoji was half of one), escaped if a control.
      const escaped = String.fromCodePoint(text.codePointAt(i + 1)!);
      throw new LexError(`unknown escape ${quoted(`\\${escaped}`)}: use \\n \\t \\r \\0 \\" \\\\ or \\xNN`, i + 1, 1 + escaped.length);
    }
  }
  flush();
  const length = i + 1 - start;
  return { kind: 'string', text: text.slice(start, i + 1), column: start + 1, length, str, bytes: Uint8Array.from(bytes) };
}

/**
 * What an unexpected character is. U+FFFD is what reading the file put where its bytes were not
 * UTF-8 (a Latin-1 or UTF-16 file): said so, rather than quoting a replacement character. Other
 * invisible characters are named by code point.
 */
function unexpectedCharacter(c: string): string {
  if (c === '\ufffd') return 'the file is not UTF-8 here (a byte that does not decode, read as U+FFFD): save the sequence as UTF-8';
  const code = c.codePointAt(0)!;
  // Quoted raw, a line separator broke the message's line and a bidirectional control reordered it.
  return code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xfeff || (code >= 0x200b && code <= 0x200f) || commentText(c) !== c
    ? `unexpected character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `unexpected character '${c}'`;
}

/** A letter or digit outside ASCII (`é`, `中`, a combining accent): written as part of a name. */
const NAME_LIKE = /^[\p{L}\p{M}\p{N}]$/u;
const isNameLike = (c: string): boolean => NAME_LIKE.test(c) || (c.length === 1 && isIdentPart(c.charCodeAt(0)));

/**
 * For a letter outside ASCII (`café = f()`), what names may hold, and how an export named so is
 * called anyway: by its quoted name, the whole word around the character (`"café"(…)`).
 */
function nameHint(text: string, at: number, c: string): string {
  if (!NAME_LIKE.test(c)) return '';
  let from = at;
  while (from > 0) {
    // The whole character before `from`, an astral one (𝑥) a surrogate pair.
    const pair = from > 1 && /[\ud800-\udbff][\udc00-\udfff]/.test(text.slice(from - 2, from));
    const before = text.slice(from - (pair ? 2 : 1), from);
    if (!isNameLike(before)) break;
    from -= before.length;
  }
  let to = at;
  while (to < text.length) {
    const next = String.fromCodePoint(text.codePointAt(to)!);
    if (!isNameLike(next)) break;
    to += next.length;
  }
  return `; names are ASCII letters, digits, _ and $, and an export named otherwise is called by its quoted name (${clipped(`"${text.slice(from, to)}"`)}(…))`;
}

