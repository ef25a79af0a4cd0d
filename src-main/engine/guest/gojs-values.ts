// The JavaScript values a Go js/wasm program holds through syscall/js, as Go's js.go encodes
// them: a `ref` is 8 bytes (little-endian) that are either an IEEE 754 number, or a NaN box
//
//   bits 63…32   0x7FF80000 | type flag (0 none, 1 object, 2 string, 3 symbol, 4 function)
//   bits 31…0    an id into this table
//
// All zero bits are `undefined` (so the number 0 is boxed, id 1). Ids 0–6 are fixed by js.go:
// NaN, 0, null, true, false, the global object, the Go object. Every other id is counted: each
// time a value is handed to Go its count goes up, and Go's finalizer (finalizeRef) takes one
// back; at zero the id is free for the next value.

const NAN_HEAD = 0x7ff80000;
const FLAG_NAMES = ['', 'object', 'string', 'symbol', 'function'];
const FIXED_NAMES = ['NaN', '0', 'null', 'true', 'false', 'globalThis', 'go'];

const scratch = new DataView(new ArrayBuffer(8));

function numberOf(bits: bigint): number {
  scratch.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return scratch.getFloat64(0, true);
}

function bitsOf(n: number): bigint {
  scratch.setFloat64(0, n, true);
  return scratch.getBigUint64(0, true);
}

function boxed(flag: number, id: number): bigint {
  return (BigInt((NAN_HEAD | flag) >>> 0) << 32n) | BigInt(id >>> 0);
}

function typeFlag(v: unknown): number {
  switch (typeof v) {
    case 'object': return v === null ? 0 : 1;
    case 'string': return 2;
    case 'symbol': return 3;
    case 'function': return 4;
    default: return 0;
  }
}

/** A ref read from its bits alone, for the call log: `undefined`, `3.5`, `globalThis`, `object#12`. */
export function describeRef(bits: bigint): string {
  const b = BigInt.asUintN(64, bits);
  if (b === 0n) return 'undefined';
  const n = numberOf(b);
  if (!Number.isNaN(n)) return String(n);
  const id = Number(b & 0xffffffffn);
  const flag = Number((b >> 32n) & 7n);
  if (id < FIXED_NAMES.length) return FIXED_NAMES[id]!;
  return `${FLAG_NAMES[flag] || 'value'}#${id}`;
}

export class GoJsValues {
  private readonly values: unknown[];
  private readonly counts: number[];
  private readonly ids = new Map<unknown, number>();
  private readonly freeIds: number[] = [];

  constructor(global: object, go: object) {
    this.values = [Number.NaN, 0, null, true, false, global, go];
    this.counts = this.values.map(() => Infinity);
    this.values.forEach((v, id) => { if (id > 0) this.ids.set(v, id); });
  }

  load(bits: bigint): unknown {
    const b = BigInt.asUintN(64, bits);
    if (b === 0n) return undefined;
    const n = numberOf(b);
    if (!Number.isNaN(n)) return n;
    const id = Number(b & 0xffffffffn);
    if (id >= this.values.length || this.counts[id] === 0) throw new Error(`syscall/js: the guest used ref ${describeRef(b)}, which names no live value`);
    return this.values[id];
  }

  /** The ref Go keeps for `v`; each call counts one more reference Go will finalize. */
  store(v: unknown): bigint {
    if (typeof v === 'number' && v !== 0) return Number.isNaN(v) ? boxed(0, 0) : bitsOf(v);
    if (v === undefined) return 0n;
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.freeIds.pop() ?? this.values.length;
      this.values[id] = v;
      this.counts[id] = 0;
      this.ids.set(v, id);
    }
    this.counts[id]! += 1;
    return boxed(typeFlag(v), id);
  }

  /** Go dropped one reference to the value with this id (the fixed ids are never freed). */
  finalize(bits: bigint): void {
    const id = Number(BigInt.asUintN(64, bits) & 0xffffffffn);
    if (id >= this.values.length || this.counts[id] === Infinity || !this.counts[id]) return;
    this.counts[id]! -= 1;
    if (this.counts[id] === 0) {
      this.ids.delete(this.values[id]);
      this.values[id] = undefined;
      this.freeIds.push(id);
    }
  }

  /** How many values Go holds now beyond the fixed seven (for tests and the log). */
  get live(): number {
    return this.values.length - 7 - this.freeIds.length;
  }
}
