// Memory images opened read-only: our own coredump of a real trap (frames named from the module
// given beside it), a wasmtime-shaped one, a saved snapshot with its call log and names, a raw
// .bin; what cannot be read is named; nothing runs.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { wasmtimeShapedCoredump } from '../coredump/testing/wasmtime-shaped.ts';
import { openMemoryImage } from './open-image.ts';
import type { MemoryImage } from './memory-image.ts';

const open = openSessionsDisposedAfterEach();
const file = (name: string) => ({ name: `${name}.wasm`, bytes: new Uint8Array(readFileSync(example(name))) });
const sequence = (name: string) => readFileSync(example(name).replace(/\.wasm$/, '.wseq'), 'utf8');

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function bytesAt(image: MemoryImage, address: number, length: number): Promise<number[]> {
  return [...value(await image.readMemory(address, length)).bytes];
}

describe('memory images', () => {
  it('our coredump of a trap: memory, globals, and the stack named from the module given beside it', async () => {
    const session = await open(example('trap'), { sequence: sequence('trap') });
    await session.run();
    const dump = value(await session.exportCoredump());
    const core = { name: dump.fileName, bytes: dump.bytes };

    const named = value(openMemoryImage(core, file('trap')));
    expect(named.state).toBe('read-only');
    expect(named.imageInfo.kind).toBe('coredump');
    expect(named.imageInfo.threads[0]!.frames.map((f) => f.name)).toEqual(['divide', 'mean', 'average', 'report']);
    expect(named.imageInfo.origin).toBe('Wasm coredump of trap.wasm, stopped in divide');
    expect(named.memorySize).toBe(session.memorySize);
    // The sequence wrote 10, 20, 30, 40 as u32 at 256.
    expect(await bytesAt(named, 256, 8)).toEqual([10, 0, 0, 0, 20, 0, 0, 0]);
    expect(named.info.exports.map((e) => e.name)).toContain('report');

    const bare = value(openMemoryImage(core));
    expect(bare.imageInfo.threads[0]!.frames.map((f) => f.name)).toEqual(['wasm-function[4]', 'wasm-function[2]', 'wasm-function[1]', 'wasm-function[0]']);
    expect(bare.imageInfo.namesFrom).toBeNull();
    // Exported again as it was read.
    expect(value(await bare.exportCoredump()).bytes).toEqual(dump.bytes);
  });

  it('a wasmtime-shaped coredump: its memory, globals in instance order, frames with code offsets', async () => {
    const memory = new Uint8Array(2 * 65536);
    memory.set([0xef, 0xbe, 0xad, 0xde], 256);
    const bytes = wasmtimeShapedCoredump({
      processName: 'trap.wasm', moduleName: '<anonymous-module-0>', memory, maxPages: 10,
      globals: [{ type: 'i32', mutable: true, value: 66560n }, { type: 'i64', mutable: false, value: -5n }],
      frames: [{ funcIndex: 4, codeOffset: 5 }, { funcIndex: 0, codeOffset: 4 }],
    });
    // Bare: trap.wasm declares no globals, so it cannot name a dump that holds two.
    const image = value(openMemoryImage({ name: 'wasmtime.core', bytes }));
    expect(await bytesAt(image, 256, 4)).toEqual([0xef, 0xbe, 0xad, 0xde]);
    expect(image.memorySize).toBe(2 * 65536);
    expect(image.imageInfo.globals).toEqual([
      { index: 0, mutable: true, value: { type: 'i32', bits: 66560 } }, { index: 1, mutable: false, value: { type: 'i64', bits: 'fffffffffffffffb' } },
    ]);
    expect([...value(image.pageMap())]).toEqual([1, 0]);
    const ofTrap = wasmtimeShapedCoredump({
      processName: 'trap.wasm', moduleName: '<anonymous-module-0>', memory, maxPages: 10, globals: [],
      frames: [{ funcIndex: 4, codeOffset: 5 }, { funcIndex: 0, codeOffset: 4 }],
    });
    const named = value(openMemoryImage({ name: 'wasmtime.core', bytes: ofTrap }, file('trap')));
    expect(named.imageInfo.threads[0]!.frames).toEqual([
      { instance: 0, funcIndex: 4, name: 'divide', codeOffset: 5 }, { instance: 0, funcIndex: 0, name: 'report', codeOffset: 4 },
    ]);
    // An anonymous module name is no name to compare.
    expect(named.imageInfo.origin).toBe('Wasm coredump of trap.wasm, stopped in divide');
  });

  it('a saved snapshot: its step, call log, regions and names; other steps are refused', async () => {
    const session = await open(example('return-string'), { sequence: sequence('return-string') });
    await session.run({ untilLine: session.stepLines[5]! });
    const saved = value(await session.exportSnapshot({ format: 'sparse' }));
    const image = value(openMemoryImage({ name: saved.fileName, bytes: saved.bytes }));
    expect(image.imageInfo.kind).toBe('snapshot');
    expect(image.nextStep).toBe(5);
    expect(image.steps).toHaveLength(5);
    expect(image.imageInfo.origin).toMatch(/^return-string\.wasm, after step 5 \(line \d+: /);
    expect(image.regions.map((r) => r.name)).toEqual(session.regions.map((r) => r.name));
    const text = session.bindings.text;
    if (text?.kind !== 'text') throw new Error('the demo binds text');
    expect(new TextDecoder().decode(new Uint8Array(await bytesAt(image, text.address, text.byteLength)))).toBe(text.value);
    expect(value(image.evaluate('s.ptr + 4'))).toBe(String(text.address + 4));
    const past = await image.readMemory(0, 4, 1);
    expect(past.ok ? null : past.error.message).toBe(`${saved.fileName} holds only the memory after step 5, not that of step 2`);
    expect(image.whyCannotStep().message).toMatch(/is a saved snapshot, opened read-only: no guest runs/);
    expect((await image.heap()).ok).toBe(false);
    // Its module, when given, must be the one it was taken of.
    const wrong = openMemoryImage({ name: saved.fileName, bytes: saved.bytes }, file('trap'));
    expect(wrong.ok ? null : wrong.error.message).toMatch(/^trap\.wasm is not the module .* was taken of/);
  });

  it('a raw .bin and files that are no memory image', async () => {
    const raw = new Uint8Array(65536);
    raw.set([1, 2, 3], 100);
    const image = value(openMemoryImage({ name: 'memory.bin', bytes: raw }));
    expect(image.imageInfo.kind).toBe('raw');
    expect(await bytesAt(image, 99, 5)).toEqual([0, 1, 2, 3, 0]);

    const module = openMemoryImage(file('trap'));
    expect(module.ok ? null : module.error.message).toBe('trap.wasm is a Wasm module, not a coredump (it has no "core" section): open it as a module');
    const text = openMemoryImage({ name: 'notes.txt', bytes: new TextEncoder().encode('hello') });
    expect(text.ok ? null : text.error).toMatchObject({ code: 'malformed-snapshot', where: { file: 'notes.txt', offset: 0 } });
    const cut = openMemoryImage({ name: 'cut.msnap', bytes: new TextEncoder().encode('MSNAP\0\0\x01') });
    expect(cut.ok ? null : cut.error).toMatchObject({ code: 'malformed-snapshot', where: { file: 'cut.msnap' } });
  });
});
