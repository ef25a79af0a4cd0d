// Text from the sequence or the module (a step's line, an export's or import's name, a file
// name, a static's name) inside a comment: a starter sequence's `#` lines, an exported program's
// comments. A line comment ends at a line break (in JavaScript also at U+2028 and U+2029; a CR
// does in most editors), a block comment at `*/`, and Go refuses a NUL or a byte order mark
// anywhere in its source ("illegal character NUL", "illegal byte order mark"): those are written
// as escapes, so the comment stays one comment and the program compiles. So are the C1 controls
// and the bidirectional controls (SHOWN_ESCAPED_WIDE): this text is printed to
// terminals too (`memscope snapshot`'s summary, the coredump view), and read in editors. The
// rest, tabs and any other text, is kept as it is, for the reader.

/**
 * Characters past 0x7f that text from a file may not print raw: the C1 controls, of which U+009B
 * is CSI to a terminal that reads C1 controls (as ESC [ is), and the bidirectional overrides and
 * isolates, which reorder what follows them on the line (after U+202E the rest reads right to
 * left, in a terminal and in an editor alike), and the marks (U+200E LRM, U+200F RLM, U+061C ALM):
 * invisible, yet a strong direction that moves the digits and punctuation beside them (`1\u200f-2`
 * reads `12-` even in a left-to-right line); with them the set is Unicode's Bidi_Control.
 * Written `\u{NNNN}`. The one definition: the `memscope inspect` summary's names
 * (cli/inspect-format.ts) escape the same. Global, for replace(); test() on it would carry
 * lastIndex from one call to the next.
 */
export const SHOWN_ESCAPED_WIDE = /[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** C0 controls but tab, DEL, the JavaScript line separators, the byte order mark and SHOWN_ESCAPED_WIDE. */
const UNSAFE = new RegExp(`[\\0-\\x08\\x0a-\\x1f\\x7f\\u2028\\u2029\\ufeff]|${SHOWN_ESCAPED_WIDE.source}`, 'g');

/** Text for a line comment: `\xNN` as a sequence's strings escape a byte (`"x\x0ay"`), the others as `\u{NNNN}`. */
export function commentText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * Text for a block comment: as commentText, with a space inside each `*` `/` and `/` `*`, so
 * the comment neither ends early nor, in Rust (whose block comments nest), opens another.
 */
export function blockCommentText(text: string): string {
  return commentText(text).replace(/\*(?=\/)/g, '* ').replace(/\/(?=\*)/g, '/ ');
}
