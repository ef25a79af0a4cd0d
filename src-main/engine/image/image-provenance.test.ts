// Where an image's memory came from, said honestly: a coredump's or raw dump's memory exported
// again is named after the image and labelled with it (not "initial", before any step); a module
// that is not the dumped one is refused, naming both files; an empty .bin is no dump.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { wasmtimeShapedCoredump } from '../coredump/testing/wasmtime-shaped.ts';
import { openMemoryImage } from './open-image.ts';

const open = openSessionsDisposedAfterEach();
const file = (name: string) => ({ name: `${name}.wasm`, bytes: new Uint8Array(readFileSync(example(name))) });

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function message(r: { ok: true } | { ok: false; error: { message: string } }): string | null {
  return r.ok ? null : r.error.message;
}

async function trapDump(): Promise<{ name: string; bytes: Uint8Array }> {
  const session = await open(example('trap'), { sequence: readFileSync(example('trap').replace(/\.wasm$/, '.wseq'), 'utf8') });
  await session.run();
  const dump = value(await session.exportCoredump());
  return { name: dump.fileName, bytes: dump.bytes };
}

describe('where an image came from', () => {
  it('a coredump exported as a snapshot is named after the dump and labelled with it', async () => {
    const core = await trapDump();
    const image = value(openMemoryImage(core, file('trap')));
    const sparse = value(await image.exportSnapshot({ format: 'sparse' }));
    expect(sparse.fileName).toBe(core.name.replace(/\.wasm$/, '.msnap'));
    expect(sparse.fileName).not.toMatch(/initial/);
    expect(value(await image.exportSnapshot({ format: 'bin' })).fileName).toBe(core.name.replace(/\.wasm$/, '.bin'));
    const again = value(openMemoryImage({ name: sparse.fileName, bytes: sparse.bytes }));
    // Step -1 of a dump's memory is no step: it read 'trap.wasm, before the first step, "from coredump …"'.
    expect(again.imageInfo.origin).toBe(`trap.wasm, memory from coredump ${core.name}, not taken at a step`);
  });

  it('a raw dump exported again is named after it, never as itself', async () => {
    const image = value(openMemoryImage({ name: 'memory.bin', bytes: new Uint8Array(65536) }, file('trap')));
    expect(value(await image.exportSnapshot({ format: 'sparse' })).fileName).toBe('memory.msnap');
    expect(value(await image.exportSnapshot({ format: 'bin' })).fileName).toBe('memory.copy.bin');
    expect(value(await image.exportCoredump()).fileName).toBe('memory.core.wasm');
    const saved = value(await image.exportSnapshot({ format: 'sparse' }));
    expect(value(openMemoryImage({ name: 'memory.msnap', bytes: saved.bytes })).imageInfo.origin).toBe('trap.wasm, memory from raw memory dump memory.bin, not taken at a step');
  });

  it('a module that is not the dumped one is refused, naming both files', async () => {
    const core = await trapDump();
    // trap.wasm has no globals, return-string.wasm one: its names ("stopped in dlmalloc") were shown.
    // The offset is instance 0's, whose list of globals is empty (past coreinstances' name and count).
    const instanceAt = Buffer.from(core.bytes).indexOf('coreinstances') + 14;
    expect(message(openMemoryImage(core, file('return-string'))))
      .toBe(`return-string.wasm is not the module ${core.name} was dumped from (it names trap.wasm): the dump holds 0 globals (byte offset ${instanceAt}), return-string.wasm declares 1`);
    const far = wasmtimeShapedCoredump({
      processName: 'x', moduleName: '<anonymous-module-0>', memory: new Uint8Array(65536), maxPages: null, globals: [],
      frames: [{ funcIndex: 40, codeOffset: 0 }],
    });
    expect(message(openMemoryImage({ name: 'x.core', bytes: far }, file('trap'))))
      // The frame is the dump's last 6 bytes (corestack last, as wasmtime writes it): 0x00, instance, function, offset, no locals, no stack.
      .toBe(`trap.wasm is not the module x.core was dumped from (it names x): thread "main" has a frame in function 40 (byte offset ${far.length - 6}), but trap.wasm has 10 functions`);
    // A frame in one of its functions, at an offset past that function's body: shown as in it,
    // without a word, and without a source line.
    const past = wasmtimeShapedCoredump({
      processName: 'trap.wasm', moduleName: 'trap.wasm', memory: new Uint8Array(65536), maxPages: null, globals: [],
      frames: [{ funcIndex: 9, codeOffset: 100000 }],
    });
    expect(message(openMemoryImage({ name: 'p.core', bytes: past }, file('trap'))))
      .toMatch(new RegExp(`^trap\\.wasm is not the module p\\.core was dumped from \\(it names trap\\.wasm\\): thread "main" has a frame in function 9 at \\+0x186a0 \\(byte offset ${past.length - 8}\\), past the end of its \\d+-byte body in trap\\.wasm$`));
    const typed = wasmtimeShapedCoredump({
      processName: 'return-string.wasm', moduleName: 'return-string.wasm', memory: new Uint8Array(65536), maxPages: null,
      globals: [{ type: 'i64', mutable: true, value: 0n }], frames: [],
    });
    expect(message(openMemoryImage({ name: 'y.core', bytes: typed }, file('return-string'))))
      .toMatch(/^return-string\.wasm is not the module y\.core was dumped from \(it names return-string\.wasm\): global 0 is mutable i64 in the dump \(byte offset \d+\), mutable i32 in return-string\.wasm$/);
  });

  it('the right module under another name opens, and the origin says the names differ', async () => {
    const core = await trapDump();
    const renamed = value(openMemoryImage(core, { ...file('trap'), name: 'trap-v2.wasm' }));
    expect(renamed.imageInfo.origin).toBe('Wasm coredump of trap.wasm, stopped in divide (named from trap-v2.wasm, but the dump names trap.wasm)');
    expect(value(openMemoryImage(core, file('trap'))).imageInfo.origin).toBe('Wasm coredump of trap.wasm, stopped in divide');
  });

  it('an empty .bin is refused; a .bin of any other length is that many bytes', async () => {
    const empty = openMemoryImage({ name: 'memory.bin', bytes: new Uint8Array(0) });
    expect(empty.ok ? null : empty.error).toMatchObject({
      code: 'malformed-snapshot', message: 'the file is empty: a raw memory dump (.bin) holds every byte of memory, and this holds none', where: { file: 'memory.bin' },
    });
    const five = value(openMemoryImage({ name: 'five.bin', bytes: new Uint8Array([1, 2, 3, 4, 5]) }));
    expect(five.imageInfo.origin).toBe('raw memory dump, 5 bytes');
    expect(five.memorySize).toBe(5);
    expect([...value(await five.readMemory(0, 5)).bytes]).toEqual([1, 2, 3, 4, 5]);
    const saved = value(await five.exportSnapshot({ format: 'sparse' }));
    const again = value(openMemoryImage({ name: saved.fileName, bytes: saved.bytes }));
    expect(again.memorySize).toBe(5);
    expect([...value(await again.readMemory(0, 5)).bytes]).toEqual([1, 2, 3, 4, 5]);
    expect([...value(await five.exportSnapshot({ format: 'bin' })).bytes]).toEqual([1, 2, 3, 4, 5]);
    expect(value(openMemoryImage({ name: 'one.bin', bytes: new Uint8Array(1) })).imageInfo.origin).toBe('raw memory dump, 1 byte');
  });
});
