// Static variables read from the DWARF of real builds (testdata/build.sh: clang-19 C with
// wasi-libc in DWARF 4 and 5, C++ without a standard library and with libc++ at -O1, a no_std
// Rust cdylib), through
// the module reader as every caller gets them (ModuleInfo.statics), and what a malformed
// .debug_info gives: a warning naming the byte, no statics, the module still usable.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../index.ts';
import { MAX_DEBUG_INFO_BYTES, moduleStatics } from './index.ts';
import { ownStaticsFirst, shortType, staticAt, staticPlace, valueWritten } from '../../../shared/statics.ts';
import type { ModuleInfo, StaticVariable } from '../../../shared/dto.ts';

const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

function info(bytes: Uint8Array): ModuleInfo {
  const r = inspectBytes(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** name type size @ address, one per line: what a reader of the test compares. */
const lines = (statics: readonly StaticVariable[]) => statics.map((v) => `${v.name}: ${v.type} (${v.size} B) @ 0x${v.address.toString(16)} in ${v.unit}`);

describe('static variables from DWARF', () => {
  it('C with wasi-libc (DWARF 4): globals, a file static, a function static, and libc\'s own', () => {
    expect(lines(info(bytesOf('statics.wasm')).statics!)).toEqual([
      'greeting: const char[6] (6 B) @ 0x400 in statics.c',
      'origin: point (8 B) @ 0x410 in statics.c',
      'grid: unsigned short[3][4] (24 B) @ 0x420 in statics.c',
      'count: int (4 B) @ 0x438 in statics.c',
      'table: pair * (4 B) @ 0x43c in statics.c',
      'calls::n: int (4 B) @ 0x440 in statics.c',
      'calls::none: char *[1] (4 B) @ 0x444 in statics.c',
      'names: char ** (4 B) @ 0x448 in statics.c',
      '_gm_: malloc_state (472 B) @ 0x44c in dlmalloc/src/dlmalloc.c',
      'mparams: malloc_params (24 B) @ 0x624 in dlmalloc/src/dlmalloc.c',
    ]);
  });

  it('DWARF 5 (string and address index forms) reads the same statics as DWARF 4', () => {
    const v4 = info(bytesOf('statics.wasm')).statics!;
    const v5 = info(bytesOf('statics-dwarf5.wasm'));
    expect(v5.warnings ?? []).toEqual([]);
    expect(lines(v5.statics!)).toEqual(lines(v4));
  });

  it('DWARF 5 with two units: the second one\'s names and addresses through its own string-offsets and address bases', () => {
    // llvm-dwarfdump: units-b.c's DW_AT_str_offsets_base 0x28 and DW_AT_addr_base 0x18 (DW_FORM_sec_offset).
    const v = info(bytesOf('units-dwarf5.wasm'));
    expect(v.warnings ?? []).toEqual([]);
    expect(lines(v.statics!)).toEqual([
      'alpha_counter: int (4 B) @ 0x400 in units-a.c',
      'beta_total: int (4 B) @ 0x404 in units-b.c',
      'beta_other: long (4 B) @ 0x408 in units-b.c',
    ]);
  });

  it('C++: namespaces, an anonymous namespace, a class static defined outside its class, a method\'s static', () => {
    expect(lines(info(bytesOf('statics-cpp.wasm')).statics!)).toEqual([
      'shapes::Registry::instances: int (4 B) @ 0x400 in statics.cpp',
      'shapes::(anonymous namespace)::scale: double[2] (16 B) @ 0x410 in statics.cpp',
      'shapes::Registry::bump::total: long long (8 B) @ 0x420 in statics.cpp',
    ]);
  });

  it('Rust: statics by module path, with Rust\'s type names', () => {
    expect(lines(info(bytesOf('statics-rust.wasm')).statics!)).toEqual([
      'statics::GREETING: &str (8 B) @ 0x100008 in statics.rs',
      'statics::COUNTER: u32 (4 B) @ 0x100010 in statics.rs',
      'statics::HITS: AtomicU32 (4 B) @ 0x100014 in statics.rs',
      'statics::inner::TABLE: u16[8] (16 B) @ 0x100018 in statics.rs',
    ]);
  });

  it('Rust: an array of arrays reads outer bound first, as C\'s `int[2][3]`; a fn pointer by rustc\'s name', () => {
    // rustc nests array types where clang gives one type two bounds: it read u8[3][2].
    expect(lines(info(bytesOf('shapes-rust.wasm')).statics!)).toEqual([
      'shapes::GRID: u8[2][3] (6 B) @ 0x100000 in shapes.rs',
      'shapes::OP: fn(u32) -> u32 (4 B) @ 0x100008 in shapes.rs',
    ]);
  });

  it('a static clang split into pieces at consecutive addresses is one static; pieces elsewhere, none', () => {
    // clang -O1 describes libc++'s shared_ptr `shared` as two 4-byte pieces, at its address and 4 past.
    const bytes = bytesOf('containers-cpp.wasm');
    const named = (b: Uint8Array, name: string) => info(b).statics!.filter((v) => v.name === name).map((v) => `${v.type} (${v.size} B)`);
    const address = info(bytes).statics!.find((v) => v.name === 'shared')!.address;
    expect(named(bytes, 'shared')).toEqual(['shared_ptr<int> (8 B)']);
    // DW_OP_addr A, DW_OP_piece 4, DW_OP_addr A + 4, DW_OP_piece 4: the second piece moved away.
    const le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
    const pieces = [0x03, ...le(address), 0x93, 4, 0x03, ...le(address + 4), 0x93, 4];
    const at = Buffer.from(bytes).indexOf(Buffer.from(pieces));
    expect(at).toBeGreaterThan(0);
    const split = bytes.slice();
    split[at + 8] ^= 0x40;
    expect(named(split, 'shared')).toEqual([]);
    expect(named(split, 'other')).toEqual(['shared_ptr<int> (8 B)']);
  });

  it("clang -O1's statics: a bool kept as its byte through a computation that leaves it as it is, a struct in pieces, an int shrunk to a flag", () => {
    // statics-o1.c: `ready` is DW_OP_addr 0x400, DW_OP_deref_size 1, DW_OP_lit1, DW_OP_mul,
    // DW_OP_lit0, DW_OP_plus, DW_OP_stack_value; `mode` the same with DW_OP_lit5: 5 times its byte.
    const statics = info(bytesOf('statics-o1.wasm')).statics!;
    expect(lines(statics)).toEqual([
      'ready: _Bool (1 B) @ 0x400 in statics-o1.c',
      'counter: int (4 B) @ 0x404 in statics-o1.c',
      'pair: struct {…} (8 B) @ 0x408 in statics-o1.c',
      'mode: int (1 B) @ 0x410 in statics-o1.c',
    ]);
    expect(statics.map((v) => v.stored)).toEqual([undefined, undefined, undefined, { scale: 5, offset: 0 }]);
  });

  it('a module without debug info has no statics field', () => {
    const plain = info(new Uint8Array(readFileSync(new URL('../../../../resources/examples/return-string/return-string.wasm', import.meta.url))));
    expect(plain.dwarf).toEqual([]);
    expect(plain.statics).toBeUndefined();
  });

  it('a malformed .debug_info is a warning naming the byte, and the module stays usable', () => {
    const bytes = bytesOf('statics-cpp.wasm').slice();
    const section = info(bytes).customSections.find((s) => s.name === '.debug_info')!;
    // The first DIE's abbreviation code follows the 11-byte DWARF 4 unit header.
    const at = section.offset + 11;
    bytes[at] = 0x7f;
    const broken = info(bytes);
    expect(broken.statics).toEqual([]);
    expect(broken.warnings).toEqual([`DWARF static variables not read: .debug_info: abbreviation code 127 is not in the unit's table (byte offset ${at})`]);
    expect(broken.exports.map((e) => e.name)).toContain('bump');
  });
});

describe('a .debug_info too big to read when a module opens', () => {
  it('is a warning naming its size and the limit, and no statics', () => {
    const size = MAX_DEBUG_INFO_BYTES + (4 << 20);
    const read = moduleStatics(new Uint8Array(size), [{ name: '.debug_info', offset: 0, size }, { name: '.debug_abbrev', offset: 0, size: 1 }]);
    expect(read).toEqual({ statics: [], types: [], warning: 'DWARF static variables not read: .debug_info is 68 MiB, more than the 64 MiB read when a module is opened; build only your own code with -g' });
  });
});

describe('a large .debug_info of many units', () => {
  // Once all units' DIEs were held at once, and more than 16 MiB was refused; a Rust program
  // with a few crates has that much. Read a unit at a time, 20 MiB of them reads as one copy.
  it('reads its statics unit by unit', () => {
    const small = bytesOf('statics.wasm');
    const big = withDebugInfoRepeated(small, 20 << 20);
    expect(big.length).toBeGreaterThan(20 << 20);
    const read = info(big);
    expect(read.warnings ?? []).toEqual([]);
    expect(read.statics).toEqual(info(small).statics);
  }, 60_000);
});

/** `wasm` with its .debug_info's units repeated until the section holds at least `size` bytes (a unit's references are its own, so each copy reads as the first). */
function withDebugInfoRepeated(wasm: Uint8Array, size: number): Uint8Array {
  const uleb = (n: number): number[] => {
    const out: number[] = [];
    do out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)); while ((n = Math.floor(n / 128)) > 0);
    return out;
  };
  const readUleb = (at: number): [number, number] => {
    let [n, scale] = [0, 1];
    for (;;) {
      const b = wasm[at++]!;
      n += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return [n, at];
    }
  };
  const parts: Uint8Array[] = [wasm.subarray(0, 8)];
  for (let at = 8; at < wasm.length;) {
    const [length, body] = readUleb(at + 1);
    const end = body + length;
    const [nameLength, name] = wasm[at] === 0 ? readUleb(body) : [0, body];
    if (wasm[at] === 0 && new TextDecoder().decode(wasm.subarray(name, name + nameLength)) === '.debug_info') {
      const units = wasm.subarray(name + nameLength, end);
      const payload = new Uint8Array(Math.ceil(size / units.length) * units.length);
      for (let o = 0; o < payload.length; o += units.length) payload.set(units, o);
      const head = [...uleb(nameLength), ...wasm.subarray(name, name + nameLength)];
      parts.push(new Uint8Array([0, ...uleb(head.length + payload.length), ...head]), payload);
    } else parts.push(wasm.subarray(at, end));
    at = end;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((o, p) => (out.set(p, o), o + p.length), 0);
  return out;
}

describe('staticAt, staticPlace and valueWritten', () => {
  const statics = info(bytesOf('statics.wasm')).statics!;

  it('finds the variable holding an address, at its start, inside it and at its last byte', () => {
    expect(staticAt(statics, 0x43c)?.name).toBe('table');
    expect(staticAt(statics, 0x43f)?.name).toBe('table');
    expect(staticAt(statics, 0x420 + 23)?.name).toBe('grid');
    expect(staticAt(statics, 0x406)).toBeNull(); // padding after greeting's 6 bytes
    expect(staticAt(statics, 0x3ff)).toBeNull();
    expect(staticAt(statics, 0x100000)).toBeNull();
    expect(staticAt([], 0x43c)).toBeNull();
  });

  it('says where in it an address lies', () => {
    expect(staticPlace(staticAt(statics, 0x43c)!, 0x43c)).toBe('the static table (pair *)');
    expect(staticPlace(staticAt(statics, 0x411)!, 0x411)).toBe('the static origin.x (int), 1 byte in');
    expect(staticPlace(staticAt(statics, 0x424)!, 0x424)).toBe('the static grid[0][2] (unsigned short)');
  });

  it('reads bytes written as the one value they cover exactly, else not at all', () => {
    const b = (...bytes: number[]) => Uint8Array.from(bytes);
    expect(valueWritten(statics, [], 0x414, b(7, 0, 0, 0), b(2, 0, 0, 0))).toBe('origin.y = 7, was 2');
    expect(valueWritten(statics, [], 0x424, b(9, 0), b(0, 0))).toBe('grid[0][2] = 9, was 0');
    expect(valueWritten(statics, [], 0x410, b(1, 0, 0, 0, 2, 0, 0, 0), b(0, 0, 0, 0, 0, 0, 0, 0))).toBe('origin = { x: 1, y: 2 }, was { x: 0, y: 0 }');
    // A byte of origin.y, two members but not the whole struct, and bytes no static holds.
    expect(valueWritten(statics, [], 0x415, b(1), b(0))).toBeNull();
    expect(valueWritten(statics, [], 0x420, b(1, 0, 2, 0), b(0, 0, 0, 0))).toBeNull();
    expect(valueWritten(statics, [], 0x406, b(1), b(0))).toBeNull();
  });

  it("lists the program's own first, a libc's after, and rustc's trait-object vtables and libc++'s header constants last", () => {
    const v = (name: string, unit: string, address: number): StaticVariable => ({ name, unit, address, size: 4, type: 'int' });
    const listed = ownStaticsFirst([
      v('<&bool as core::fmt::Debug>::{vtable}', 'src/lib.rs', 0x100), v('errno', 'libc-top-half/musl/src/errno.c', 0x200), v('app::COUNT', 'src/lib.rs', 0x300),
      v('std::__2::piecewise_construct', 'app.cpp', 0x50), v('ages', 'app.cpp', 0x400),
    ]);
    expect(listed.map((s) => s.name)).toEqual(['ages', 'app::COUNT', 'errno', 'std::__2::piecewise_construct', '<&bool as core::fmt::Debug>::{vtable}']);
  });

  it("shortens a long type's template arguments, as libc++ spells them out", () => {
    const names = 'vector<std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char> >, std::__2::allocator<std::__2::basic_string<char> > >';
    expect(shortType(names)).toBe('vector<…>');
    expect(shortType('Option<alloc::vec::Vec<u8, alloc::alloc::Global>>')).toBe('Option<…>');
    expect(shortType('Option<Vec<u8>>')).toBe('Option<Vec<u8>>');
    expect(shortType('pair *')).toBe('pair *');
  });
});
