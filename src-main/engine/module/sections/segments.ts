// Element (9), data count (12) and data (11) sections, and code (10: body sizes, and which
// exported bodies only call two functions (call-wrappers.ts); bodies are left to V8 to validate).
//
// element segment = flags:u32 then (bit 0: not active; bit 1: a table index, or declarative;
// bit 2: element expressions instead of function indices)
//   0: offset-expr vec(funcidx)                    active, table 0
//   1: elemkind vec(funcidx)                       passive
//   2: tableidx offset-expr elemkind vec(funcidx)  active, explicit table
//   3: elemkind vec(funcidx)                       declarative
//   4: offset-expr vec(expr)                       active, table 0
//   5: reftype vec(expr)                           passive
//   6: tableidx offset-expr reftype vec(expr)      active, explicit table
//   7: reftype vec(expr)                           declarative
//
// data segment = flags:u32 then
//   0: offset-expr  vec(byte)            active, memory 0
//   1: vec(byte)                         passive
//   2: memidx:u32 offset-expr vec(byte)  active, explicit memory

import type { RawModule } from '../model.ts';
import type { ByteReader } from '../reader.ts';
import { readConstExpr, type ConstExpr } from './const-expr.ts';
import { readRefType } from './value-types.ts';
import { callWrapper, leadingCall } from './call-wrappers.ts';

/**
 * Counts the segments, and keeps the functions the active ones place in table 0 at a constant
 * offset (ModuleInfo.tableFunctions): a C function pointer holds such a slot, not an address, and
 * this is what names it (`0x1 <addresses>`). One placed at an imported global (`__table_base`,
 * dynamic linking) is at a slot known only at run time, and is left out rather than guessed.
 * Indices (tables, functions) are left to V8 to check, as the data section's memory index is.
 */
export function readElementSection(r: ByteReader, m: RawModule): void {
  m.elementSegments = r.u32('element segment count');
  for (let index = 0; index < m.elementSegments; index++) {
    const at = r.pos;
    const flags = r.u32('element segment flags');
    if (flags > 7) r.fail(`element segment ${index} has unknown flags ${flags}`, at);
    const active = (flags & 1) === 0;
    const table = active && flags & 2 ? r.u32('table index') : 0;
    const offset = active ? readConstExpr(r, `element segment ${index} offset`).constant : null;
    const exprs = (flags & 4) !== 0;
    // Flags 1–3 give an element kind (0: funcref, the only one), 5–7 a reference type; 0 and 4 neither.
    if (flags & 3 && exprs) readRefType(r, `element segment ${index} type`);
    else if (flags & 3) {
      const kindAt = r.pos;
      const kind = r.u8('element kind');
      if (kind !== 0) r.fail(`element segment ${index} has element kind ${kind}, not 0 (funcref)`, kindAt);
    }
    const keep = offset !== null && table === 0;
    const functions: (number | null)[] = [];
    for (let n = r.u32('element count'), i = 0; i < n; i++) {
      // An element expression other than `ref.func f` (ref.null, a global.get) holds no function known here.
      const func = exprs ? funcOf(readConstExpr(r, `element segment ${index} element ${i}`)) : r.u32('function index');
      if (keep) functions.push(func);
    }
    if (keep) m.tableFunctions.push({ slot: offset, functions });
  }
}

function funcOf(expr: ConstExpr): number | null {
  return expr.value?.type === 'funcref' ? expr.value.func : null;
}

export function readDataCountSection(r: ByteReader, m: RawModule): void {
  m.dataCount = r.u32('data count');
}

export function readCodeSection(r: ByteReader, m: RawModule): void {
  const countAt = r.pos;
  const count = r.u32('function body count');
  if (count !== m.functionTypes.length) {
    r.fail(`has ${count} function bodies but the function section declares ${m.functionTypes.length}`, countAt);
  }
  // Exports come before code: which bodies are exported, and _start's, is known here.
  const exported = new Set(m.exports.filter((e) => e.kind === 'func').map((e) => e.index));
  const start = m.exports.find((e) => e.kind === 'func' && e.name === '_start')?.index;
  const sizes: number[] = new Array(count);
  const starts: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const size = r.u32('function body size');
    starts[i] = r.pos;
    if (size > r.remaining) r.fail(`body of function ${i} is ${size} bytes but only ${r.remaining} remain in the section`, at);
    if (size === 0) r.fail(`body of function ${i} is empty`, at);
    const index = m.importFuncTypes.length + i;
    const wrapper = exported.has(index) ? callWrapper(r.bytes, r.pos, size) : null;
    if (wrapper) m.callWrappers.set(index, wrapper);
    if (index === start) m.startFirstCall = leadingCall(r.bytes, r.pos, size);
    r.pos += size;
    sizes[i] = size;
  }
  m.codeSizes = sizes;
  m.codeStarts = starts;
}

export function readDataSection(r: ByteReader, m: RawModule): void {
  const countAt = r.pos;
  const count = r.u32('data segment count');
  if (m.dataCount !== null && m.dataCount !== count) {
    r.fail(`has ${count} segments but the data count section says ${m.dataCount}`, countAt);
  }
  for (let index = 0; index < count; index++) {
    const at = r.pos;
    const flags = r.u32('data segment flags');
    if (flags > 2) r.fail(`data segment ${index} has unknown flags ${flags}`, at);
    if (flags === 1) {
      m.dataStarts.push(r.pos + uleb32Length(r));
      const size = readPayload(r, index, m);
      m.dataSegments.push({ index, mode: 'passive', memory: 0, offset: null, size });
      continue;
    }
    const memory = flags === 2 ? r.u32('memory index') : 0;
    const expr = readConstExpr(r, `data segment ${index} offset`);
    m.dataStarts.push(r.pos + uleb32Length(r));
    const size = readPayload(r, index, m);
    m.dataSegments.push({ index, mode: 'active', memory, offset: expr.constant, offsetExpr: expr.text, size });
  }
}

/**
 * Texts a toolchain's runtime leaves in data, found by byte search (toolchain.ts weighs them):
 * Rust's panic locations name std's sources, `/rustc/<commit>/library/…` in official builds and
 * `library/std/src/…` where paths are remapped (Debian), even in a module stripped of names
 * and producers.
 */
const DATA_MARKERS = ['/rustc/', 'library/std/src/', 'library/core/src/'];
const encodedMarkers = DATA_MARKERS.map((t) => ({ text: t, bytes: Buffer.from(t) }));

function readPayload(r: ByteReader, index: number, m?: RawModule): number {
  const at = r.pos;
  const size = r.u32('data segment size');
  if (size > r.remaining) r.fail(`data segment ${index} is ${size} bytes but only ${r.remaining} remain in the section`, at);
  if (m) {
    const payload = Buffer.from(r.bytes.buffer, r.bytes.byteOffset + r.pos, size);
    for (const k of encodedMarkers) {
      if (!m.dataMarkers.includes(k.text) && payload.includes(k.bytes)) m.dataMarkers.push(k.text);
    }
  }
  r.pos += size;
  return size;
}

/** Length of the u32 LEB128 at the reader's position (1 to 5 bytes), without moving it. */
function uleb32Length(r: ByteReader): number {
  let n = 0;
  while (n < 5 && r.pos + n < r.end && (r.bytes[r.pos + n]! & 0x80) !== 0) n++;
  return n + 1;
}
