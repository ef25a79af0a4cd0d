// A DWARF source line as people read it beside a function: `statics.c:17:5` (the file's last
// path part: the line tables of a libc or Rust's std name long build paths; --json keeps them).

import type { SourceLine } from './dto.ts';

export function sourceText(s: SourceLine): string {
  const file = s.file.slice(s.file.lastIndexOf('/') + 1);
  return `${file}:${s.line}${s.column > 0 ? `:${s.column}` : ''}`;
}
