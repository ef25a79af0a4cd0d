// Source lines from the .debug_line of real builds (testdata/build.sh), checked against what
// llvm-dwarfdump-19 --debug-line prints for the same modules, and a malformed table's error.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readModule } from '../index.ts';
import { moduleLines } from './index.ts';

const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

function linesOf(bytes: Uint8Array) {
  const m = readModule(bytes);
  if (!m.ok) throw new Error(m.error.message);
  return moduleLines(bytes, m.value.customSections);
}

/** statics.wasm's code section payload starts at file offset 0xa3 (wasm-objdump -h); DWARF's addresses count from there. */
const CODE = 0xa3;

describe('DWARF line tables', () => {
  it('C with wasi-libc (DWARF 4): rows as llvm-dwarfdump lists them, libc\'s files by their paths', () => {
    const read = linesOf(bytesOf('statics.wasm'));
    if (!read || !('lines' in read)) throw new Error('no line table');
    const { lines } = read;
    // llvm-dwarfdump: 0x05 line 4 col 0 (crt1-reactor.c), 0x0c 7:1, end_sequence at 0x0d; 0x3b 16:19 and 0x4a 16:42 (statics.c).
    expect(lines.at(CODE + 0x05)).toEqual({ file: 'libc-bottom-half/crt/crt1-reactor.c', line: 4, column: 0 });
    expect(lines.at(CODE + 0x0c)).toEqual({ file: 'libc-bottom-half/crt/crt1-reactor.c', line: 7, column: 1 });
    expect(lines.at(CODE + 0x0d)).toBeNull(); // past the sequence's end, before the next one
    expect(lines.at(CODE + 0x3b)).toEqual({ file: 'statics.c', line: 16, column: 19 });
    expect(lines.at(CODE + 0x49)).toEqual({ file: 'statics.c', line: 16, column: 19 });
    expect(lines.at(CODE + 0x4a)).toEqual({ file: 'statics.c', line: 16, column: 42 });
    expect(lines.at(CODE - 1)).toBeNull(); // not code
    expect(read.rows).toBeGreaterThan(1000);
  });

  it('DWARF 5 (v5 file entries, strings in .debug_line_str) gives the same lines for the same code', () => {
    const v4 = linesOf(bytesOf('statics.wasm'));
    const v5 = linesOf(bytesOf('statics-dwarf5.wasm'));
    if (!v4 || !('lines' in v4) || !v5 || !('lines' in v5)) throw new Error('no line table');
    // Same code, so the same offsets; only the debug sections differ (they follow the code).
    for (let at = CODE; at < CODE + 0x400; at += 3) expect(v5.lines.at(at), `offset ${at}`).toEqual(v4.lines.at(at));
  });

  it('Rust: its own file, and C++ by its source', () => {
    for (const [name, file] of [['statics-rust.wasm', 'statics.rs'], ['statics-cpp.wasm', 'statics.cpp']] as const) {
      const read = linesOf(bytesOf(name));
      if (!read || !('lines' in read)) throw new Error(`no line table in ${name}`);
      const m = readModule(bytesOf(name));
      if (!m.ok) throw new Error(m.error.message);
      const code = m.value.sections.find((s) => s.name === 'code')!;
      const files = new Set<string>();
      for (let at = code.start; at < code.end; at++) {
        const s = read.lines.at(at);
        if (s) files.add(s.file.slice(s.file.lastIndexOf('/') + 1));
      }
      expect([...files]).toContain(file);
    }
  });

  it('a module without .debug_line has none; a malformed one is an error naming the byte', () => {
    expect(linesOf(new Uint8Array(readFileSync(new URL('../../../../resources/examples/return-string/return-string.wasm', import.meta.url))))).toBeNull();
    const bytes = bytesOf('statics-cpp.wasm').slice();
    const m = readModule(bytes);
    if (!m.ok) throw new Error(m.error.message);
    const section = m.value.customSections.find((s) => s.name === '.debug_line')!;
    // The version (u16 after the 4-byte length) set to 9.
    bytes[section.offset + 4] = 9;
    expect(linesOf(bytes)).toEqual({ problem: `DWARF source lines not read: .debug_line: line table version 9 is not supported (byte offset ${section.offset + 4})` });
  });
});
