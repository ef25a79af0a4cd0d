// Reads a Wasm coredump back (ours or wasmtime's `-D coredump=…`): the module structure through
// our module reader (memories, globals, data segments, custom section positions), then the
// `core*` custom sections (layouts in write.ts). Sections may come in any order; wasmtime writes
// `core`, memory, global, data, then `coremodules`, `coreinstances`, `corestack`.

import { WASM_PAGE, type MemscopeError, type Result } from '../../shared/dto.ts';
import { count } from '../../shared/count.ts';
import { readDumpModule, readRefGlobals } from './ref-globals.ts';
import type { RawModule } from '../module/model.ts';
import { ByteReader, ReadError } from '../module/reader.ts';
import { BLOCK_SIZE, type MemoryBlock } from '../memory/types.ts';
import { MAX_SNAPSHOT_MEMORY } from '../memory/snapshot-format.ts';
import { readMemoryType } from '../module/sections/value-types.ts';
import {
  CORE, CORE_INSTANCES, CORE_MODULES, CORE_STACK, VALUE_BYTES,
  type Coredump, type CoredumpFrame, type CoredumpInstance, type CoredumpMemory, type CoredumpValue,
} from './model.ts';


/** True when the bytes are a Wasm module with a `core` custom section (cheap: no full parse). */
export function looksLikeCoredump(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return false;
  const read = readDumpModule(bytes).module;
  return read.ok && read.value.customSections.some((c) => c.name === CORE);
}

export function decodeCoredump(bytes: Uint8Array): Result<Coredump> {
  // Through the module reader, but for a global section of GC / exception reference types
  // (wasmtime's anyref globals), which is read here: it refused the whole dump before.
  const { module, globals: globalSpan } = readDumpModule(bytes);
  if (!module.ok) return { ok: false, error: { ...module.error, code: 'malformed-snapshot', message: `not a well-formed coredump module: ${module.error.message}` } };
  const m = module.value;
  try {
    const custom = (name: string) => m.customSections.filter((c) => c.name === name)
      .map((c) => new ByteReader(bytes, c.offset, c.offset + c.size));
    const [core, second] = custom(CORE);
    if (!core) return malformed(`no "${CORE}" custom section: this module is not a coredump`, 8);
    // One process per dump: a second `core` would name another one, and which to believe is a guess.
    if (second) return malformed(`a second "${CORE}" custom section: a coredump describes one process`, second.pos);
    expectZero(core, 'process-info');
    const processName = core.name('executable name');
    wholly(core, CORE);
    // Indices into the dump's other lists, checked once every section is read (any order).
    const refs: IndexRef[] = [];
    // The convention allows one of each: each establishes the index space that instances and
    // frames name. Two were read as one list run together, so a frame's instance 0 of the second
    // list was shown as the first list's instance 0, without a word.
    const [modulesSection, secondModules] = custom(CORE_MODULES);
    if (secondModules) return malformed(`a second "${CORE_MODULES}" custom section: a coredump has one list of modules`, secondModules.pos);
    const [instancesSection, secondInstances] = custom(CORE_INSTANCES);
    if (secondInstances) return malformed(`a second "${CORE_INSTANCES}" custom section: a coredump has one list of instances`, secondInstances.pos);
    const modules = modulesSection ? readModules(modulesSection) : [];
    const instances = instancesSection ? readInstances(instancesSection, refs) : [];
    const threads = custom(CORE_STACK).map((r) => {
      expectZero(r, 'thread-info');
      const name = r.name('thread name');
      return whole(r, CORE_STACK, { name, frames: vector(r, (i) => readFrame(r, refs, `frame #${i} of thread ${JSON.stringify(name)}`)) });
    });
    const mems = memories(bytes, m);
    // Read here, not from the module reader's globals: that keeps no offsets, and a refusal
    // naming a global (module-fit.ts) says where in the dump it is.
    const dumpGlobals = globalSpan ? readRefGlobals(bytes, globalSpan) : [];
    const sizes = { module: modules.length, instance: instances.length, memory: mems.length, global: dumpGlobals.length };
    for (const ref of refs) {
      // A dump without a coreinstances section has nothing a frame's instance index could name
      // (hand-made dumps); with one, an index past its end would be shown as if it were real.
      if (ref.kind === 'instance' && sizes.instance === 0) continue;
      if (ref.index >= sizes[ref.kind]) {
        return malformed(`${ref.who} names ${ref.kind} ${ref.index}, but the dump has ${count(sizes[ref.kind], ref.kind, ref.kind === 'memory' ? 'memories' : undefined)}`, ref.at);
      }
    }
    return { ok: true, value: { processName, modules, instances, threads, memories: mems, globals: dumpGlobals } };
  } catch (e) {
    if (e instanceof ReadError) return malformed(e.message, e.offset);
    throw e;
  }
}

function readModules(r: ByteReader): string[] {
  return whole(r, CORE_MODULES, vector(r, () => (expectZero(r, 'module'), r.name('module name'))));
}

function readInstances(r: ByteReader, refs: IndexRef[]): CoredumpInstance[] {
  return whole(r, CORE_INSTANCES, vector(r, (i) => {
    const at = r.pos;
    expectZero(r, 'instance');
    const who = `instance ${i}`;
    const moduleIndex = index(r, refs, 'module', who);
    return { module: moduleIndex, memories: vector(r, () => index(r, refs, 'memory', who)), globals: vector(r, () => index(r, refs, 'global', who)), at };
  }));
}

function readFrame(r: ByteReader, refs: IndexRef[], who: string): CoredumpFrame {
  const at = r.pos;
  expectZero(r, 'frame');
  return {
    at,
    instance: index(r, refs, 'instance', who),
    funcIndex: r.u32('function index'),
    codeOffset: r.u32('code offset'),
    locals: vector(r, () => readValue(r)),
    stack: vector(r, () => readValue(r)),
  };
}

interface IndexRef {
  kind: 'module' | 'instance' | 'memory' | 'global';
  index: number;
  /** Byte offset of the index, and who holds it, for the error. */
  at: number;
  who: string;
}

function index(r: ByteReader, refs: IndexRef[], kind: IndexRef['kind'], who: string): number {
  const at = r.pos;
  const value = r.u32(`${kind} index`);
  refs.push({ kind, index: value, at, who });
  return value;
}

/**
 * `value`, once the section `r` reads is used up: bytes past the end of what the layout says
 * (a count one too small, two dumps run together) would otherwise be dropped without a word.
 */
function whole<T>(r: ByteReader, name: string, value: T): T {
  wholly(r, name);
  return value;
}

function wholly(r: ByteReader, name: string): void {
  if (!r.atEnd()) r.fail(`"${name}" custom section: ${count(r.remaining, 'byte')} left over after its contents`);
}

function readValue(r: ByteReader): CoredumpValue {
  const at = r.pos;
  const type = r.u8('value type');
  switch (type) {
    case VALUE_BYTES.missing: return { type: 'missing' };
    case VALUE_BYTES.i32: return { type: 'i32', bits: r.s32('i32 value') >>> 0 };
    case VALUE_BYTES.i64: return { type: 'i64', bits: hex(BigInt.asUintN(64, r.s64('i64 value')), 16) };
    case VALUE_BYTES.f32: return { type: 'f32', bits: Number(littleEndian(r.take(4, 'f32 value'))) };
    case VALUE_BYTES.f64: return { type: 'f64', bits: hex(littleEndian(r.take(8, 'f64 value')), 16) };
    default: return r.fail(`unknown frame value type 0x${type.toString(16)}`, at);
  }
}

function littleEndian(bytes: Uint8Array): bigint {
  let out = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) out = (out << 8n) | BigInt(bytes[i]!);
  return out;
}

function hex(bits: bigint, digits: number): string {
  return bits.toString(16).padStart(digits, '0');
}

function memories(bytes: Uint8Array, m: RawModule): CoredumpMemory[] {
  // A memory64 dump may declare up to 2^48 pages; opening it builds a page map of a byte per
  // 64 KiB, which threw when longer than V8 makes a typed array (2^36 pages did), and past 2^53
  // bytes the size is not even exact. The limit is a snapshot's: a dump is opened, exported and
  // diffed as one.
  const minimumAt = memoryMinimumOffsets(bytes, m);
  m.memories.forEach((info, i) => {
    const size = info.min * WASM_PAGE;
    if (size > MAX_SNAPSHOT_MEMORY) {
      throw new ReadError(`memory ${i} declares ${count(info.min, 'page')} (${size} bytes), larger than the ${MAX_SNAPSHOT_MEMORY} bytes (1 TiB) a memory image may hold`, minimumAt[i]!);
    }
  });
  const blocks: Map<number, Uint8Array>[] = m.memories.map(() => new Map());
  m.dataSegments.forEach((segment, i) => {
    const start = m.dataStarts[i]!;
    // Passive segments are not memory (the convention's memory is active segments only).
    if (segment.mode !== 'active') return;
    // Memory that a segment cannot be placed in would otherwise vanish from the dump unsaid.
    const fail: (why: string) => never = (why) => { throw new ReadError(`data segment ${i} (${count(segment.size, 'byte')}) ${why}`, start); };
    const target = blocks[segment.memory];
    if (!target) fail(`is for memory ${segment.memory}, but the dump has ${count(m.memories.length, 'memory', 'memories')}`);
    if (segment.offset === null) fail(`has an offset that is not a constant (${segment.offsetExpr ?? '?'}): where its bytes go is unknown`);
    const size = m.memories[segment.memory]!.min * WASM_PAGE;
    if (segment.offset + segment.size > size) {
      fail(`at 0x${segment.offset.toString(16)} ends past the end of memory ${segment.memory} (${count(m.memories[segment.memory]!.min, 'page')}, ${size} bytes)`);
    }
    for (let k = 0; k < segment.size;) {
      const address = segment.offset + k;
      const index = Math.floor(address / BLOCK_SIZE);
      const within = address - index * BLOCK_SIZE;
      const n = Math.min(BLOCK_SIZE - within, segment.size - k);
      let block = target.get(index);
      if (!block) target.set(index, (block = new Uint8Array(BLOCK_SIZE)));
      block.set(bytes.subarray(start + k, start + k + n), within);
      k += n;
    }
  });
  return m.memories.map((info, i) => {
    const size = info.min * WASM_PAGE;
    const list: MemoryBlock[] = [...blocks[i]!.entries()].sort((a, b) => a[0] - b[0])
      .filter(([index]) => index * BLOCK_SIZE < size)
      .map(([index, b]) => ({ index, bytes: b.subarray(0, Math.min(BLOCK_SIZE, size - index * BLOCK_SIZE)) }));
    return { min: info.min, max: info.max, memory64: info.memory64, ...(info.shared ? { shared: true } : {}), image: { size, blockSize: BLOCK_SIZE, blocks: list } };
  });
}

/**
 * Where each memory's minimum size is written: in the memory section, past its limits flags; an
 * imported memory's (not in a coredump Memscope or wasmtime writes) is given as its import section.
 */
function memoryMinimumOffsets(bytes: Uint8Array, m: RawModule): number[] {
  const imported = m.imports.filter((i) => i.kind === 'memory').length;
  const importAt = m.sections.find((s) => s.name === 'import')?.start ?? 8;
  const out: number[] = Array.from({ length: imported }, () => importAt);
  const section = m.sections.find((s) => s.name === 'memory');
  if (!section) return out;
  const r = new ByteReader(bytes, section.start + 1, section.end);
  r.u32('section size');
  const n = r.u32('memory count');
  for (let i = 0; i < n; i++) {
    out.push(r.pos + 1);
    readMemoryType(r);
  }
  return out;
}

function vector<T>(r: ByteReader, item: (i: number) => T): T[] {
  const length = r.u32('vector length');
  const out: T[] = [];
  for (let i = 0; i < length; i++) out.push(item(i));
  return out;
}

function expectZero(r: ByteReader, what: string): void {
  const at = r.pos;
  const tag = r.u8(`${what} tag`);
  if (tag !== 0) r.fail(`${what} starts with 0x${tag.toString(16)}; only 0x00 is defined`, at);
}

function malformed(message: string, offset: number): { ok: false; error: MemscopeError } {
  return { ok: false, error: { code: 'malformed-snapshot', message, where: { offset } } };
}
