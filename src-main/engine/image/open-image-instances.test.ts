// A coredump of several modules and instances opened on the page: the module given names only
// its own instances' frames, and the memory shown is the trapping instance's, said which.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example } from '../host/test-helpers.ts';
import { memorylessFirst, trapThenHelper } from '../coredump/testing/several-instances.ts';
import { openMemoryImage } from './open-image.ts';
import type { MemoryImage } from './memory-image.ts';

const trap = { name: 'trap.wasm', bytes: new Uint8Array(readFileSync(example('trap'))) };

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function bytesAt(image: MemoryImage, address: number, length: number): Promise<number[]> {
  return [...value(await image.readMemory(address, length)).bytes];
}

describe('coredumps of several instances', () => {
  it('frames of another module\'s instance are not named from the module given', async () => {
    const image = value(openMemoryImage({ name: 'linked.core.wasm', bytes: trapThenHelper() }, trap));
    // Was ['sum', 'divide', 'report'] and "stopped in sum": helper's function 3 named from trap.wasm.
    expect(image.imageInfo.threads[0]!.frames.map((f) => f.name)).toEqual(['wasm-function[3]', 'divide', 'report']);
    expect(image.imageInfo.origin).toBe("Wasm coredump of linked, stopped in wasm-function[3] of instance 1 (not trap.wasm's module: unnamed), memory 1 of 2 (instance 1's)");
    expect(await bytesAt(image, 0, 1)).toEqual([0x77]);
  });

  it('the memory shown is the trapping frame\'s instance\'s, not memory 0 when instance 0 has none', async () => {
    const image = value(openMemoryImage({ name: 'linked.core.wasm', bytes: memorylessFirst() }));
    // Was memory 0, lib.wasm's, without a word.
    expect(image.imageInfo.origin).toBe("Wasm coredump of linked, stopped in wasm-function[4], memory 1 of 2 (instance 1's)");
    expect(await bytesAt(image, 256, 2)).toEqual([10, 20]);
    const named = value(openMemoryImage({ name: 'linked.core.wasm', bytes: memorylessFirst() }, trap));
    expect(named.imageInfo.threads[0]!.frames.map((f) => f.name)).toEqual(['divide']);
    // No frame: the given module's instance's memory; none given, instance 0's, which has none, said.
    const still = value(openMemoryImage({ name: 'linked.core.wasm', bytes: memorylessFirst(false) }, trap));
    expect(await bytesAt(still, 256, 2)).toEqual([10, 20]);
    const none = value(openMemoryImage({ name: 'linked.core.wasm', bytes: memorylessFirst(false) }));
    expect(none.imageInfo.origin).toBe("Wasm coredump of linked (instance 0 has no memory; the dump's 2 memories are other instances')");
    expect(none.memorySize).toBe(0);
  });
});
