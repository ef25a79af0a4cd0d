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
