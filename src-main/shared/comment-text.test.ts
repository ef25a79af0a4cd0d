// Sequence and module text inside comments (a starter's, an exported program's): exact text.

import { describe, expect, it } from 'vitest';
import { blockCommentText, commentText } from './comment-text.ts';

describe('commentText', () => {
  it.each([
    ['x = add(1, 2)\t# tab kept', 'x = add(1, 2)\t# tab kept'],
    ['log\nnext\rend', 'log\\x0anext\\x0dend'],
    ['a\0b\x01\x1f\x7f', 'a\\x00b\\x01\\x1f\\x7f'],
    ['bom\ufeff ls\u2028 ps\u2029', 'bom\\u{feff} ls\\u{2028} ps\\u{2029}'],
    ['é \u00a0 \u{1f600} */ /*', 'é \u00a0 \u{1f600} */ /*'],
  ])('%j → %s', (text, comment) => {
    expect(commentText(text)).toBe(comment);
  });
});

// Titles name the characters: printed raw, U+009B would drive the terminal running the tests.
describe('commentText: C1 controls and bidirectional controls, escaped for terminals and editors', () => {
  it.each([
    // U+009B is CSI to a terminal that reads C1 (`memscope snapshot` prints region names through commentText).
    ['C1 controls', 'a\u009b2Jb \u0080 \u009f \u0085', 'a\\u{9b}2Jb \\u{80} \\u{9f} \\u{85}'],
    // Bidirectional overrides and isolates reorder the rest of the line.
    ['overrides and isolates', 'ab\u202ecd \u202a\u202d \u2066\u2067\u2068\u2069', 'ab\\u{202e}cd \\u{202a}\\u{202d} \\u{2066}\\u{2067}\\u{2068}\\u{2069}'],
    // The marks too (with them, exactly Unicode's Bidi_Control): invisible, yet `1\u200f-2` reads `12-` beside the digits.
    ['marks LRM, RLM, ALM', '1\u200f-2 \u200e \u061c', '1\\u{200f}-2 \\u{200e} \\u{61c}'],
    ['their neighbours kept: U+00A0, U+200B, U+2070', '\u00a0\u200b\u2070', '\u00a0\u200b\u2070'],
  ])('%s', (_what, text, comment) => {
    expect(commentText(text)).toBe(comment);
  });
});

describe('blockCommentText', () => {
  it.each([
    ['table', 'table'],
    ['a*/b', 'a* /b'],
    ['a/*b', 'a/ *b'],
    ['/*/', '/ * /'],
    ['*/*', '* / *'],
    ['x\ny', 'x\\x0ay'],
  ])('%j → %s', (text, comment) => {
    expect(blockCommentText(text)).toBe(comment);
  });
});
