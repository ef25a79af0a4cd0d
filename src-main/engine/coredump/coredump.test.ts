// Coredumps of real sessions: a trap four calls deep and clean runs, validated by V8 and by
// wabt's wasm-objdump (an independent reader), read back, and re-encoded to the same bytes.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { readFileSync } from 'node:fs';
import { decodeCoredump, looksLikeCoredump } from './read.ts';
import { encodeCoredump } from './write.ts';
import { readSparseImage } from '../memory/sparse-image.ts';
import { formatValue } from '../../shared/value-format.ts';

const open = openSessionsDisposedAfterEach();
const sequence = (name: string) => readFileSync(example(name).replace(/\.wasm$/, '.wseq'), 'utf8');
const OBJDUMP = '/usr/bin/wasm-objdump';

describe('Wasm coredumps', () => {
  it('a trap: the guest stack by function index and code offset, memory, validate, round trip', async () => {
    const session = await open(example('trap'), { sequence: sequence('trap') });
    await session.run();
    expect(session.state).toBe('failed');
    // Frame offsets are in the user's module (wasm-objdump: i32.div_u at 0xaf), not in the
    // memory-capped copy V8 compiled, whose memory section is 3 bytes longer.
    expect(session.steps.at(-1)!.error!.stack![0]!.offset).toBe(0xaf);
    const exported = await session.exportCoredump();
    if (!exported.ok) throw new Error(exported.error.message);
    const bytes = exported.value.bytes;
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(looksLikeCoredump(bytes)).toBe(true);

    const dump = decodeCoredump(bytes);
    if (!dump.ok) throw new Error(dump.error.message);
    expect(dump.value.processName).toBe('trap.wasm');
    expect(dump.value.modules).toEqual(['trap.wasm']);
    // report(0) -> $average(1) -> $mean(2) -> $divide(4), innermost first. $divide's body is
    // 00 (no locals) 20 00 20 01 6e: i32.div_u sits 5 bytes past the body's start.
    const frames = dump.value.threads[0]!.frames;
    expect(frames.map((f) => f.funcIndex)).toEqual([4, 2, 1, 0]);
    expect(frames[0]!.codeOffset).toBe(5);
    const memory = dump.value.memories[0]!;
    expect(memory.min).toBe(1);
    const words = readSparseImage(memory.image, 256, 16);
    expect(words.ok && [...new Uint32Array(words.value.buffer)]).toEqual([10, 20, 30, 40]);

    // Round trip: the decoded dump encodes to the same bytes.
    expect(Buffer.from(encodeCoredump(dump.value)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a clean run of a C demo: no frames, memory as the session reads it, the live stack pointer', async () => {
    const session = await open(example('return-string'), { sequence: sequence('return-string') });
    await session.run();
    expect(session.state).toBe('done');
    const exported = await session.exportCoredump();
    if (!exported.ok) throw new Error(exported.error.message);
    expect(WebAssembly.validate(exported.value.bytes)).toBe(true);
    // clang's __stack_pointer (global 0) is private, but the engine exports it in the copy it
    // runs (for the heap walkers), so its live value is in the dump: back at its initial value.
    expect(exported.value.initialOnly).toEqual([]);
    const dump = decodeCoredump(exported.value.bytes);
    if (!dump.ok) throw new Error(dump.error.message);
    expect(dump.value.threads[0]!.frames).toEqual([]);
    expect(dump.value.globals).toEqual([{ mutable: true, value: { type: 'i32', bits: 67088 }, at: expect.any(Number) }]);
    const live = await session.readMemory(0, session.memorySize);
    const dumped = readSparseImage(dump.value.memories[0]!.image, 0, session.memorySize);
    expect(live.ok && dumped.ok && Buffer.from(live.value.bytes).equals(Buffer.from(dumped.value))).toBe(true);
  });

  it('exported globals carry their live values (Rust __data_end, __heap_base)', async () => {
    const session = await open(example('rust-greet'), { sequence: sequence('rust-greet') });
    await session.run();
    const exported = await session.exportCoredump();
    if (!exported.ok) throw new Error(exported.error.message);
    const dump = decodeCoredump(exported.value.bytes);
    if (!dump.ok) throw new Error(dump.error.message);
    expect(dump.value.globals.map((g) => formatValue(g.value))).toEqual(['1048576', '1049812', '1049824']);
    expect(exported.value.initialOnly).toEqual([]);
  });

  it.runIf(existsSync(OBJDUMP))('wabt\'s wasm-objdump reads the sections of a dump', async () => {
    const session = await open(example('trap'), { sequence: sequence('trap') });
    await session.run();
    const exported = await session.exportCoredump();
    if (!exported.ok) throw new Error(exported.error.message);
    const file = join(mkdtempSync(join(tmpdir(), 'memscope-core-')), 'trap.core.wasm');
    writeFileSync(file, exported.value.bytes);
    const headers = execFileSync(OBJDUMP, ['-h', file], { encoding: 'utf8' });
    for (const name of ['"core"', '"coremodules"', '"coreinstances"', '"corestack"']) expect(headers).toContain(name);
    expect(headers).toMatch(/Memory start=.* count: 1/);
    expect(headers).toMatch(/Data start=.* count: [1-9]/);
  });

  it('a step that is not recorded is an error value', async () => {
    const session = await open(example('trap'), { sequence: sequence('trap') });
    const exported = await session.exportCoredump({ step: 3 });
    expect(exported.ok).toBe(false);
  });
});

describe('a wasmtime-shaped coredump', () => {
  it('reads memory, globals and frames whatever the section order', async () => {
    const { wasmtimeShapedCoredump } = await import('./testing/wasmtime-shaped.ts');
    const memory = new Uint8Array(2 * 65536);
    new DataView(memory.buffer).setUint32(256, 0xdeadbeef, true);
    memory.set([1, 2, 3], 70000);
    const bytes = wasmtimeShapedCoredump({
      processName: 'trap.wasm', moduleName: '<anonymous-module-0>', memory, maxPages: 10,
      globals: [{ type: 'i32', mutable: true, value: 66560n }, { type: 'i64', mutable: false, value: -5n }],
      frames: [{ funcIndex: 4, codeOffset: 5 }, { funcIndex: 0, codeOffset: 4 }],
    });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const dump = decodeCoredump(bytes);
    if (!dump.ok) throw new Error(dump.error.message);
    expect(dump.value.processName).toBe('trap.wasm');
    expect(dump.value.modules).toEqual(['<anonymous-module-0>']);
    expect(dump.value.instances).toEqual([{ module: 0, memories: [0], globals: [0, 1], at: expect.any(Number) }]);
    expect(dump.value.globals).toEqual([
      { mutable: true, value: { type: 'i32', bits: 66560 }, at: expect.any(Number) }, { mutable: false, value: { type: 'i64', bits: 'fffffffffffffffb' }, at: expect.any(Number) },
    ]);
    expect(dump.value.threads[0]!.frames.map((f) => [f.instance, f.funcIndex, f.codeOffset])).toEqual([[0, 4, 5], [0, 0, 4]]);
    const m = dump.value.memories[0]!;
    expect([m.min, m.max]).toEqual([2, 10]);
    const read = readSparseImage(m.image, 0, memory.length);
    expect(read.ok && Buffer.from(read.value).equals(Buffer.from(memory))).toBe(true);
  });

  it('a module without a core section, or a truncated one, is a clear error', () => {
    const plain = readFileSync(example('trap'));
    const notCore = decodeCoredump(plain);
    expect(!notCore.ok && notCore.error.message).toMatch(/no "core" custom section/);
    const cut = decodeCoredump(plain.subarray(0, 40));
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.error.code).toBe('malformed-snapshot');
  });
});
