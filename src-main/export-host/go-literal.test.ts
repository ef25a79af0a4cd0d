// Go string literals of the exported host: exact text, and, when Go is at hand, the value gofmt
// parses (a raw byte order mark or NUL anywhere in a Go source is a syntax error).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goStr } from './go-literal.ts';

const GOFMT = '/usr/lib/go-1.19/bin/gofmt';

describe('goStr', () => {
  it.each([
    ['plain', '"plain"'],
    ['a\0b\x01', '"a\\u0000b\\u0001"'],
    ['bom\ufeff', '"bom\\ufeff"'],
    ['q"\\ \n\r\t', '"q\\"\\\\ \\n\\r\\t"'],
    ['é \u2028 \u{1f600}', '"é \u2028 \u{1f600}"'],
  ])('%j → %s', (text, literal) => {
    expect(goStr(text)).toBe(literal);
  });
});

describe.runIf(existsSync(GOFMT))('the literals under gofmt', () => {
  it('parse: no raw byte order mark or NUL reaches the source', () => {
    const texts = ['a\0b\x01', 'bom\ufeff', 'q"\\ \n\r\t', 'é \u2028 \u{1f600}'];
    const source = `package main\n\nvar texts = []string{${texts.map(goStr).join(', ')}}\n`;
    const parsed = spawnSync(GOFMT, ['-e'], { input: source, encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
  });
});
