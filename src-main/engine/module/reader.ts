// A bounds-checked cursor over module bytes: fixed-size reads, LEB128 integers and UTF-8 names.
// Every failure throws ReadError with the absolute byte offset; the section parser catches it
// and turns it into a MemscopeError value (nothing escapes inspectBytes as an exception).

/** A structural problem at a byte offset. `section` is filled in by the section loop. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    public section?: string,
    /** `unsupported`: the bytes are valid WebAssembly that uses what Memscope does not read. */
    readonly code: 'malformed-module' | 'unsupported' = 'malformed-module',
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ByteReader {
  /** Absolute offset of the next byte to read. */
  pos: number;

  /**
   * `bytes` is the whole module; the reader may only move within [start, end) so a section's
   * reader can never run into the next section.
   */
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** A reader over the next `length` bytes; this reader skips past them. */
  sub(length: number, what: string): ByteReader {
    this.need(length, what);
    const r = new ByteReader(this.bytes, this.pos, this.pos + length);
    this.pos += length;
    return r;
  }

  fail(message: string, offset = this.pos): never {
    throw new ReadError(message, offset);
  }

  /** Valid WebAssembly this reader does not follow (GC types, a component): not malformed. */
  refuse(message: string, offset = this.pos): never {
    throw new ReadError(message, offset, undefined, 'unsupported');
  }

  need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      this.fail(`${what} needs ${n} byte${n === 1 ? '' : 's'} but only ${this.end - this.pos} remain`);
    }
  }

  u8(what = 'byte'): number {
    if (this.pos >= this.end) this.fail(`unexpected end while reading ${what}`);
    return this.bytes[this.pos++]!;
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }

  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Unsigned LEB128 of at most 32 bits: at most 5 bytes, unused high bits of the 5th zero. */
  u32(what = 'u32'): number {
    const start = this.pos;
    let result = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) this.fail(`LEB128 ${what} runs past the end`, start);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if (b & 0x80) this.fail(`LEB128 ${what} is longer than 5 bytes`, start);
        if (b & 0x70) this.fail(`LEB128 ${what} does not fit in 32 bits`, start);
        return (result + b * 2 ** 28) >>> 0;
      }
      result |= (b & 0x7f) << (7 * i);
      if (!(b & 0x80)) return result >>> 0;
    }
    return this.fail(`LEB128 ${what} is malformed`, start);
  }

  /** Signed LEB128 of at most 32 bits (5 bytes; the 5th byte's unused bits extend the sign). */
  s32(what = 's32'): number {
    return Number(this.signed(32, what));
  }

  /** Signed 33-bit LEB128, used for block types and heap types. */
  s33(what = 's33'): number {
    return Number(this.signed(33, what));
  }

  /** Signed 64-bit LEB128 as a bigint (exact). */
  s64(what = 's64'): bigint {
    return this.signed(64, what);
  }

  /** Unsigned 64-bit LEB128 as a number; values above 2^53 are rejected (never needed here). */
  u64(what = 'u64'): number {
    const start = this.pos;
    let result = 0n;
    const maxBytes = 10;
    for (let i = 0; i < maxBytes; i++) {
      if (this.pos >= this.end) this.fail(`LEB128 ${what} runs past the end`, start);
      const b = this.bytes[this.pos++]!;
      if (i === maxBytes - 1) {
        if (b & 0x80) this.fail(`LEB128 ${what} is longer than 10 bytes`, start);
        if (b & 0x7e) this.fail(`LEB128 ${what} does not fit in 64 bits`, start);
      }
      result |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (!(b & 0x80)) break;
    }
    if (result > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`${what} ${result} is too large`, start);
    return Number(result);
  }

  /**
   * Signed LEB128 of `bits` bits. The last allowed byte may only carry bits that are a sign
   * extension of the value's top bit, as the spec (and V8) require.
   */
  private signed(bits: number, what: string): bigint {
    const start = this.pos;
    const maxBytes = Math.ceil(bits / 7);
    let result = 0n;
    let shift = 0;
    for (let i = 0; i < maxBytes; i++) {
      if (this.pos >= this.end) this.fail(`LEB128 ${what} runs past the end`, start);
      const b = this.bytes[this.pos++]!;
      result |= BigInt(b & 0x7f) << BigInt(shift);
      shift += 7;
      if (i === maxBytes - 1) {
        if (b & 0x80) this.fail(`LEB128 ${what} is longer than ${maxBytes} bytes`, start);
        // Bits of the last byte above position (bits - 1 - 7*(maxBytes-1)) must all equal the
        // sign bit.
        const used = bits - 7 * (maxBytes - 1);
        const signAndUnused = (b & 0x7f) >> (used - 1);
        const allOnes = (1 << (7 - used + 1)) - 1;
        if (signAndUnused !== 0 && signAndUnused !== allOnes) {
          this.fail(`LEB128 ${what} does not fit in ${bits} bits`, start);
        }
      }
      if (!(b & 0x80)) {
        if (shift < 64 && b & 0x40) result -= 1n << BigInt(shift);
        return BigInt.asIntN(bits, result);
      }
    }
    return this.fail(`LEB128 ${what} is malformed`, start);
  }

  f32(): number {
    this.need(4, 'f32');
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 4).getFloat32(0, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8, 'f64');
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }

  /** A `name`: u32 byte length then UTF-8 (invalid UTF-8 is an error naming the offset). */
  name(what = 'name'): string {
    const lengthAt = this.pos;
    const length = this.u32(`${what} length`);
    if (length > this.end - this.pos) {
      this.fail(`${what} of ${length} bytes runs past the end`, lengthAt);
    }
    const at = this.pos;
    const raw = this.bytes.subarray(at, at + length);
    this.pos += length;
    // Short plain ASCII is by far the common case; skip the decoder's overhead for it.
    let ascii = length <= 256;
    for (let i = 0; ascii && i < raw.length; i++) {
      if (raw[i]! > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, raw as unknown as number[]);
    try {
      return utf8.decode(raw);
    } catch {
      return this.fail(`${what} is not valid UTF-8`, at);
    }
  }
}
