// Encodes a Coredump as a Wasm module (tool-conventions Coredump.md): custom sections `core`,
// `coremodules`, `coreinstances` and one `corestack` per thread, then the memory, global and
// data sections. The result is a well-formed module (WebAssembly.validate accepts it), which
// is what lets standard tools (wasm-objdump, wasmparser-based debuggers) read it.
//
//   core          0x00 name(process)
//   coremodules   vec(0x00 name)
//   coreinstances vec(0x00 moduleidx:u32 vec(memidx:u32) vec(globalidx:u32))
//   corestack     0x00 name(thread) vec(frame)
//   frame         0x00 instanceidx:u32 funcidx:u32 codeoffset:u32 vec(value) vec(value)
//   value         0x01 (missing) | 0x7f sleb i32 | 0x7e sleb i64 | 0x7d f32 | 0x7c f64
//
// Values are written from their bits (WasmValue), floats as their little-endian bytes, so a
// NaN's payload and -0 come back from the reader exactly.

import { readSparseImage } from '../memory/sparse-image.ts';
import type { SparseImage } from '../memory/types.ts';
import type { WasmValue } from '../../shared/dto.ts';
import { ByteWriter } from '../module/byte-writer.ts';
import { NULLABLE_REF_TYPES } from '../module/sections/value-types.ts';
import {
  CORE, CORE_INSTANCES, CORE_MODULES, CORE_STACK, VALUE_BYTES,
  type Coredump, type CoredumpGlobal, type CoredumpMemory, type CoredumpValue,
} from './model.ts';

const MAGIC_AND_VERSION = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const SECTION = { memory: 5, global: 6, data: 11 } as const;
/** V8 (and the JS API limits) accept at most 100,000 data segments per module. */
const MAX_SEGMENTS = 100_000;
/** Zero runs shorter than this stay inside a segment: a new segment costs ~8 bytes of header. */
const MIN_GAP = 16;

export function encodeCoredump(dump: Coredump): Uint8Array {
  const out = new ByteWriter().raw(MAGIC_AND_VERSION);
  out.custom(CORE, new ByteWriter().u8(0).name(dump.processName).bytes());
  out.custom(CORE_MODULES, vector(dump.modules, (w, name) => w.u8(0).name(name)));
  out.custom(CORE_INSTANCES, vector(dump.instances, (w, i) => {
    w.u8(0).uleb(i.module);
    w.uleb(i.memories.length);
    for (const m of i.memories) w.uleb(m);
    w.uleb(i.globals.length);
    for (const g of i.globals) w.uleb(g);
  }));
  for (const thread of dump.threads) {
    const w = new ByteWriter().u8(0).name(thread.name).uleb(thread.frames.length);
    for (const f of thread.frames) {
      w.u8(0).uleb(f.instance).uleb(f.funcIndex).uleb(f.codeOffset);
      writeValues(w, f.locals);
      writeValues(w, f.stack);
    }
    out.custom(CORE_STACK, w.bytes());
  }
  if (dump.memories.length > 0) out.section(SECTION.memory, vector(dump.memories, writeMemoryType));
  if (dump.globals.length > 0) out.section(SECTION.global, vector(dump.globals, writeGlobal));
  const data = new ByteWriter();
  let count = 0;
  dump.memories.forEach((memory, index) => {
    for (const segment of dataSegments(memory.image)) {
      // Flags 0: active in memory 0; flags 2: active with an explicit memory index.
      if (index === 0) data.u8(0);
      else data.u8(2).uleb(index);
      if (memory.memory64) data.u8(0x42).sleb(BigInt(segment.offset));
      else data.u8(0x41).sleb(segment.offset | 0);
      data.u8(0x0b).uleb(segment.bytes.length).raw(segment.bytes);
      count++;
    }
  });
  if (count > 0) out.section(SECTION.data, new ByteWriter().uleb(count).raw(data.bytes()).bytes());
  return out.bytes();
}

function vector<T>(items: readonly T[], write: (w: ByteWriter, item: T) => void): Uint8Array {
  const w = new ByteWriter().uleb(items.length);
  for (const item of items) write(w, item);
  return w.bytes();
}

function writeValues(w: ByteWriter, values: CoredumpValue[]): void {
  w.uleb(values.length);
  for (const v of values) {
    w.u8(VALUE_BYTES[v.type]);
    if (v.type !== 'missing') writeBits(w, v);
  }
}

/** A number's immediate as the binary format holds it: sleb for integers, LE bytes for floats and v128. */
function writeBits(w: ByteWriter, v: Exclude<WasmValue, { type: 'funcref' | 'externref' }>): void {
  switch (v.type) {
    case 'i32': w.sleb(v.bits | 0); break;
    case 'i64': w.sleb(BigInt.asIntN(64, BigInt(`0x${v.bits}`))); break;
    case 'f32': w.raw(littleEndian(BigInt(v.bits), 4)); break;
    case 'f64': w.raw(littleEndian(BigInt(`0x${v.bits}`), 8)); break;
    case 'v128': w.raw(littleEndian(BigInt(`0x${v.bits}`), 16)); break;
  }
}

function littleEndian(bits: bigint, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = Number((bits >> BigInt(8 * i)) & 0xffn);
  return out;
}

function writeMemoryType(w: ByteWriter, m: CoredumpMemory): void {
  // Limits flags: bit 0 has a maximum, bit 1 shared, bit 2 memory64. A shared memory without a
  // maximum is not valid Wasm: its maximum is then its size, the most it held.
  const shared = m.shared === true;
  const max = shared ? m.max ?? m.min : m.max;
  w.u8((max !== null ? 1 : 0) | (shared ? 2 : 0) | (m.memory64 ? 4 : 0)).uleb(m.min);
  if (max !== null) w.uleb(max);
}

const GLOBAL_TYPE_BYTES: Record<WasmValue['type'], number> = {
  i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f,
};
const CONST_OPCODE = { i32: [0x41], i64: [0x42], f32: [0x43], f64: [0x44], v128: [0xfd, 12] } as const;

/** The global's type, then a one-instruction constant initialiser holding its value. */
function writeGlobal(w: ByteWriter, g: CoredumpGlobal): void {
  const v = g.value;
  // A type WasmValue cannot name (anyref…) is written back as it was read, still null.
  const ref = g.refType === undefined ? undefined : Object.entries(NULLABLE_REF_TYPES).find(([, t]) => t.name === g.refType)?.[0];
  if (ref !== undefined) {
    w.u8(Number(ref)).u8(g.mutable ? 1 : 0).u8(0xd0).u8(Number(ref)).u8(0x0b);
    return;
  }
  w.u8(GLOBAL_TYPE_BYTES[v.type]).u8(g.mutable ? 1 : 0);
  switch (v.type) {
    // References are written as null (as wasmtime does): their targets are not in the dump.
    case 'funcref': w.u8(0xd0).u8(0x70); break;
    case 'externref': w.u8(0xd0).u8(0x6f); break;
    default:
      w.raw(new Uint8Array(CONST_OPCODE[v.type]));
      writeBits(w, v);
  }
  w.u8(0x0b);
}

export interface DataSegment {
  offset: number;
  bytes: Uint8Array;
}

/**
 * The non-zero bytes of an image as few segments: zeros are trimmed from each block's ends and
 * segments closer than a gap are merged. The gap doubles until the count fits V8's limit.
 */
export function dataSegments(image: SparseImage): DataSegment[] {
  const spans: [number, number][] = [];
  for (const block of image.blocks) {
    const bytes = block.bytes;
    let first = 0;
    while (first < bytes.length && bytes[first] === 0) first++;
    if (first === bytes.length) continue;
    let last = bytes.length;
    while (bytes[last - 1] === 0) last--;
    const base = block.index * image.blockSize;
    spans.push([base + first, base + last]);
  }
  let gap = MIN_GAP;
  let merged = mergeSpans(spans, gap);
  while (merged.length > MAX_SEGMENTS) merged = mergeSpans(merged, (gap *= 2));
  return merged.map(([start, end]) => {
    const read = readSparseImage(image, start, end - start);
    if (!read.ok) throw new Error(`coredump: a block lies outside the ${image.size}-byte memory`);
    return { offset: start, bytes: read.value };
  });
}

function mergeSpans(spans: [number, number][], gap: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = out.at(-1);
    if (last && start - last[1] < gap) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}
