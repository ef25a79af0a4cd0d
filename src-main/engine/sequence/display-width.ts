// How many terminal columns a character takes, for the caret under a sequence error: a caret
// padded by UTF-16 units sat one column left per CJK character before it, and one right per
// combining accent. East Asian Wide and Fullwidth characters and emoji shown as emoji take two
// (wcwidth's rule, which terminals follow); combining marks and invisible format characters none.
// A terminal that draws a character otherwise is off by that much, as it is for every tool.

/** Two columns: emoji presented as emoji (astral or not), Hangul Jamo leads, CJK and its symbols, Hangul, fullwidth forms. */
const WIDE = /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{1b000}-\u{1b2ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;
/** No column: combining marks (which draw on the character before), format characters (zero-width joiner, marks) but the soft hyphen. */
const ZERO = /[\p{Mn}\p{Me}\p{Cf}]/u;

/** Columns one character (one code point) takes in a terminal. */
export function charWidth(c: string): number {
  if (c === '\u00ad') return 1;
  if (ZERO.test(c)) return 0;
  return WIDE.test(c) ? 2 : 1;
}
