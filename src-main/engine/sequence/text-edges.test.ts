// Text at the edges of a sequence: line ends (a lone CR breaks a line, as the page's editor shows
// it), wide and invisible characters under the caret, controls in the shown line, long lines.

import { describe, expect, it } from 'vitest';
import { formatSourceError, sourceWithCaret } from './errors.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';
import { sequenceText } from '../../shared/sequence-text.ts';
import { insertLine } from '../../../src-renderer/sequence/templates.ts';
import { stepTexts } from '../../../src-renderer/sequence/edit-plan.ts';

const caret = (source: string, column: number, length = 1): string[] => sourceWithCaret(source, column, length).split('\n');

describe('line ends: LF, CRLF and a lone CR, one rule for the parser, its errors and the editor', () => {
  it('a lone-CR (old Mac) file is three lines, not one', () => {
    const { sequence, errors } = parseSequence('a = f()\rb = g()\r\rbogus(\r', 's.wseq');
    expect(sequence.steps.map((s) => [s.line, s.text])).toEqual([[1, 'a = f()'], [2, 'b = g()']]);
    expect(errors.map((e) => [e.where?.line, e.where?.column, e.where?.source])).toEqual([[4, 7, 'bogus(']]);
  });

  it('mixed line ends count as the textarea counts them; a CRLF is one break', () => {
    const { sequence } = parseSequence('f()\r\ng()\rh()\ni()', 's.wseq');
    expect(sequence.steps.map((s) => s.line)).toEqual([1, 2, 3, 4]);
  });

  it('a byte that is not UTF-8 after lone CRs is placed on its line', () => {
    const bytes = Uint8Array.from([...Buffer.from('f()\rg()\rx = "caf'), 0xe9, ...Buffer.from('"\r')]);
    const r = sequenceText(bytes, 's.wseq');
    expect(r.ok ? null : [r.error.where?.line, r.error.where?.column, r.error.where?.source]).toEqual([3, 9, 'x = "caf\ufffd"']);
  });

  it("the editor's step lines and inserted lines follow the same rule, keeping the file's line end", () => {
    expect(stepTexts('f()\rg()').map((s) => s.line)).toEqual([1, 2]);
    expect(insertLine('f()\rg()\r', 'h()', 1)).toBe('f()\rh()\rg()\r');
    expect(insertLine('f()\r\ng()\r\n', 'h()', 2)).toBe('f()\r\ng()\r\nh()\r\n');
  });
});

describe('the caret under an error', () => {
  it('pads by display width: a CJK character takes two columns, a combining accent none', () => {
    expect(caret('x = "中文" bogus', 11)).toEqual(['x = "中文" bogus', `${' '.repeat(12)}^`]);
    expect(caret('x = "e\u0301" bogus', 10)).toEqual(['x = "e\u0301" bogus', `${' '.repeat(8)}^`]);
    // An astral emoji: two UTF-16 units, two columns.
    expect(caret('x = "😀" bogus', 10)).toEqual(['x = "😀" bogus', `${' '.repeat(9)}^`]);
  });

  it('underlines a wide character with two carets', () => {
    expect(caret('f() 中', 5)).toEqual(['f() 中', '    ^^']);
  });

  it('keeps tabs before the caret so it sits under the same tab stop', () => {
    expect(caret('\tf(\t中 x', 7)).toEqual(['\tf(\t中 x', '\t  \t   ^']);
  });

  it('shows a NUL, an ESC, a bidi mark and a line separator as escapes, the caret under what is shown', () => {
    const err = parseSequence('f(\0) \u200f', 's.wseq').errors[0]!;
    expect(err.message).toBe('unexpected character U+0000');
    expect(formatSourceError(err).split('\n').slice(1)).toEqual(['f(\\x00) \\u{200f}', '  ^^^^']);
    expect(caret('f() \x1b[2J x', 10)).toEqual(['f() \\x1b[2J x', `${' '.repeat(12)}^`]);
    expect(parseSequence('f() \u2028', 's.wseq').errors[0]!.message).toBe('unexpected character U+2028');
    expect(parseSequence('f() \u202e', 's.wseq').errors[0]!.message).toBe('unexpected character U+202E');
    expect(parseSequence('f() \u061c', 's.wseq').errors[0]!.message).toBe('unexpected character U+061C');
  });

  it('a byte order mark mid-file is named, and shown as an escape', () => {
    const err = parseSequence('f()\n\ufeffg()', 's.wseq').errors[0]!;
    expect([err.where?.line, err.message]).toEqual([2, 'unexpected character U+FEFF']);
    expect(formatSourceError(err).split('\n').slice(1)).toEqual(['\\u{feff}g()', '^^^^^^^^']);
  });

  it('cuts a 10,000-character line to a window around the caret, … at the cut ends', () => {
    const long = `x = ${'1 + '.repeat(2500)}(`;
    const [line, under] = caret(long, 5001);
    // The window's full width: a third before the caret, the rest after it.
    expect(line!.length).toBe(162);
    expect(under!.length).toBe(1 + 53 + 1);
    expect(line!.startsWith('…') && line!.endsWith('…')).toBe(true);
    expect(line![under!.length - 1]).toBe(long[5000]);
    expect(under!.trimStart()).toBe('^');
    // The end of the line: the caret just past it, still on screen.
    const [tail, at] = caret(long, long.length + 1);
    expect(tail!.endsWith('(')).toBe(true);
    expect(at!.length).toBe(tail!.length + 1);
  });

  it('quotes a megabyte-long literal or name by its ends, not whole, in the message', () => {
    const digits = '9'.repeat(1_000_000);
    const messages = parseSequence(`x = ${digits}\ny = 0x${'g'.repeat(100)}\n${'q'.repeat(100_000)} x\n`, 's.wseq').errors.map((e) => e.message);
    expect(messages).toEqual([
      `integer literal '${'9'.repeat(40)}…${'9'.repeat(20)}' does not fit in 64 bits`,
      `invalid number '0x${'g'.repeat(38)}…${'g'.repeat(20)}': expected hex digits after 0x`,
      `expected '=' or '(' after '${'q'.repeat(40)}…${'q'.repeat(20)}', found 'x'`,
    ]);
    // Against the module: an unknown name and a missing export; a name up to 64 characters stays whole.
    const info = { exports: [], imports: [] } as unknown as Parameters<typeof validateSequence>[1];
    const parsed = parseSequence(`x = ${'a'.repeat(500_000)}(1)\ny = ${'b'.repeat(64)}\n`, 's.wseq');
    expect(validateSequence(parsed.sequence, info).map((e) => e.message)).toEqual([
      `the module exports no function '${'a'.repeat(40)}…${'a'.repeat(20)}'`,
      `unknown name '${'b'.repeat(64)}'`,
    ]);
  });

  it('writes a control in a quoted name or escape as the line shows it, not raw, and an emoji whole', () => {
    const info = { exports: [], imports: [] } as unknown as Parameters<typeof validateSequence>[1];
    const parsed = parseSequence('"a\\x00b\\x1b[2J"(1)\n', 's.wseq');
    expect(validateSequence(parsed.sequence, info).map((e) => e.message)).toEqual(["the module exports no function 'a\\x00b\\x1b[2J'"]);
    const bad = (text: string) => parseSequence(text, 's.wseq').errors.map((e) => [e.where?.column, e.where?.length, e.message]);
    expect(bad('snapshot "\\\x1b"')).toEqual([[11, 2, "unknown escape '\\\\x1b': use \\n \\t \\r \\0 \\\" \\\\ or \\xNN"]]);
    expect(bad('snapshot "\\😀"')).toEqual([[11, 3, "unknown escape '\\😀': use \\n \\t \\r \\0 \\\" \\\\ or \\xNN"]]);
  });

  it('leaves a short plain line as it was', () => {
    expect(caret('p = malloc(8, 9)', 15, 1)).toEqual(['p = malloc(8, 9)', `${' '.repeat(14)}^`]);
  });
});
