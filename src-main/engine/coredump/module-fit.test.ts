// A module given beside a dump that cannot be the dumped one: the refusal says where in the dump
// the fact it contradicts is written.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example } from '../host/test-helpers.ts';
import { inspectBytes } from '../module/inspect.ts';
import { ByteWriter } from '../module/byte-writer.ts';
import { dump, GLOBAL } from './testing/hand-made.ts';
import { decodeCoredump } from './read.ts';
import { notTheDumpedModule } from './module-fit.ts';

describe('a module with another number of globals than the dump', () => {
  it('a dump listing no instances: the count is its global section\'s, placed at the first global', () => {
    // (global (mut i32) (i32.const 5)), no coreinstances section (hand-made dumps have none).
    const bytes = dump((w) => w.section(GLOBAL, new ByteWriter().uleb(1).u8(0x7f).u8(1).u8(0x41).u8(5).u8(0x0b).bytes()));
    const read = decodeCoredump(bytes);
    const trap = inspectBytes(new Uint8Array(readFileSync(example('trap'))), { crossCheck: false });
    if (!read.ok || !trap.ok) throw new Error('fixture');
    // The global's type byte: past the section's id, size and count (one byte each here).
    const globalAt = bytes.length - 5;
    expect(bytes[globalAt]).toBe(0x7f);
    expect(notTheDumpedModule(read.value, 'p.core.wasm', 'trap.wasm', trap.value))
      .toBe(`trap.wasm is not the module p.core.wasm was dumped from (it names p): the dump holds 1 global (byte offset ${globalAt}), trap.wasm declares 0`);
  });
});
