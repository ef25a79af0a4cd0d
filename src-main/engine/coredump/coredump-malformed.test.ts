// Hand-made, truncated and bit-flipped coredumps: each is read back or refused with a message
// that says what is wrong and the byte offset where, never an exception and never bytes of the
// file dropped without a word (leftovers, indices past a list's end, memory that cannot be placed).

import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../module/byte-writer.ts';
import { readSparseImage } from '../memory/sparse-image.ts';
import { BLOCK_SIZE } from '../memory/types.ts';
import type { Coredump } from './model.ts';
import { decodeCoredump } from './read.ts';
import { encodeCoredump } from './write.ts';
import { dump, MEMORY, GLOBAL, DATA } from './testing/hand-made.ts';


function refused(bytes: Uint8Array): { message: string; offset: number | undefined } {
  const read = decodeCoredump(bytes);
  if (read.ok) throw new Error('read a malformed coredump as well-formed');
  return { message: read.error.message, offset: read.error.where?.offset };
}

/** One frame: 0x00 instance funcidx codeoffset, no locals, no operand stack. */
const frame = (w: ByteWriter, instance: number, func: number, offset: number) => w.u8(0).uleb(instance).uleb(func).uleb(offset).uleb(0).uleb(0);

describe('a coredump that is not what its sections say', () => {
  it('bytes left over after a section\'s contents (a frame count one too small) are an error at their offset', () => {
    // Two frames written, a count of one: the second frame used to vanish from the stack shown.
    let at = 0;
    const bytes = dump((w) => {
      const stack = new ByteWriter().u8(0).name('main').uleb(1);
      frame(stack, 0, 3, 7);
      const before = stack.length;
      frame(stack, 0, 9, 7);
      w.custom('corestack', stack.bytes());
      at = w.length - (stack.length - before);
    });
    expect(refused(bytes)).toEqual({ message: '"corestack" custom section: 6 bytes left over after its contents', offset: at });
  });

  it('a second core section is an error, not ignored', () => {
    const bytes = dump((w) => w.custom('core', new ByteWriter().u8(0).name('q').bytes()));
    expect(refused(bytes).message).toBe('a second "core" custom section: a coredump describes one process');
  });

  it('an index past the end of the list it names is an error at the index', () => {
    const instances = (module: number, memory: number, global: number) => dump((w) => {
      w.section(MEMORY, new ByteWriter().uleb(1).u8(0).uleb(1).bytes());
      w.custom('coremodules', new ByteWriter().uleb(1).u8(0).name('m').bytes());
      w.custom('coreinstances', new ByteWriter().uleb(1).u8(0).uleb(module).uleb(1).uleb(memory).uleb(1).uleb(global).bytes());
    });
    // Before, `instance 0: module 5 (?)` was printed as if the module were in the dump.
    const module = instances(5, 0, 0);
    expect(refused(module)).toEqual({ message: 'instance 0 names module 5, but the dump has 1 module', offset: module.length - 5 });
    expect(refused(instances(0, 2, 0)).message).toBe('instance 0 names memory 2, but the dump has 1 memory');
    expect(refused(instances(0, 0, 0)).message).toBe('instance 0 names global 0, but the dump has 0 globals');

    const frames = dump((w) => {
      w.custom('coreinstances', new ByteWriter().uleb(1).u8(0).uleb(0).uleb(0).uleb(0).bytes());
      w.custom('coremodules', new ByteWriter().uleb(1).u8(0).name('m').bytes());
      w.custom('corestack', frame(new ByteWriter().u8(0).name('main').uleb(2), 0, 1, 2).u8(0).uleb(4).uleb(1).uleb(2).uleb(0).uleb(0).bytes());
    });
    expect(refused(frames)).toEqual({ message: 'frame #1 of thread "main" names instance 4, but the dump has 1 instance', offset: frames.length - 5 });
  });

  it('a frame of a dump without instances keeps its index (nothing to check it against)', () => {
    const bytes = dump((w) => w.custom('corestack', frame(new ByteWriter().u8(0).name('main').uleb(1), 0, 3, 7).bytes()));
    const read = decodeCoredump(bytes);
    expect(read.ok && read.value.threads[0]!.frames.map((f) => [f.instance, f.funcIndex, f.codeOffset])).toEqual([[0, 3, 7]]);
  });

  it('memory that cannot be placed is an error at its segment, not dropped', () => {
    const oneSegment = (segment: (w: ByteWriter) => void, globals?: (w: ByteWriter) => void) => dump((w) => {
      w.section(MEMORY, new ByteWriter().uleb(1).u8(0).uleb(1).bytes());
      if (globals) globals(w);
      const data = new ByteWriter().uleb(1);
      segment(data);
      w.section(DATA, data.raw(new Uint8Array([4, 1, 2, 3, 4])).bytes());
    });
    // Its last two bytes used to be cut off by the memory's end without a word.
    const past = oneSegment((d) => d.u8(0).u8(0x41).sleb(65534).u8(0x0b));
    expect(refused(past)).toEqual({ message: 'data segment 0 (4 bytes) at 0xfffe ends past the end of memory 0 (1 page, 65536 bytes)', offset: past.length - 4 });
    expect(refused(oneSegment((d) => d.u8(2).uleb(3).u8(0x41).sleb(0).u8(0x0b))).message)
      .toBe('data segment 0 (4 bytes) is for memory 3, but the dump has 1 memory');
    const global = (w: ByteWriter) => w.section(GLOBAL, new ByteWriter().uleb(1).u8(0x7f).u8(0).u8(0x41).sleb(16).u8(0x0b).bytes());
    expect(refused(oneSegment((d) => d.u8(0).u8(0x23).uleb(0).u8(0x0b), global)).message)
      .toBe('data segment 0 (4 bytes) has an offset that is not a constant (global.get 0): where its bytes go is unknown');
  });
});

describe('memory beyond 2 GiB', () => {
  it('segments at i32 offsets of 2^31 and above (negative as i32.const) come back at their addresses', () => {
    const block = new Uint8Array(BLOCK_SIZE);
    block.set([0xaa, 0, 0, 0, 0, 0xbb]);
    const size = 3 * 2 ** 30;
    const image = { size, blockSize: BLOCK_SIZE, blocks: [{ index: 2 ** 31 / BLOCK_SIZE, bytes: block }, { index: size / BLOCK_SIZE - 1, bytes: block }] };
    const core: Coredump = {
      processName: 'p', modules: ['m'], instances: [{ module: 0, memories: [0], globals: [] }], threads: [],
      memories: [{ min: size / 65536, max: 65536, memory64: false, image }], globals: [],
    };
    const bytes = encodeCoredump(core);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const read = decodeCoredump(bytes);
    if (!read.ok) throw new Error(read.error.message);
    for (const at of [2 ** 31, size - BLOCK_SIZE]) {
      const got = readSparseImage(read.value.memories[0]!.image, at, 6);
      expect(got.ok && [...got.value]).toEqual([0xaa, 0, 0, 0, 0, 0xbb]);
    }
  });
});

describe('a truncated or bit-flipped coredump', () => {
  const values = [
    { type: 'missing' }, { type: 'i32', bits: 0xffffffff }, { type: 'i64', bits: '8000000000000000' },
    { type: 'f32', bits: 0x7fc00001 }, { type: 'f64', bits: 'fff8000000000001' },
  ] as const;
  const block = new Uint8Array(BLOCK_SIZE);
  block.set([1, 2, 3, 4], 100);
  const bytes = encodeCoredump({
    processName: 'flip.wasm', modules: ['flip.wasm'], instances: [{ module: 0, memories: [0], globals: [0] }],
    threads: [{ name: 'main', frames: [
      { instance: 0, funcIndex: 4, codeOffset: 5, locals: [...values], stack: [values[1]] },
      { instance: 0, funcIndex: 1, codeOffset: 300, locals: [], stack: [] },
    ] }],
    memories: [{ min: 1, max: 2, memory64: false, image: { size: 65536, blockSize: BLOCK_SIZE, blocks: [{ index: 0, bytes: block }] } }],
    globals: [{ mutable: true, value: { type: 'i32', bits: 66560 } }],
  });

  it('reads back exactly when whole', () => {
    const read = decodeCoredump(bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.threads[0]!.frames[0]!.locals).toEqual(values);
    expect(Buffer.from(encodeCoredump(read.value)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('every cut and every flipped bit is read or refused with an offset inside the file, never thrown', () => {
    const check = (variant: Uint8Array) => {
      const read = decodeCoredump(variant);
      if (read.ok) return;
      expect(read.error.code).toBe('malformed-snapshot');
      expect(read.error.message).not.toBe('');
      expect(read.error.where?.offset).toBeGreaterThanOrEqual(0);
      expect(read.error.where!.offset!).toBeLessThanOrEqual(variant.length);
    };
    for (let n = 0; n < bytes.length; n++) check(bytes.subarray(0, n));
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = bytes.slice();
        flipped[i]! ^= 1 << bit;
        check(flipped);
      }
    }
  });
});
