// Finds every instruction that can write linear memory (stores, memory.fill/copy/init/grow,
// SIMD lane stores, atomic RMW) in each function body, with its byte offset, by decoding the
// code section. Binaryen gives no offsets of the original binary, so write tracing matches its
// rewrite sites against this list (guest/provenance/instrument.ts).
//
//   code section: count | body* ;  body = size:u32 | locals: vec(n:u32 valtype) | expr… 0x0b
//   `offset` below is relative to the body's first byte (its locals count), as in `greeting+0x2f`;
//   `at` is the same instruction's offset in the file (what V8's stack frames print).

import { ByteReader } from './reader.ts';

export type WriteKind = 'store' | 'lane' | 'rmw' | 'cmpxchg' | 'fill' | 'copy' | 'init' | 'grow';

export interface WriteSite {
  kind: WriteKind;
  /** Bytes from the start of the function body. */
  offset: number;
  /** Bytes from the start of the file. */
  at: number;
  /** The memarg's static offset (stores, lanes, atomics); 0 otherwise. */
  memOffset: number;
}

/** Per defined function (index = function index - imported functions), its writes in order. */
export function scanWriteSites(bytes: Uint8Array): WriteSite[][] {
  return functionBodies(bytes).map(([start, end]) => scanBody(new ByteReader(bytes, start, end)));
}

/** Each defined function's body as [start, end) in the file, by function index - imported functions. */
export function functionBodies(bytes: Uint8Array): [number, number][] {
  const r = new ByteReader(bytes, 8);
  while (!r.atEnd()) {
    const id = r.u8('section id');
    const size = r.u32('section size');
    if (id !== 10) {
      r.skip(size, 'section');
      continue;
    }
    const code = r.sub(size, 'code section');
    const count = code.u32('function count');
    const out: [number, number][] = [];
    for (let i = 0; i < count; i++) {
      const bodySize = code.u32('body size');
      const body = code.sub(bodySize, 'function body');
      out.push([body.pos, body.end]);
    }
    return out;
  }
  return [];
}

/** The file offset of each instruction of the body at [start, end), in order (its final `end` too). */
export function instructionStarts(bytes: Uint8Array, [start, end]: readonly [number, number]): number[] {
  const starts: number[] = [];
  scanBody(new ByteReader(bytes, start, end), starts);
  return starts;
}

function scanBody(r: ByteReader, starts?: number[]): WriteSite[] {
  const start = r.pos;
  const groups = r.u32('local groups');
  for (let g = 0; g < groups; g++) {
    r.u32('local count');
    valType(r);
  }
  const sites: WriteSite[] = [];
  const note = (kind: WriteKind, at: number, memOffset = 0): void => {
    sites.push({ kind, offset: at - start, at, memOffset });
  };
  while (!r.atEnd()) {
    const at = r.pos;
    starts?.push(at);
    const op = r.u8('opcode');
    if (op >= 0x28 && op <= 0x3e) {
      const offset = memarg(r);
      if (op >= 0x36) note('store', at, offset);
    } else if (op === 0x40) {
      r.u32('memory index');
      note('grow', at);
    } else if (op === 0xfc) scanFC(r, at, note);
    else if (op === 0xfd) scanSIMD(r, at, note);
    else if (op === 0xfe) scanAtomic(r, at, note);
    else skipImmediates(op, r);
  }
  return sites;
}

type Note = (kind: WriteKind, at: number, memOffset?: number) => void;

function scanFC(r: ByteReader, at: number, note: Note): void {
  const sub = r.u32('0xfc opcode');
  if (sub <= 7) return;
  if (sub === 8) { r.u32('data index'); r.u32('memory'); note('init', at); return; }
  if (sub === 10) { r.u32('memory'); r.u32('memory'); note('copy', at); return; }
  if (sub === 11) { r.u32('memory'); note('fill', at); return; }
  if (sub === 12 || sub === 14) { r.u32('index'); r.u32('index'); return; }
  if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) { r.u32('index'); return; }
  r.fail(`unknown instruction 0xfc ${sub}`);
}

function scanSIMD(r: ByteReader, at: number, note: Note): void {
  const sub = r.u32('0xfd opcode');
  if (sub <= 11) {
    const offset = memarg(r);
    if (sub === 11) note('store', at, offset);
  } else if (sub === 12 || sub === 13) r.skip(16, 'v128 immediate');
  else if (sub >= 21 && sub <= 34) r.u8('lane');
  else if (sub >= 84 && sub <= 91) {
    const offset = memarg(r);
    r.u8('lane');
    if (sub >= 88) note('lane', at, offset);
  } else if (sub === 92 || sub === 93) memarg(r);
}

function scanAtomic(r: ByteReader, at: number, note: Note): void {
  const sub = r.u32('0xfe opcode');
  if (sub === 3) { r.u8('fence'); return; }
  const offset = memarg(r);
  if (sub >= 0x17 && sub <= 0x1d) note('store', at, offset);
  else if (sub >= 0x1e && sub <= 0x47) note('rmw', at, offset);
  else if (sub >= 0x48 && sub <= 0x4e) note('cmpxchg', at, offset);
}

/** align (bit 6 set: a memory index follows), then the offset; returns the offset. */
function memarg(r: ByteReader): number {
  const align = r.u32('align');
  if (align & 0x40) r.u32('memory index');
  return Number(r.u64('offset'));
}

function valType(r: ByteReader): void {
  const t = r.u8('value type');
  if (t === 0x63 || t === 0x64) r.s33('heap type');
}

function blockType(r: ByteReader): void {
  r.s33('block type');
}

function skipImmediates(op: number, r: ByteReader): void {
  switch (op) {
    case 0x02: case 0x03: case 0x04: case 0x06: blockType(r); return;
    case 0x0c: case 0x0d: case 0x10: case 0x12: case 0x14: case 0x15: case 0x07: case 0x08:
    case 0x09: case 0x18: case 0xd2: case 0xd5: case 0xd6:
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
      r.u32('index'); return;
    case 0x0e: {
      const n = r.u32('label count');
      for (let i = 0; i <= n; i++) r.u32('label');
      return;
    }
    case 0x11: case 0x13: r.u32('type'); r.u32('table'); return;
    case 0x1c: {
      const n = r.u32('type count');
      for (let i = 0; i < n; i++) valType(r);
      return;
    }
    case 0x1f: {
      blockType(r);
      const n = r.u32('catch count');
      for (let i = 0; i < n; i++) {
        const kind = r.u8('catch kind');
        if (kind <= 1) r.u32('tag');
        r.u32('label');
      }
      return;
    }
    case 0x3f: r.u32('memory index'); return;
    case 0x41: r.s32('i32'); return;
    case 0x42: r.s64('i64'); return;
    case 0x43: r.skip(4, 'f32'); return;
    case 0x44: r.skip(8, 'f64'); return;
    case 0xd0: r.s33('heap type'); return;
    case 0xfb: r.fail('GC instructions are not supported by write tracing');
    default: return; // no immediates
  }
}
