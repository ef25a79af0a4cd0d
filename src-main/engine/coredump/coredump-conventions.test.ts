// Dumps checked against tool-conventions Coredump.md and what wasmtime writes (learned from
// reading its coredump.rs; no code taken): sections the convention allows once, a shared memory
// (wasmtime dumps threads' memories with their flags), a dump with no memory, memory64.

import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../module/byte-writer.ts';
import { readSparseImage } from '../memory/sparse-image.ts';
import { buildCoredump } from './from-session.ts';
import { decodeCoredump, looksLikeCoredump } from './read.ts';
import { encodeCoredump } from './write.ts';
import { dump, HEADER, MEMORY, GLOBAL, DATA } from './testing/hand-made.ts';
import { inspectBytes } from '../module/index.ts';


const modules = (...names: string[]) => {
  const w = new ByteWriter().uleb(names.length);
  for (const n of names) w.u8(0).name(n);
  return w.bytes();
};
/** Instances of module 0 with no memories or globals. */
const instances = (n: number) => {
  const w = new ByteWriter().uleb(n);
  for (let i = 0; i < n; i++) w.u8(0).uleb(0).uleb(0).uleb(0);
  return w.bytes();
};

describe('sections the convention allows once', () => {
  it('a second coremodules or coreinstances section is an error at it, not a list run on', () => {
    // Two instance lists read as one: the frame's instance 1 would be the second list's first.
    let at = 0;
    const bytes = dump((w) => {
      w.custom('coremodules', modules('a'));
      w.custom('coreinstances', instances(1));
      at = w.length + 1 + 1 + 1 + 'coreinstances'.length;
      w.custom('coreinstances', instances(1));
      w.custom('corestack', new ByteWriter().u8(0).name('main').uleb(1).u8(0).uleb(1).uleb(0).uleb(0).uleb(0).uleb(0).bytes());
    });
    const read = decodeCoredump(bytes);
    expect(!read.ok && [read.error.message, read.error.where?.offset]).toEqual(['a second "coreinstances" custom section: a coredump has one list of instances', at]);
    const twoModules = decodeCoredump(dump((w) => {
      w.custom('coremodules', modules('a'));
      w.custom('coremodules', modules('b'));
    }));
    expect(!twoModules.ok && twoModules.error.message).toBe('a second "coremodules" custom section: a coredump has one list of modules');
  });
});

describe('memories as wasmtime writes them', () => {
  it('a shared memory (limits flags 3) exports as it was read: shared, with its maximum', () => {
    const bytes = dump((w) => {
      w.section(MEMORY, new ByteWriter().uleb(1).u8(3).uleb(1).uleb(4).bytes());
      w.section(DATA, new ByteWriter().uleb(1).u8(0).u8(0x41).sleb(16).u8(0x0b).uleb(2).raw(new Uint8Array([1, 2])).bytes());
    });
    const read = decodeCoredump(bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.memories[0]).toMatchObject({ min: 1, max: 4, shared: true });
    const again = encodeCoredump(read.value);
    expect(WebAssembly.validate(again)).toBe(true);
    const back = decodeCoredump(again);
    if (!back.ok) throw new Error(back.error.message);
    // Written back as an unshared memory before: the memory section's flags were 1.
    expect(back.value.memories[0]).toMatchObject({ min: 1, max: 4, shared: true });
    // An unshared memory reads back without the field (as every dump did before).
    const plain = decodeCoredump(dump((w) => w.section(MEMORY, new ByteWriter().uleb(1).u8(0).uleb(1).bytes())));
    expect(plain.ok && plain.value.memories[0]!.shared).toBeUndefined();
  });

  it('a session\'s shared memory (threads) is dumped shared', () => {
    const moduleBytes = new ByteWriter().raw(HEADER).section(MEMORY, new ByteWriter().uleb(1).u8(3).uleb(1).uleb(2).bytes()).bytes();
    const built = buildCoredump({ moduleName: 'threads.wasm', moduleBytes, image: { size: 65536, blockSize: 4096, blocks: [] }, liveGlobals: null });
    if (!built.ok) throw new Error(built.error.message);
    const bytes = encodeCoredump(built.value.dump);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const read = decodeCoredump(bytes);
    expect(read.ok && read.value.memories[0]).toMatchObject({ min: 1, max: 2, shared: true });
  });

  it('no memory: wasmtime\'s empty memory, global and data sections, the frame kept', () => {
    const read = decodeCoredump(dump((w) => {
      w.section(MEMORY, new ByteWriter().uleb(0).bytes());
      w.section(GLOBAL, new ByteWriter().uleb(0).bytes());
      w.section(DATA, new ByteWriter().uleb(0).bytes());
      w.custom('coremodules', modules('<anonymous-module-0>'));
      w.custom('coreinstances', instances(1));
      w.custom('corestack', new ByteWriter().u8(0).name('main').uleb(1).u8(0).uleb(0).uleb(3).uleb(7).uleb(0).uleb(0).bytes());
    }));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.memories).toEqual([]);
    expect(read.value.threads[0]!.frames.map((f) => [f.instance, f.funcIndex, f.codeOffset])).toEqual([[0, 3, 7]]);
  });

  it('memory64: a segment above 4 GiB (an i64.const offset) is at its address', () => {
    const read = decodeCoredump(dump((w) => {
      w.section(MEMORY, new ByteWriter().uleb(1).u8(4).uleb(65537).bytes());
      w.section(DATA, new ByteWriter().uleb(1).u8(0).u8(0x42).sleb(2n ** 32n + 8n).u8(0x0b).uleb(1).u8(7).bytes());
    }));
    if (!read.ok) throw new Error(read.error.message);
    const m = read.value.memories[0]!;
    expect([m.memory64, m.image.size]).toEqual([true, 65537 * 65536]);
    const byte = readSparseImage(m.image, 2 ** 32 + 8, 1);
    expect(byte.ok && [...byte.value]).toEqual([7]);
  });
});

describe('reference globals as wasmtime writes them', () => {
  // wasmtime writes an anyref global as type 0x6e initialised with `ref.null any` (0xd0 0x6e).
  const globals = new ByteWriter().uleb(3)
    .u8(0x6e).u8(1).u8(0xd0).u8(0x6e).u8(0x0b)
    .u8(0x7f).u8(0).u8(0x41).sleb(-5).u8(0x0b)
    .u8(0x63).u8(0x73).u8(0).u8(0xd0).u8(0x73).u8(0x0b)
    .bytes();

  it('an anyref global is read as a null anyref, not the whole dump refused, and written back as one', () => {
    const bytes = dump((w) => {
      w.section(MEMORY, new ByteWriter().uleb(1).u8(0).uleb(1).bytes());
      w.section(GLOBAL, globals);
      w.section(DATA, new ByteWriter().uleb(1).u8(0).u8(0x41).sleb(16).u8(0x0b).uleb(2).raw(new Uint8Array([1, 2])).bytes());
    });
    // Refused before: "global type 0x6e is a GC / typed-function-reference type …"; and not
    // even known for a coredump (`run` said it was a malformed module).
    expect(looksLikeCoredump(bytes)).toBe(true);
    const read = decodeCoredump(bytes);
    if (!read.ok) throw new Error(read.error.message);
    // Each global's offset in the dump (for errors): past the section's one-byte count, 5, 5 and 6 bytes each.
    const at = Buffer.from(bytes).indexOf(Buffer.from(globals)) + 1;
    expect(read.value.globals).toEqual([
      { mutable: true, value: { type: 'externref', isNull: true }, refType: 'anyref', at },
      { mutable: false, value: { type: 'i32', bits: 0xfffffffb }, at: at + 5 },
      { mutable: false, value: { type: 'funcref', func: null }, refType: 'nullfuncref', at: at + 10 },
    ]);
    const byte = readSparseImage(read.value.memories[0]!.image, 16, 2);
    expect(byte.ok && [...byte.value]).toEqual([1, 2]);
    const back = decodeCoredump(encodeCoredump(read.value));
    const unplaced = (globals: typeof read.value.globals) => globals.map(({ at: _at, ...g }) => g);
    expect(back.ok && unplaced(back.value.globals)).toEqual(unplaced(read.value.globals));
  });

  it('the module reader still refuses them; a non-null or non-ref.null reference global is said where', () => {
    const module = new ByteWriter().raw(HEADER).section(GLOBAL, globals).bytes();
    const plain = inspectBytes(module, { crossCheck: false });
    expect(!plain.ok && plain.error.message).toMatch(/global type 0x6e is a GC/);
    const nonNull = decodeCoredump(dump((w) => w.section(GLOBAL, new ByteWriter().uleb(1).u8(0x64).u8(0x6e).u8(0).u8(0xd0).u8(0x6e).u8(0x0b).bytes())));
    expect(!nonNull.ok && nonNull.error.message).toMatch(/^global 0 type 0x64 is a non-nullable reference type/);
    const notNull = decodeCoredump(dump((w) => w.section(GLOBAL, new ByteWriter().uleb(1).u8(0x6e).u8(0).u8(0x23).uleb(0).u8(0x0b).bytes())));
    expect(!notNull.ok && notNull.error.message).toBe('global 0 (anyref) is not initialised with ref.null: a coredump writes references as null');
  });
});
