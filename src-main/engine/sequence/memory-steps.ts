// The `read` and `write` steps: typed access to guest memory, the values they bind and the
// region events they cause.

import type { BoundValue, RegionEvent } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';
import { MemoryFault } from '../memory/guest-memory.ts';
import type { Expr, Step } from './ast.ts';
import { SequenceFault } from './errors.ts';
import { evaluate, kindOf, toHex, toOffset } from './expr.ts';
import type { Lookup } from './expr.ts';
import { NUM_SIZE, numToBound, readNum, readStruct, writeNum } from './layout.ts';
import type { RegionTracker } from './regions.ts';

export interface StepContext {
  mem: GuestMemory;
  regions: RegionTracker;
  lookup: Lookup;
  step: number;
  /** AssemblyScript strings carry their byte length in the object header. */
  assemblyScript: boolean;
}

/** A read's address and length as expressions: the step's own, or literals of their values. */
export interface ReadOperands {
  address: Expr;
  length: Expr | null;
}

export interface StepOutput {
  bound: Record<string, BoundValue>;
  regionEvents: RegionEvent[];
}

/** Longest NUL-terminated string a length-less text read scans for. */
const MAX_SCAN = 1 << 20;

/**
 * Longest text or bytes one read may bind (64 MiB): the value is held as a string (bytes as hex,
 * twice as long), sent to the controlling thread and shown; V8's strings end near 512 Mi chars.
 */
export const MAX_READ_BYTES = 64 << 20;

function checkReadSize(size: number, kind: string, s: Extract<Step, { kind: 'read' }>): void {
  if (size <= MAX_READ_BYTES) return;
  throw new SequenceFault('eval-error',
    `read ${kind} of ${size} bytes is above the limit of ${MAX_READ_BYTES} bytes (64 MiB) for one read; read it in parts`,
    s.length?.span ?? s.address.span);
}

/** `operands` (the step itself, or literals of its address and length) are evaluated for the address and length. */
export function executeRead(s: Extract<Step, { kind: 'read' }>, operands: ReadOperands, ctx: StepContext): StepOutput {
  const address = toOffset(evaluate(operands.address, ctx.lookup), 'the address', operands.address.span);
  const length = operands.length ? toOffset(evaluate(operands.length, ctx.lookup), 'the length', operands.length.span) : null;
  const { mem } = ctx;
  let value: BoundValue;
  let size: number;
  const t = s.type;
  if (t.kind === 'num') {
    value = numToBound(readNum(mem, t.type, address), t.type);
    size = NUM_SIZE[t.type];
  } else if (t.kind === 'struct') {
    value = readStruct(mem, t.fields, address, s.typeText);
    size = value.size;
  } else if (t.kind === 'bytes') {
    size = length ?? 0;
    checkReadSize(size, 'bytes', s);
    value = { kind: 'bytes', hex: toHex(mem.view(address, size)), address };
  } else {
    size = length ?? textLength(mem, address, t.kind, ctx.assemblyScript);
    checkReadSize(size, t.kind, s);
    const text = t.kind === 'utf8' ? mem.readUtf8(address, size) : mem.readUtf16(address, size);
    value = { kind: 'text', value: text, encoding: t.kind, address, byteLength: size };
  }
  const regionEvents = ctx.regions.touch(address, size, 'read');
  const bound: Record<string, BoundValue> = {};
  if (s.target) {
    bound[s.target.name] = value;
    const kind = t.kind === 'num' ? null : t.kind === 'struct' ? 'struct' : t.kind === 'bytes' ? 'bytes' : 'text';
    if (kind && size > 0 && !ctx.regions.same(kind, address, size)) {
      regionEvents.push(ctx.regions.create(ctx.step, s.target.name, kind, address, size, s.typeText));
    }
  }
  return { bound, regionEvents };
}

/**
 * Byte length of a text read without `[len]`: AssemblyScript utf16 strings store it as a u32
 * just before the string (rtSize, at ptr - 4); otherwise the text ends at a NUL (u8 or u16).
 */
function textLength(mem: GuestMemory, address: number, kind: 'utf8' | 'utf16', assemblyScript: boolean): number {
  if (kind === 'utf16' && assemblyScript && address >= 4) return mem.getU32(address - 4);
  const all = mem.bytes();
  if (address >= all.length) throw new MemoryFault(address, 1, all.length);
  const end = Math.min(all.length, address + MAX_SCAN);
  const step = kind === 'utf8' ? 1 : 2;
  for (let i = address; i + step <= end; i += step) {
    if (all[i] === 0 && (step === 1 || all[i + 1] === 0)) return i - address;
  }
  throw new SequenceFault('out-of-bounds', `no terminating NUL within ${end - address} bytes; give a length: [len]`);
}

const encoder = new TextEncoder();

/** `addressExpr` (the step's address, or a literal of its value) is evaluated for the address. */
export function executeWrite(s: Extract<Step, { kind: 'write' }>, addressExpr: Expr, ctx: StepContext): StepOutput {
  const address = toOffset(evaluate(addressExpr, ctx.lookup), 'the address', addressExpr.span);
  const v = evaluate(s.value, ctx.lookup);
  const { mem } = ctx;
  const t = s.type;
  let size: number;
  if (t.kind === 'num') {
    size = writeNum(mem, t.type, address, v, s.value.span);
  } else if (t.kind === 'utf16') {
    if (typeof v !== 'string') throw new SequenceFault('eval-error', `write utf16 needs text, not ${kindOf(v)}`, s.value.span);
    size = mem.writeUtf16(address, v);
  } else {
    const data = writeBytes(s, v);
    mem.write(address, data);
    size = data.length;
  }
  const regionEvents = ctx.regions.touch(address, size, 'written');
  if (regionEvents.length === 0 && size > 0) {
    const name = s.source.slice(s.address.span.column - 1, s.address.span.column - 1 + s.address.span.length);
    regionEvents.push(ctx.regions.create(ctx.step, name, 'write', address, size, t.kind === 'num' ? t.type : t.kind));
  }
  const bound: Record<string, BoundValue> = {};
  if (s.target) bound[s.target.name] = { kind: 'int', value: String(size) };
  return { bound, regionEvents };
}

/** utf8: a string literal's own bytes (so `\xNN` is a raw byte), text as UTF-8; bytes: hex text or bytes. */
function writeBytes(s: Extract<Step, { kind: 'write' }>, v: ReturnType<typeof evaluate>): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v !== 'string') throw new SequenceFault('eval-error', `write ${s.type.kind} needs ${s.type.kind === 'bytes' ? 'a hex string or bytes' : 'text'}, not ${kindOf(v)}`, s.value.span);
  if (s.type.kind === 'utf8') return s.value.kind === 'string' ? s.value.bytes : encoder.encode(v);
  const clean = v.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
    throw new SequenceFault('eval-error', 'write bytes needs pairs of hex digits, like "de ad be ef"', s.value.span);
  }
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
