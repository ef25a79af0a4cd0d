// Test fixture: a coredump laid out the way wasmtime's writer lays it out (learned from reading
// crates/wasmtime/src/runtime/coredump.rs; no code taken): `core` first, then the memory,
// global and data sections, then `coremodules`, `coreinstances` and `corestack`. Memory is cut
// into 4096-byte chunks, each trimmed of leading and trailing zeros; globals keep their
// declared mutability; frames carry an instance index and no locals or operand stack.

import { ByteWriter } from '../../module/byte-writer.ts';

export interface WasmtimeShapedInput {
  processName: string;
  moduleName: string;
  memory: Uint8Array;
  maxPages: number | null;
  globals: { type: 'i32' | 'i64'; mutable: boolean; value: bigint }[];
  frames: { funcIndex: number; codeOffset: number }[];
}

const CHUNK = 4096;

export function wasmtimeShapedCoredump(input: WasmtimeShapedInput): Uint8Array {
  const out = new ByteWriter().raw(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  out.custom('core', new ByteWriter().u8(0).name(input.processName).bytes());

  const pages = input.memory.length / 65536;
  const memory = new ByteWriter().uleb(1).u8(input.maxPages === null ? 0 : 1).uleb(pages);
  if (input.maxPages !== null) memory.uleb(input.maxPages);
  out.section(5, memory.bytes());

  const globals = new ByteWriter().uleb(input.globals.length);
  for (const g of input.globals) {
    globals.u8(g.type === 'i32' ? 0x7f : 0x7e).u8(g.mutable ? 1 : 0).u8(g.type === 'i32' ? 0x41 : 0x42).sleb(g.value).u8(0x0b);
  }
  out.section(6, globals.bytes());

  const segments = new ByteWriter();
  let count = 0;
  for (let base = 0; base + CHUNK <= input.memory.length; base += CHUNK) {
    const chunk = input.memory.subarray(base, base + CHUNK);
    const first = chunk.findIndex((b) => b !== 0);
    if (first < 0) continue;
    let last = CHUNK;
    while (chunk[last - 1] === 0) last--;
    segments.u8(0).u8(0x41).sleb(base + first).u8(0x0b).uleb(last - first).raw(chunk.subarray(first, last));
    count++;
  }
  out.section(11, new ByteWriter().uleb(count).raw(segments.bytes()).bytes());

  out.custom('coremodules', new ByteWriter().uleb(1).u8(0).name(input.moduleName).bytes());
  const instance = new ByteWriter().uleb(1).u8(0).uleb(0).uleb(1).uleb(0).uleb(input.globals.length);
  input.globals.forEach((_g, i) => instance.uleb(i));
  out.custom('coreinstances', instance.bytes());
  const stack = new ByteWriter().u8(0).name('main').uleb(input.frames.length);
  for (const f of input.frames) stack.u8(0).uleb(0).uleb(f.funcIndex).uleb(f.codeOffset).uleb(0).uleb(0);
  out.custom('corestack', stack.bytes());
  return out.bytes();
}
