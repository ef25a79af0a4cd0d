// The argument decoder: templates over parameter names read arguments (and guest memory) by
// kind, and every template in the WASI tables names real parameters and known kinds.
import { describe, expect, it } from 'vitest';
import { GuestMemory } from '../memory/guest-memory.ts';
import { decodeArgs, decodeLine } from './arg-decoder.ts';
import { beforeHostCall, recordsTo } from './host-call.ts';
import { WASI_FUNCTIONS } from './wasi/functions.ts';
import { WASI_UNSTABLE_FUNCTIONS } from './wasi/unstable.ts';

const encoder = new TextEncoder();

/** One page of memory: "hi\n" at 16, an iovec array {16, 3}, {32, 2} at 64, "a.txt" at 32. */
function memory(): GuestMemory {
  const mem = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
  mem.write(16, encoder.encode('hi\n'));
  mem.write(32, encoder.encode('a.txt'));
  mem.setU32(64, 16);
  mem.setU32(68, 3);
  mem.setU32(72, 32);
  mem.setU32(76, 2);
  return mem;
}

describe('argument decoder', () => {
  const mem = memory();
  const read = () => mem;

  it('reads each kind: unsigned, s64, clock, whence, paths and written text', () => {
    expect(decodeArgs('fd={fd}, {iovs:iovs}', ['fd', 'iovs', 'iovs_len', 'nwritten'], [1, 64, 2, 0], read)).toBe('fd=1, "hi\\na."');
    expect(decodeArgs('fd={fd}, {path:path}', ['fd', 'dirflags', 'path', 'path_len'], [3, 0, 32, 5], read)).toBe('fd=3, "a.txt"');
    expect(decodeArgs('id={id:clock}', ['id'], [1], read)).toBe('id=1 (monotonic)');
    expect(decodeArgs('id={id:clock}', ['id'], [9], read)).toBe('id=9 (clock 9)');
    expect(decodeArgs('offset={offset:s64}, whence={whence:whence}', ['offset', 'whence'], [-1n, 1], read)).toBe('offset=-1, whence=cur');
    expect(decodeArgs('{whence:whence0}', ['whence'], [2], read)).toBe('set');
    expect(decodeArgs('{p}', ['p'], [-1], read)).toBe('4294967295');
    expect(decodeArgs('print_utf8({ptr:utf8})', ['ptr', 'len'], [16, 3], read)).toBe('print_utf8("hi\\n")');
  });

  it('reads the kinds builtins use: signed i32, whole text for details, AssemblyScript strings, times', () => {
    const as = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
    as.setU32(96, 4); // rtSize: "ok" in UTF-16 at 100
    as.write(100, new Uint8Array([0x6f, 0, 0x6b, 0]));
    expect(decodeArgs('{v:s32}', ['v'], [0xffffffff], read)).toBe('-1');
    expect(decodeArgs('{ptr:text8}', ['ptr', 'len'], [16, 3], read)).toBe('hi\n');
    expect(decodeArgs('{m:asstring}|{z:asstring}', ['m', 'z'], [100, 0], () => as)).toBe('ok|');
    expect(decodeArgs('{sec:isotime}', ['sec', 'nsec'], [1_704_067_200n, 5_000_000], read)).toBe('2024-01-01T00:00:00.005Z');
  });

  it('throws on a pointer outside memory and on a name the parameters lack', () => {
    expect(() => decodeArgs('{path:path}', ['path', 'path_len'], [70000, 4], read)).toThrow();
    expect(() => decodeArgs('{nope}', ['fd'], [1], read)).toThrow(/no parameter 'nope'/);
    expect(() => decodeArgs('{fd:mystery}', ['fd'], [1], read)).toThrow(/unknown kind/);
  });

  it('a record falls back to name=value when its template cannot read memory', () => {
    const records: string[] = [];
    const entry = { module: 'm', name: 'path_open', binding: 'wasi' as const, params: ['fd', 'path', 'path_len'], show: 'path_open(fd={fd}, {path:path})' };
    beforeHostCall(entry, [3, 32, 5], recordsTo((r) => records.push(r.summary)), read).after({ results: [0], outcome: 'fd 4' });
    beforeHostCall(entry, [3, 70000, 5], recordsTo((r) => records.push(r.summary)), read).after({ results: [21], outcome: 'fault' });
    expect(records).toEqual(['path_open(fd=3, "a.txt") → fd 4', 'path_open(fd=3, path=70000, path_len=5) → fault']);
  });

  it('every WASI table template names its own parameters and known kinds', () => {
    const shown = [...WASI_FUNCTIONS, ...WASI_UNSTABLE_FUNCTIONS].filter((f) => f.show !== undefined);
    expect(shown.length).toBeGreaterThan(15);
    for (const f of shown) {
      // Zero arguments read nothing out of bounds: each template decodes or names what is wrong.
      expect(() => decodeArgs(f.show!, f.params, f.params.map(() => 0), read), f.name).not.toThrow();
    }
  });

  it('reads what a call wrote at its out-pointers, and noted facts as text', () => {
    const out = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
    out.setU32(8, 4);
    out.setU64(16, 1234567890123n);
    out.setU8(100 + 16, 4);
    out.setU64(100 + 32, 42n);
    const view = { names: ['nwritten', 'time', 'buf', 'kind', 'name'], values: [8, 16, 100, 'stdout', 'dir "x"'], args: [], memory: () => out };
    expect(decodeLine('{nwritten:u32at} bytes, {time:u64at} ns', view)).toBe('4 bytes, 1234567890123 ns');
    expect(decodeLine('{buf:filestat}', view)).toBe('size 42, filetype 4');
    expect(decodeLine('{kind}, {name:json}', view)).toBe('stdout, "dir \\"x\\""');
    expect(() => decodeLine('{kind:u32at}', view)).toThrow(/'kind' is text/);
  });

  it('a WASI call reads its outcome from its entry after a success, and its errno\'s name after a failure', () => {
    const records: string[] = [];
    const listener = recordsTo((r) => records.push(r.summary));
    const entry = { module: 'wasi_snapshot_preview1', name: 'fd_fdstat_get', binding: 'wasi' as const, params: ['fd', 'stat'], then: ' → {kind}, filetype {filetype}' };
    const ok = beforeHostCall(entry, [1, 0], listener, read);
    ok.note.facts.kind = 'stdout';
    ok.note.detail.filetype = 2;
    ok.after({ results: [0] });
    beforeHostCall(entry, [9, 0], listener, read).after({ results: [8], outcome: 'badf' });
    expect(records).toEqual(['fd_fdstat_get(fd=1, stat=0) → stdout, filetype 2', 'fd_fdstat_get(fd=9, stat=0) → badf']);
  });
});
