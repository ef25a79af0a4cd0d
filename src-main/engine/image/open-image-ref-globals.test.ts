// A coredump's reference globals as the page lists them: a null of a type WasmValue cannot name
// (wasmtime's anyref, 0x6e) carries its own type name, which the page shows instead of the
// externref that stands in for its value.

import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../module/byte-writer.ts';
import { dump, GLOBAL } from '../coredump/testing/hand-made.ts';
import { openMemoryImage } from './open-image.ts';

describe('reference globals of an opened coredump', () => {
  it('an anyref global says anyref; funcref and externref say nothing more', () => {
    // (global (mut anyref) (ref.null any)) (global funcref (ref.null func)) (global externref (ref.null extern))
    const globals = new ByteWriter().uleb(3)
      .u8(0x6e).u8(1).u8(0xd0).u8(0x6e).u8(0x0b)
      .u8(0x70).u8(0).u8(0xd0).u8(0x70).u8(0x0b)
      .u8(0x6f).u8(0).u8(0xd0).u8(0x6f).u8(0x0b)
      .bytes();
    const image = openMemoryImage({ name: 'anyref.core.wasm', bytes: dump((w) => w.section(GLOBAL, globals)) });
    if (!image.ok) throw new Error(image.error.message);
    // Was { index: 0, mutable: true, value: externref null } alone: the page said "mut externref = null".
    expect(image.value.imageInfo.globals).toEqual([
      { index: 0, mutable: true, value: { type: 'externref', isNull: true }, refType: 'anyref' },
      { index: 1, mutable: false, value: { type: 'funcref', func: null } },
      { index: 2, mutable: false, value: { type: 'externref', isNull: true } },
    ]);
  });
});
