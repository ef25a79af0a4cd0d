// String literals of the exported Rust host. JSON.stringify is not one: Rust spells a control
// character \u{1}, and rejects JSON's \u0001. And a literal used as a format string (ensure!,
// bail!) reads `{x}` as a captured variable and `{}` as a missing argument.

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };

/** A Rust string literal of text: quote, backslash and control characters (C0, DEL, C1) escaped. */
export function rustStr(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += SHORT[ch] ?? (code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\u{${code.toString(16)}}` : ch);
  }
  return `${out}"`;
}

/**
 * A Rust string literal that is a format string printing text as it is: braces doubled. Doubled
 * before escaping, as format! sees the literal's value, and \u{1}'s braces are not in it.
 */
export function rustFormatStr(text: string): string {
  return rustStr(text.replace(/[{}]/g, '$&$&'));
}
