// Source lines from the .debug_line of real builds (testdata/build.sh), checked against what
// llvm-dwarfdump-19 --debug-line prints for the same modules (files under their units' compilation
// directories), and a malformed table's error.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readModule } from '../index.ts';
import { moduleLines } from './index.ts';
import { joinPath } from './debug-line.ts';

const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

function linesOf(bytes: Uint8Array) {
  const m = readModule(bytes);
  if (!m.ok) throw new Error(m.error.message);
  return moduleLines(bytes, m.value.customSections);
}

/** Where build.sh ran when the committed modules were built: their units' DW_AT_comp_dir. */
const BUILT_IN = '/work/main/src-main/engine/module/dwarf/testdata';

/** Each file the module's code is placed in, with the lines placed there. */
function filesOf(name: string, bytes = bytesOf(name)): Map<string, Set<number>> {
  const read = linesOf(bytes);
  if (!read || !('lines' in read)) throw new Error(`no line table in ${name}`);
  const m = readModule(bytes);
  if (!m.ok) throw new Error(m.error.message);
  const code = m.value.sections.find((s) => s.name === 'code')!;
  const files = new Map<string, Set<number>>();
  for (let at = code.start; at < code.end; at++) {
    const s = read.lines.at(at);
    if (s) files.set(s.file, (files.get(s.file) ?? new Set()).add(s.line));
  }
  return files;
}

/** statics.wasm's code section payload starts at file offset 0xa3 (wasm-objdump -h); DWARF's addresses count from there. */
const CODE = 0xa3;

describe('DWARF line tables', () => {
  it('C with wasi-libc (DWARF 4): rows as llvm-dwarfdump lists them, libc\'s files by their paths', () => {
    const read = linesOf(bytesOf('statics.wasm'));
    if (!read || !('lines' in read)) throw new Error('no line table');
    const { lines } = read;
    // llvm-dwarfdump: 0x05 line 4 col 0 (crt1-reactor.c), 0x0c 7:1, end_sequence at 0x0d; 0x3b 16:19 and 0x4a 16:42 (statics.c).
    // crt1-reactor.c's unit was compiled in `./build` (a relative comp_dir, so the path stays
    // relative); statics.c's in testdata, where build.sh ran.
    expect(lines.at(CODE + 0x05)).toEqual({ file: 'build/libc-bottom-half/crt/crt1-reactor.c', line: 4, column: 0 });
    expect(lines.at(CODE + 0x0c)).toEqual({ file: 'build/libc-bottom-half/crt/crt1-reactor.c', line: 7, column: 1 });
    expect(lines.at(CODE + 0x0d)).toBeNull(); // past the sequence's end, before the next one
    expect(lines.at(CODE + 0x3b)).toEqual({ file: `${BUILT_IN}/statics.c`, line: 16, column: 19 });
    expect(lines.at(CODE + 0x49)).toEqual({ file: `${BUILT_IN}/statics.c`, line: 16, column: 19 });
    expect(lines.at(CODE + 0x4a)).toEqual({ file: `${BUILT_IN}/statics.c`, line: 16, column: 42 });
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

  // paths/src/paths.c built in paths/ (build.sh): the line table names `src/paths.c` and
  // `include/paths.h`, relative to that compilation directory, not to the module's folder.
  it('C built in another folder (DWARF 4: comp_dir from .debug_info; DWARF 5: directory 0): files under the compilation directory', () => {
    for (const name of ['paths-dwarf4.wasm', 'paths-dwarf5.wasm']) {
      const files = filesOf(name);
      expect([...files.keys()].sort(), name).toEqual([`${BUILT_IN}/paths/include/paths.h`, `${BUILT_IN}/paths/src/paths.c`]);
      expect([...files.get(`${BUILT_IN}/paths/src/paths.c`)!].sort(), name).toEqual([6, 7, 8]);
      expect([...files.get(`${BUILT_IN}/paths/include/paths.h`)!].sort(), name).toEqual([2, 3]);
    }
  });

  it('Rust: core\'s files (`library/core/src/…` in its line tables) under /usr/src/rustc-1.63.0, the crate\'s under its folder', () => {
    const files = [...filesOf('core-paths-rust.wasm').keys()];
    expect(files).toContain('/usr/src/rustc-1.63.0/library/core/src/panicking.rs');
    expect(files).toContain(`${BUILT_IN}/core-paths.rs`);
    expect(files.filter((f) => !f.startsWith('/'))).toEqual([]);
  });

  it('a malformed .debug_info leaves the lines, their paths as the line table writes them', () => {
    const bytes = bytesOf('paths-dwarf4.wasm').slice();
    const m = readModule(bytes);
    if (!m.ok) throw new Error(m.error.message);
    const info = m.value.customSections.find((s) => s.name === '.debug_info')!;
    bytes[info.offset + 4] = 9; // the unit's version
    expect([...filesOf('paths-dwarf4.wasm', bytes).keys()].sort()).toEqual(['include/paths.h', 'src/paths.c']);
  });

  it('joins a name to its directory: absolute names kept, `.` steps dropped, `..` kept, relative stays relative', () => {
    expect(joinPath('/usr/src/rustc-1.63.0', 'library/core/src')).toBe('/usr/src/rustc-1.63.0/library/core/src');
    expect(joinPath('/a/b/', 'c.rs')).toBe('/a/b/c.rs');
    expect(joinPath('/a', '/b/c.c')).toBe('/b/c.c');
    expect(joinPath('C:\\src', 'D:\\x\\a.c')).toBe('D:\\x\\a.c');
    expect(joinPath('./build', './libc-bottom-half/crt')).toBe('build/libc-bottom-half/crt');
    expect(joinPath('.', './dlmalloc/src')).toBe('dlmalloc/src');
    expect(joinPath('/r/library/core/src', '../../stdarch/x')).toBe('/r/library/core/src/../../stdarch/x');
    expect(joinPath('', 'a.c')).toBe('a.c');
    expect(joinPath('.', '.')).toBe('.');
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
