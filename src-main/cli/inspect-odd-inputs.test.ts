// `memscope inspect` on inputs at the edges: names that would break the summary's table or drive
// the terminal, a feature V8 refuses (said with where it is), a directory holding no module, an
// option given twice.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectBytes } from '../engine/index.ts';
import { parseInspectArgs } from './inspect-args.ts';
import { formatFileError, formatSummary, nameText } from './inspect-format.ts';
import { memscope } from './testing/memscope-cli.ts';

const TESTDATA = join(import.meta.dirname, 'testdata');

describe('inspect: names from the binary', () => {
  it('an empty name or one with control characters is quoted and escaped; the rest print as they are', () => {
    expect(nameText('malloc')).toBe('malloc');
    expect(nameText('x y')).toBe('x y');
    expect(nameText('é😀')).toBe('é😀');
    expect(nameText('')).toBe('""');
    expect(nameText('a\nb\x1b[31m\x7f')).toBe('"a\\x0ab\\x1b[31m\\x7f"');
  });

  it('the summary has no raw line break or ESC from a name, and one row per export', () => {
    const info = inspectBytes(readFileSync(join(TESTDATA, 'odd-names.wasm')));
    if (!info.ok) throw new Error(info.error.message);
    const text = formatSummary('odd-names.wasm', info.value);
    expect(text).not.toMatch(/\x1b/);
    const lines = text.split('\n');
    const exports = lines.indexOf('  exports     4');
    expect(lines.slice(exports + 1, exports + 5)).toEqual([
      '    "mem\\x1b[2J"           memory  1.. pages',
      '    ""                     func    () -> i32',
      '    "red\\x1b[31m\\x0anext"  func    () -> i32',
      '    plain                  func    () -> i32',
    ]);
    expect(text).toContain('\n    env."log\\x0a"  func  (i32) -> ()  -> default\n');
    expect(text).toContain('exported as "mem\\x1b[2J"\n');
  });

  it('producers entries (free text in the binary) are escaped the same way', () => {
    const info = inspectBytes(readFileSync(join(TESTDATA, 'odd-names.wasm')));
    if (!info.ok) throw new Error(info.error.message);
    const text = formatSummary('odd-names.wasm', { ...info.value, producers: { language: [{ name: 'C\x1b[2J', version: '99\n' }] } });
    expect(text.split('\n')).toContain('  language    "C\\x1b[2J" "99\\x0a"');
  });
});

describe('inspect: errors say where', () => {
  it('a feature V8 refuses (two memories) names its section and byte offset, as a malformed module does', () => {
    const info = inspectBytes(readFileSync(join(TESTDATA, 'two-memories.wasm')));
    expect(info.ok).toBe(false);
    if (info.ok) return;
    expect(info.error.code).toBe('unsupported');
    expect(formatFileError('two-memories.wasm', info.error)).toMatch(/^two-memories\.wasm: unsupported: the module uses 2 memories .*\(section memory, byte offset 10\)$/);
  });
});

describe('inspect: a directory with no module in it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-inspx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is an error in its place: exit 2, and with --json a record for it', () => {
    const text = memscope(['inspect', dir]);
    expect([text.status, text.stdout, text.stderr]).toEqual([2, '', `${dir}: no .wasm files in this directory\n`]);
    const good = join(TESTDATA, 'odd-names.wasm');
    const json = memscope(['inspect', '--json', dir, good]);
    expect(json.status).toBe(2);
    const records = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { file: string; ok: boolean; error?: unknown });
    expect(records.map((r) => [r.file, r.ok])).toEqual([[dir, false], [good, true]]);
    expect(records[0]!.error).toEqual({ code: 'io', message: 'no .wasm files in this directory', where: { file: dir } });
  });
});

describe('parseInspectArgs: an option given twice', () => {
  it('--sequence twice is refused, not the first dropped', () => {
    expect(parseInspectArgs(['--sequence', 'a.wseq', '--sequence', 'b.wseq', 'm.wasm'])).toBe('--sequence given twice; give it once');
  });
});
