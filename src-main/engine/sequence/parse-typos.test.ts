// Errors at the token that is wrong, saying what it is: a misspelt keyword at the word (it was
// "expected '=' or '(' after 'modul', found a string", at the string), and a character outside
// the BMP as itself (it was quoted as its lone first surrogate, '\ud83d').

import { describe, expect, it } from 'vitest';
import { parseSequence } from './parse.ts';

const errors = (text: string): string[] =>
  parseSequence(text, 't.wseq').errors.map((e) => `${e.where?.line}:${e.where?.column}+${e.where?.length}: ${e.message}`);

describe('misspelt keywords', () => {
  it('name the directive or statement meant, at the word', () => {
    expect(errors('modul "m.wasm"\ndeterminstic\n  timout 100\nexpcet x == 1\nwrit u32 1 @ 0\n')).toEqual([
      "1:1+5: unknown directive 'modul' (did you mean 'module'?)",
      "2:1+12: unknown directive 'determinstic' (did you mean 'deterministic'?)",
      "3:3+6: unknown directive 'timout' (did you mean 'timeout'?)",
      "4:1+6: unknown statement 'expcet' (did you mean 'expect'?)",
      "5:1+4: unknown statement 'writ' (did you mean 'write'?)",
    ]);
  });

  it('leave names far from any keyword, assignments and calls as they were', () => {
    expect(errors('banana 5\n')).toEqual(["1:8+1: expected '=' or '(' after 'banana', found '5'"]);
    expect(errors('modul = 1\ntimout(1)\nexpcet = modul + 1\n')).toEqual([]);
  });
});

const hint = (word: string): string =>
  `; names are ASCII letters, digits, _ and $, and an export named otherwise is called by its quoted name ("${word}"(…))`;

describe('unexpected characters', () => {
  it('quote a character outside the BMP whole, with a caret as wide as it', () => {
    expect(errors('x = 1 😀\n')).toEqual(["1:7+2: unexpected character '😀'"]);
    expect(errors('x = 1 é\n')).toEqual([`1:7+1: unexpected character 'é'${hint('é')}`]);
  });

  it('outside ASCII in a name, say what names hold and how an export named so is called', () => {
    expect(errors('café = f()\n')).toEqual([`1:4+1: unexpected character 'é'${hint('café')}`]);
    expect(errors('x = größe(1)\n')).toEqual([`1:7+1: unexpected character 'ö'${hint('größe')}`]);
    expect(errors('中文_1(2)\n')).toEqual([`1:1+1: unexpected character '中'${hint('中文_1')}`]);
    expect(errors('x = a𝑥b\n')).toEqual([`1:6+2: unexpected character '𝑥'${hint('a𝑥b')}`]);
    // Not a letter: no hint.
    expect(errors('x = 1 → 2\n')).toEqual(["1:7+1: unexpected character '→'"]);
  });
});

describe('a keyword followed by (', () => {
  it('is a statement when the parenthesis opens an expression, and a call when the call is the whole line', () => {
    const steps = (text: string) => {
      const r = parseSequence(text);
      return r.errors.length ? r.errors.map((e) => e.message) : r.sequence.steps.map((s) => s.kind === 'call' ? `call ${s.callee}` : s.kind);
    };
    expect(steps('expect (a + 1) * 2 == 4\nexpect(a) == 1\nexpect ((a)) == (1)\n')).toEqual(['expect', 'expect', 'expect']);
    expect(steps('expect(a)\nsnapshot("x")\nwatch(1, (2))\n')).toEqual(['call expect', 'call snapshot', 'call watch']);
    expect(parseSequence('timeout(5)\n').sequence.steps).toHaveLength(1);
  });
});

describe('a bookmark with an empty name', () => {
  it('is refused at the empty string', () => {
    expect(errors('bookmark "" @ 16\n')).toEqual(['1:10+2: expected a non-empty name, found ""']);
  });
});
