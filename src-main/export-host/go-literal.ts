// String literals of the exported Go host. JSON.stringify's are Go's too (Go reads \", \\, \n and
// \uXXXX alike, and JSON escapes every control character, NUL as \u0000), but for one: a raw
// U+FEFF, which Go refuses anywhere in a source file but its very start ("illegal byte order
// mark"). It is written \ufeff, the same character.

export function goStr(text: string): string {
  return JSON.stringify(text).replaceAll('\ufeff', '\\ufeff');
}
