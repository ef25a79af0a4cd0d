// Write provenance on real modules from four toolchains (clang/wasi-libc, Rust 1.63, Emscripten,
// AssemblyScript) and WASI: the writers of the bytes each step changed are named correctly.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, EXAMPLES, openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import type { BoundValue, StepRecord } from '../../../shared/dto.ts';

const open = openSessionsDisposedAfterEach();
const traced = { config: { traceWrites: true } };

/** The functions that wrote bytes of [from, to) in a step. */
function writersIn(record: StepRecord, from: number, to: number): string[] {
  return [...new Set((record.writes ?? []).filter((w) => w.start < to && w.end > from).map((w) => w.function))].sort();
}

function int(value: BoundValue | undefined): number {
  if (value?.kind !== 'int') throw new Error(`not an int: ${JSON.stringify(value)}`);
  return Number(value.value);
}

function demo(name: string): string {
  return readFileSync(`${EXAMPLES}/${name}/${name}.wseq`, 'utf8');
}

describe('write provenance (trace writes)', () => {
  it('clang-14 C: the allocator writes its chunk header, point_init the struct, the host its own write', async () => {
    const session = await open(example('c-struct'), { ...traced, sequence: 'p = malloc(32)\npoint_init(p, 3, 4, 7)\nwrite i32 -7 @ p + 4\n' });
    const records = await session.run();
    const p = int(session.bindings.p);
    // wasi-libc's malloc is dlmalloc inside: the chunk's size word sits just before p.
    expect(writersIn(records[0]!, p - 4, p)).toEqual(['dlmalloc']);
    expect(writersIn(records[1]!, p, p + 32)).toEqual(['point_init']);
    // x = 3 changes one byte: the i32.store at point_init+0x5 (wasm-objdump: func[3] at 0xb2, i32.store at 0xb7).
    expect(records[1]!.writes!.find((w) => w.start === p)).toEqual({ start: p, end: p + 1, function: 'point_init', offset: 5 });
    expect(records[2]!.writes).toEqual([{ start: p + 4, end: p + 8, function: 'host', offset: 0 }]);
    // Every changed byte has a writer, and writes cover exactly the changes.
    for (const r of records) expect(r.writes!.map((w) => [w.start, w.end])).toEqual(splitLike(r.changes, r.writes!));
  });

  it('Rust 1.63: greet writes the returned {ptr, len}, compiler_builtins copies the text', async () => {
    const session = await open(example('rust-greet'), { ...traced, sequence: demo('rust-greet') });
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    const greet = records.find((r) => r.source.startsWith('greet('))!;
    const ret = int(session.bindings.ret);
    const s = session.bindings.s as Extract<BoundValue, { kind: 'struct' }>;
    expect(writersIn(greet, ret, ret + 8)).toEqual(['greet']);
    const text = writersIn(greet, int(s.fields.ptr), int(s.fields.ptr) + int(s.fields.len));
    expect(text.length).toBeGreaterThan(0);
    // Demangled from _ZN17compiler_builtins3mem6memcpy17h…E (engine/module/demangle.ts).
    expect(text.every((f) => /^compiler_builtins::mem::(memcpy|memmove)$/.test(f))).toBe(true);
  });

  it('Emscripten: greet writes the string it returns, dlmalloc the block header', async () => {
    const session = await open(example('emscripten-greet'), { ...traced, sequence: demo('emscripten-greet') });
    const records = await session.run();
    const greet = records.find((r) => r.source.startsWith('out = greet'))!;
    const out = int(session.bindings.out);
    expect(writersIn(greet, out, out + 14)).toEqual(['greet']);
    expect(writersIn(greet, out - 4, out)).toEqual(['dlmalloc']);
  });

  it('AssemblyScript: String.__concat copies the text (memory.copy), __new writes the object header', async () => {
    const session = await open(example('assemblyscript-strings'), { ...traced, sequence: demo('assemblyscript-strings') });
    const records = await session.run();
    const greet = records.find((r) => r.source.startsWith('r = greet'))!;
    const r = int(session.bindings.r);
    expect(writersIn(greet, r, r + 28)).toEqual(['~lib/string/String.__concat']);
    expect(writersIn(greet, r - 8, r)).toEqual(['~lib/rt/itcms/__new']);
    // The host's utf16 write is the host's.
    const p = int(session.bindings.p);
    expect(writersIn(records[1]!, p, p + 12)).toEqual(['host']);
  });

  it('WASI: bytes filled by fd_read and random_get are the host function\'s', async () => {
    const session = await open(example('wasi-io'), { ...traced, sequence: demo('wasi-io') });
    const [start] = await session.run();
    const read = start!.writes!.filter((w) => w.function === 'wasi:fd_read');
    expect(read.reduce((n, w) => n + w.end - w.start, 0)).toBe(18);
    const got = await session.readMemory(read[0]!.start, read[0]!.end - read[0]!.start, 0);
    expect(got.ok && new TextDecoder().decode(got.value.bytes)).toBe('line one\nline two\n'.slice(0, read[0]!.end - read[0]!.start));
    expect(start!.writes!.some((w) => w.function === 'wasi:random_get' && w.end - w.start === 8)).toBe(true);
  });

  it('clang-19: the allocator and wasi-libc name their writes; tracing off leaves no writes', async () => {
    const on = await open(example('clang19-wasi'), { ...traced, sequence: demo('clang19-wasi') });
    const [traced19] = await on.run();
    const names = new Set(traced19!.writes!.map((w) => w.function));
    expect(names.has('dlmalloc')).toBe(true);
    expect(names.has('wasi:fd_fdstat_get')).toBe(true);
    const off = await open(example('clang19-wasi'), { sequence: demo('clang19-wasi') });
    const [plain] = await off.run();
    expect(plain!.writes).toBeUndefined();
    expect(plain!.changes).toEqual(traced19!.changes);
  });

  it('a step too scattered to keep exactly: its 4 KiB blocks\' bytes no write touched have no writer, not `unknown`', async () => {
    // bench/store-heavy (clang-14): fill_bytes writes 1 MiB at 0x400 with seed + r + i·7, which
    // leaves every 256th byte as it was: 4,096 gaps, so the step's changes are block runs.
    const session = await open(join(EXAMPLES, '../../bench/store-heavy/store-heavy.wasm'), { ...traced, sequence: 'r = fill_bytes(1, 3)\n' });
    const [step] = await session.run();
    expect(step!.changesCoarse).toBe(true);
    expect(step!.changes).toEqual([[0, 0x101000]]);
    expect([...new Set(step!.writes!.map((w) => w.function))]).toEqual(['fill_bytes']);
    expect(step!.writes!.reduce((n, w) => n + w.end - w.start, 0)).toBe(1 << 20);
  });
});

/** The changed ranges cut at every write boundary: what `writes` must cover, byte for byte. */
function splitLike(changes: [number, number][], writes: { start: number; end: number }[]): [number, number][] {
  const cuts = new Set(writes.flatMap((w) => [w.start, w.end]));
  const out: [number, number][] = [];
  for (const [from, to] of changes) {
    let start = from;
    for (let at = from + 1; at < to; at++) if (cuts.has(at)) { out.push([start, at]); start = at; }
    out.push([start, to]);
  }
  return out;
}
