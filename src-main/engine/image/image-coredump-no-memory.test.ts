// A memory image exported as a coredump with a module that declares no memory: a coredump's
// memory is the module's memory, so there is nowhere to put the image's bytes. It was written
// without them (a valid dump of no memory, "saved"), every byte of the image silently gone.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../host/test-helpers.ts';
import { decodeCoredump } from '../coredump/read.ts';
import { openMemoryImage } from './open-image.ts';

const NO_MEMORY = resolve(import.meta.dirname, '../../cli/testdata/negative-zero.wasm');
const C_STRUCT = resolve(EXAMPLES, 'c-struct/c-struct.wasm');

/** Two pages holding data: a raw dump as `memscope run --snapshot F.bin` writes one. */
function rawDump(): Uint8Array {
  const memory = new Uint8Array(2 * 65536);
  memory.set(new TextEncoder().encode('corner'), 0x10621);
  return memory;
}

async function coredumpOf(moduleFile: string) {
  const image = openMemoryImage({ name: 'c.bin', bytes: rawDump() }, { name: moduleFile.replace(/^.*\//, ''), bytes: new Uint8Array(readFileSync(moduleFile)) });
  if (!image.ok) throw new Error(image.error.message);
  return image.value.exportCoredump();
}

describe('a coredump of an image, with the module given', () => {
  it('refused when the module declares no memory to hold the bytes, naming it and the size', async () => {
    const dump = await coredumpOf(NO_MEMORY);
    expect(dump.ok ? 'written' : dump.error).toEqual({
      code: 'usage',
      message: 'negative-zero.wasm declares no memory, so a coredump of it cannot hold the 131072 bytes (2 pages) of c.bin: give the module the memory was taken of',
      where: { file: 'negative-zero.wasm' },
    });
  });

  it('written with every byte when the module has a memory', async () => {
    const dump = await coredumpOf(C_STRUCT);
    if (!dump.ok) throw new Error(dump.error.message);
    const read = decodeCoredump(dump.value.bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.memories[0]!.image.size).toBe(2 * 65536);
    expect(read.value.memories[0]!.image.blocks.map((b) => b.index)).toEqual([0x10621 >> 12]);
  });
});
