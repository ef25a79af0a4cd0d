// A sequence file's bytes as text. Sequences are UTF-8: a byte that is not (Latin-1's `é`, 0xe9)
// is an error naming its line, column and byte offset, never a U+FFFD that `write utf8 "café"`
// would then put in guest memory as three other bytes (ef bf bd). One reading for the CLI, the
// DAP, the shells' open-by-path and the page's open and drop.

import type { MemscopeError, Result } from './dto.ts';
import { hasWasmMagic } from './wasm-magic.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * The one rule for where a sequence's lines break: CRLF, LF, or a lone CR (an old Mac file). A
 * textarea shows a lone CR as a line break (it normalises all three to LF), so a parser that
 * split on LF alone saw one line where the editor showed several, and its `line:col` pointed
 * elsewhere. U+2028, U+2029 and NEL do not break a line (they are not line ends in most editors'
 * files nor in the format): outside a string the lexer names them by code point. The parser, the
 * not-UTF-8 error below and the page's editor all split with this.
 */
export const LINE_BREAK = /\r\n|\r|\n/;

/** The line end a text uses (its first), for lines added to it; LF for a text of one line. */
export function lineEnd(text: string): string {
  return LINE_BREAK.exec(text)?.[0] ?? '\n';
}

/** The sequence's lines, without their line ends. */
export function sequenceLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

export function sequenceText(bytes: Uint8Array, file: string): Result<string> {
  // A module given where the sequence goes: the parser says so in its own words (parse.ts), which
  // help more than where its first non-UTF-8 byte is.
  if (hasWasmMagic(bytes)) return { ok: true, value: lenient.decode(bytes) };
  try {
    return { ok: true, value: strict.decode(bytes) };
  } catch {
    return { ok: false, error: notUtf8(bytes, firstNonUtf8(bytes), file) };
  }
}

/** Where the first byte that is not UTF-8 sits, as a parse error carets under (the line shows it as U+FFFD). */
function notUtf8(bytes: Uint8Array, at: number, file: string): MemscopeError {
  // Lines break as sequenceLines breaks them (a lone CR too); a CRLF is one break.
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = at;
  while (lineEnd < bytes.length && bytes[lineEnd] !== 0x0a && bytes[lineEnd] !== 0x0d) lineEnd++;
  const source = lenient.decode(bytes.subarray(lineStart, lineEnd));
  // Columns count UTF-16 units after a byte-order mark, as the parser's do (the decoder drops the mark).
  const column = lenient.decode(bytes.subarray(lineStart, at)).length + 1;
  const hex = bytes[at]!.toString(16).padStart(2, '0');
  return {
    code: 'parse-error',
    message: `byte 0x${hex} (offset ${at} in the file) is not UTF-8: sequences are UTF-8 text; save the file as UTF-8`,
    where: { file, line, column, source, length: 1 },
  };
}

/**
 * The offset of the first byte that does not begin or continue a well-formed UTF-8 character
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or of a character the
 * file ends inside. Only called once the decoder has refused the bytes.
 */
export function firstNonUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const more = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    // The second byte's range is narrower after E0 (overlong), ED (surrogates), F0 (overlong) and F4 (past U+10FFFF).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= more; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) return i;
    }
    i += more + 1;
  }
  return bytes.length;
}
