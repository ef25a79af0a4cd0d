// A compact binary form of plain data (what a step record is made of) for the step ring: the
// writer appends values to a growable scratch buffer, the reader rebuilds them equal. Unlike
// JSON it keeps NaN, ±Infinity, -0, bigint, null and undefined array items exactly, and it
// formats no number as text (turning a step's durations into decimal text was most of what
// JSON.stringify cost per step).
//
// Why not node:v8's serialize (the structured-clone format, which keeps the same values): for a
// typical record (one call, one WASI import, two ranges) it measured 21 µs a round trip and 570 B
// against 4.3 µs and 222 B here (JSON: 7.8 µs, 595 B; tsx microbenchmark, 2026-11-30). A
// MessagePack library would need extension types for bigint and undefined items; none was measured.
//
// A value is one tag byte and what follows it (varuint: unsigned LEB128):
//
//   0 undefined  1 null  2 false  3 true
//   4 UINT  varuint            integers 240 .. 2^53-1
//   5 NEG   varuint of -v      integers -2^53+1 .. -1
//   6 F64   8 bytes LE         any other number (fractions, NaN, ±Infinity, -0, unsafe integers)
//   7 STR   string             (below)
//   8 WORD  varuint            WORDS[id]: a key or value every record repeats, stored as its index
//   9 ARRAY varuint n, n values
//  10 OBJECT (key, value)*, then key 0. Key k: 1..WORDS.length is WORDS[k - 1]; WORDS.length + 1
//           is a shared string, its varuint id follows; above that, an inline string of
//           k - WORDS.length - 2 UTF-8 bytes follows. Properties whose value is undefined are
//           left out, as JSON does (records never hold them on purpose).
//  11 BIGINT string of its decimal digits
//  12 BYTES varuint n, n bytes (a Uint8Array; decoded as a copy)
//  13 PAIRS varuint n, 2n varuints (an array of [uint, uint] pairs: changed ranges, `touched`)
//  15 SHARED varuint id       the shared string `id` (below)
//  16..255  the integer tag - 16 (0..239) in the tag byte itself
//
// Shared strings are those both ends knew before the first value (a session's export names, the
// names and types its sequence binds: ring-strings.ts), each end given the same list; a writer
// without one writes every string out, as does a string not in it.
//
// A string is varuint (byteLength << 1 | ascii) and its UTF-8 bytes; ascii (1) lets the reader
// take the one-byte latin1 path. Anything else (a Map, a class instance, a function, a symbol)
// is not plain data: write() throws NotPlainData and the caller sends that value another way.

import { Buffer } from 'node:buffer';

/** Keys and values most records carry, written as their index here (both ends share this list). */
const WORDS = [
  // StepRecord
  'index', 'line', 'source', 'ok', 'error', 'calls', 'bound', 'changes', 'changedBytes', 'changesCoarse', 'grew',
  'regionEvents', 'durationMs', 'memorySize', 'exitCode', 'heap', 'stackPointer', 'writes', 'writesDropped', 'watchHits',
  'captureMs',
  // CallRecord, WasmValue, ImportCallRecord, MemscopeError
  'export', 'args', 'results', 'imports', 'importsDropped', 'type', 'bits', 'func', 'isNull', 'i32', 'i64', 'f32', 'f64',
  'module', 'name', 'binding', 'summary', 'detail', 'errno', 'errnoName', 'touched', 'code', 'message',
  // BoundValue
  'kind', 'value', 'int', 'float', 'text', 'bytes', 'struct', 'tuple', 'encoding', 'utf8', 'utf16', 'address',
  'byteLength', 'hex', 'size', 'fields', 'items',
  // RegionEvent, Region, StepHeap, HeapBlock, GrowthInfo
  'region', 'action', 'created', 'read', 'written', 'freed', 'id', 'start', 'createdStep', 'freedStep', 'alloc', 'malloc',
  'allocated', 'problems', 'walk', 'owner', 'host', 'guest', 'step', 'by', 'freedBy', 'fromPages', 'toPages',
  // WriteRecord, WatchHit
  'end', 'function', 'offset', 'old',
];

const WORD_IDS = new Map<string, number>(WORDS.map((word, id) => [word, id]));

const T = { UNDEFINED: 0, NULL: 1, FALSE: 2, TRUE: 3, UINT: 4, NEG: 5, F64: 6, STR: 7, WORD: 8, ARRAY: 9, OBJECT: 10, BIGINT: 11, BYTES: 12, PAIRS: 13, SHARED: 15, SMALL: 16 } as const;
/** The key header of a shared string (its id follows); inline keys' headers start after it. */
const SHARED_KEY = WORDS.length + 1;
const INLINE_KEY = WORDS.length + 2;
const NO_SHARED: ReadonlyMap<string, number> = new Map();
const SMALL_MAX = 255 - T.SMALL;
/** Strings up to this many UTF-16 units are tried as ASCII in a loop; longer ones go to Buffer.write. */
const SHORT_STRING = 48;

/** Thrown by WireWriter.value for data it has no form for. */
export class NotPlainData extends Error {}

export class WireWriter {
  bytes: Uint8Array;
  private buf: Buffer;
  private view: DataView;
  /** Bytes written so far (the next one goes here). */
  at = 0;

  /** `shared`: the shared strings (see the file's comment) by id. */
  constructor(initialBytes = 4096, private readonly shared: ReadonlyMap<string, number> = NO_SHARED) {
    this.bytes = new Uint8Array(initialBytes);
    this.buf = Buffer.from(this.bytes.buffer);
    this.view = new DataView(this.bytes.buffer);
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    bigger.set(this.bytes.subarray(0, this.at));
    this.bytes = bigger;
    this.buf = Buffer.from(bigger.buffer);
    this.view = new DataView(bigger.buffer);
  }

  byte(v: number): void {
    this.room(1);
    this.bytes[this.at++] = v;
  }

  /** A non-negative integer up to 2^53 - 1, 7 bits a byte. */
  uint(v: number): void {
    this.room(8);
    const b = this.bytes;
    let at = this.at;
    while (v > 0xffffffff) {
      b[at++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    while (v >= 0x80) {
      b[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[at++] = v;
    this.at = at;
  }

  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.at, v, true);
    this.at += 8;
  }

  string(s: string): void {
    const n = s.length;
    if (n <= SHORT_STRING && this.shortAscii(s, (n << 1) | 1)) return;
    const length = Buffer.byteLength(s, 'utf8');
    this.uint(length * 2);
    this.room(length);
    this.at += this.buf.write(s, this.at, length, 'utf8');
  }

  /** Any plain data (see the file's comment); throws NotPlainData for anything else. */
  value(v: unknown): void {
    switch (typeof v) {
      case 'number': return this.number(v);
      case 'string': {
        const word = WORD_IDS.get(v);
        if (word !== undefined) {
          this.byte(T.WORD);
          this.uint(word);
          return;
        }
        const id = this.shared.get(v);
        if (id !== undefined) {
          this.byte(T.SHARED);
          this.uint(id);
          return;
        }
        this.byte(T.STR);
        this.string(v);
        return;
      }
      case 'boolean': return this.byte(v ? T.TRUE : T.FALSE);
      case 'undefined': return this.byte(T.UNDEFINED);
      case 'bigint':
        this.byte(T.BIGINT);
        return this.string(v.toString());
      case 'object':
        if (v === null) return this.byte(T.NULL);
        if (Array.isArray(v)) return this.array(v);
        if (v instanceof Uint8Array && v.constructor === Uint8Array) {
          this.byte(T.BYTES);
          this.uint(v.length);
          this.room(v.length);
          this.bytes.set(v, this.at);
          this.at += v.length;
          return;
        }
        return this.object(v);
      default:
        throw new NotPlainData(`a ${typeof v} is not plain data`);
    }
  }

  private number(v: number): void {
    if ((v >>> 0) === v && (v !== 0 || 1 / v > 0)) {
      if (v <= SMALL_MAX) return this.byte(T.SMALL + v);
      this.byte(T.UINT);
      return this.uint(v);
    }
    if (Number.isSafeInteger(v) && v !== 0) {
      this.byte(v > 0 ? T.UINT : T.NEG);
      return this.uint(v > 0 ? v : -v);
    }
    this.byte(T.F64);
    this.f64(v);
  }

  private array(v: unknown[]): void {
    if (v.length > 0 && this.pairs(v)) return;
    this.byte(T.ARRAY);
    this.uint(v.length);
    for (let i = 0; i < v.length; i++) this.value(v[i]);
  }

  /** Writes `v` as PAIRS when every item is a [uint32, uint32]; false (nothing written) otherwise. */
  private pairs(v: unknown[]): boolean {
    const first = v[0];
    if (!Array.isArray(first) || first.length !== 2) return false;
    const start = this.at;
    this.byte(T.PAIRS);
    this.uint(v.length);
    for (let i = 0; i < v.length; i++) {
      const pair = v[i];
      if (!Array.isArray(pair) || pair.length !== 2 || !isUint32(pair[0]) || !isUint32(pair[1])) {
        this.at = start;
        return false;
      }
      this.uint(pair[0]);
      this.uint(pair[1]);
    }
    return true;
  }

  /** A plain object; with `skip`, without those of its properties (the caller writes them its own way). */
  object(v: object, skip?: ReadonlySet<string>): void {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new NotPlainData(`a ${proto?.constructor?.name ?? 'class instance'} is not plain data`);
    this.byte(T.OBJECT);
    const record = v as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (item === undefined || skip?.has(key)) continue;
      const word = WORD_IDS.get(key);
      const id = word === undefined ? this.shared.get(key) : undefined;
      if (word !== undefined) {
        this.uint(word + 1);
      } else if (id !== undefined) {
        this.uint(SHARED_KEY);
        this.uint(id);
      } else {
        this.key(key);
      }
      this.value(item);
    }
    this.byte(0);
  }

  /**
   * Writes `header` (one byte) and then `s` byte for byte if every character is ASCII, and says
   * whether it did; otherwise writes nothing, for the caller's UTF-8 path. Short strings and keys
   * both take it: a loop over a few characters costs less than Buffer.byteLength and write.
   */
  private shortAscii(s: string, header: number): boolean {
    const n = s.length;
    this.room(n + 1);
    const b = this.bytes;
    let at = this.at + 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return false;
      b[at++] = c;
    }
    b[this.at] = header;
    this.at = at;
    return true;
  }

  /**
   * A key neither in WORDS nor shared: varuint (UTF-8 length + INLINE_KEY), then its bytes. Short
   * ASCII keys are copied in a loop: Buffer.byteLength and write cost more than the few characters.
   */
  private key(key: string): void {
    const n = key.length;
    if (n < 128 - INLINE_KEY && this.shortAscii(key, n + INLINE_KEY)) return;
    const length = Buffer.byteLength(key, 'utf8');
    this.uint(length + INLINE_KEY);
    this.room(length);
    this.at += this.buf.write(key, this.at, length, 'utf8');
  }
}

function isUint32(v: unknown): v is number {
  return typeof v === 'number' && (v >>> 0) === v && (v !== 0 || 1 / v > 0);
}

/** Reads what a WireWriter wrote, from `bytes` (which may be a view of shared memory). */
export class WireReader {
  private readonly view: DataView;
  at = 0;

  /** `shared`: the same shared strings the writer had (see the file's comment). */
  constructor(private readonly bytes: Buffer, private readonly shared: readonly string[] = []) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  byte(): number {
    return this.bytes[this.at++]!;
  }

  uint(): number {
    const b = this.bytes;
    let at = this.at;
    let byte = b[at++]!;
    let v = byte & 0x7f;
    let scale = 128;
    while (byte & 0x80) {
      byte = b[at++]!;
      v += (byte & 0x7f) * scale;
      scale *= 128;
    }
    this.at = at;
    return v;
  }

  f64(): number {
    const v = this.view.getFloat64(this.at, true);
    this.at += 8;
    return v;
  }

  string(): string {
    const header = this.uint();
    const ascii = header & 1;
    const start = this.at;
    this.at += (header - ascii) / 2;
    return this.bytes.toString(ascii ? 'latin1' : 'utf8', start, this.at);
  }

  value(): unknown {
    const tag = this.bytes[this.at++]!;
    if (tag >= T.SMALL) return tag - T.SMALL;
    switch (tag) {
      case T.UNDEFINED: return undefined;
      case T.NULL: return null;
      case T.FALSE: return false;
      case T.TRUE: return true;
      case T.UINT: return this.uint();
      case T.NEG: return -this.uint();
      case T.F64: return this.f64();
      case T.STR: return this.string();
      case T.WORD: return WORDS[this.uint()];
      case T.ARRAY: {
        const n = this.uint();
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = this.value();
        return out;
      }
      case T.OBJECT: return this.object();
      case T.BIGINT: return BigInt(this.string());
      case T.BYTES: {
        const n = this.uint();
        const out = new Uint8Array(n);
        out.set(this.bytes.subarray(this.at, this.at + n));
        this.at += n;
        return out;
      }
      case T.SHARED: return this.shared[this.uint()];
      case T.PAIRS: {
        const n = this.uint();
        const out = new Array<[number, number]>(n);
        for (let i = 0; i < n; i++) out[i] = [this.uint(), this.uint()];
        return out;
      }
      default:
        throw new RangeError(`step ring: unknown value tag ${tag} at byte ${this.at - 1}`);
    }
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let key = this.uint(); key !== 0; key = this.uint()) {
      let name: string;
      if (key <= WORDS.length) {
        name = WORDS[key - 1]!;
      } else if (key === SHARED_KEY) {
        name = this.shared[this.uint()]!;
      } else {
        const start = this.at;
        this.at += key - INLINE_KEY;
        name = this.bytes.toString('utf8', start, this.at);
      }
      out[name] = this.value();
    }
    return out;
  }
}
