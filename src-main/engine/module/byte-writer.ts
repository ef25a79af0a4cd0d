// A growable byte buffer with the Wasm binary format's encodings (LEB128, names, sections),
// for every module rewrite and writer (memory cap, exported globals, coredumps). Writes only:
// reading goes through the module reader's ByteReader.

export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  get length(): number {
    return this.len;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  u8(b: number): this {
    this.ensure(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Unsigned LEB128 (u32 and u64 both; the value must be a non-negative integer). */
  uleb(value: number | bigint): this {
    let v = BigInt(value);
    do {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      this.u8(v === 0n ? byte : byte | 0x80);
    } while (v !== 0n);
    return this;
  }

  /** Signed LEB128 (i32.const / i64.const immediates, frame values). */
  sleb(value: number | bigint): this {
    let v = BigInt(value);
    for (;;) {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
      this.u8(done ? byte : byte | 0x80);
      if (done) return this;
    }
  }

  f32(value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.raw(b);
  }

  f64(value: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    return this.raw(b);
  }

  /** A name: byte length (u32) then UTF-8. */
  name(text: string): this {
    const utf8 = new TextEncoder().encode(text);
    return this.uleb(utf8.length).raw(utf8);
  }

  /** A section: id, payload size, payload. */
  section(id: number, payload: Uint8Array): this {
    return this.u8(id).uleb(payload.length).raw(payload);
  }

  /** A custom section (id 0): the name is part of the payload. */
  custom(name: string, payload: Uint8Array): this {
    return this.section(0, new ByteWriter().name(name).raw(payload).bytes());
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

/** The unsigned LEB128 encoding of `value`, as bytes to splice into a section. */
export function uleb(value: number | bigint): number[] {
  return [...new ByteWriter().uleb(value).bytes()];
}
