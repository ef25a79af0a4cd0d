// A little-endian cursor over one DWARF section's bytes. DWARF's LEB128s are not wasm's: any
// length, values up to 64 bits (a u64 constant is read and dropped), so this is not ByteReader.
// Offsets in errors are the module file's, so a bad byte is found with a hex editor.

/**
 * A malformed byte in a DWARF section, at `offset` in the module file. Its own class, not the
 * module reader's ReadError: the guest worker reads line tables, and importing the reader for
 * its error would split the chunk it shares with the engine in two (cli/built-js.test.ts).
 */
export class DwarfError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'DwarfError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class DwarfCursor {
  /** Offset of the next byte to read, within the section. */
  pos: number;

  /** `fileOffset`: where the section's payload starts in the module file (for errors). */
  constructor(readonly bytes: Uint8Array, readonly fileOffset: number, readonly what: string, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new DwarfError(`${this.what}: ${message}`, this.fileOffset + at);
  }

  private need(n: number, what: string): void {
    if (n > this.end - this.pos) this.fail(`${what} runs past the end`);
  }

  u8(what = 'byte'): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  u16(what = 'u16'): number {
    this.need(2, what);
    const b = this.bytes;
    const v = b[this.pos]! | (b[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }

  u32(what = 'u32'): number {
    this.need(4, what);
    const b = this.bytes;
    const v = (b[this.pos]! | (b[this.pos + 1]! << 8) | (b[this.pos + 2]! << 16) | (b[this.pos + 3]! << 24)) >>> 0;
    this.pos += 4;
    return v;
  }

  /** An unsigned integer of `size` bytes (1, 2, 3, 4 or 8); above 2^53 it is not exact (never an address here). */
  uint(size: number, what: string): number {
    if (size === 1) return this.u8(what);
    if (size === 2) return this.u16(what);
    if (size === 4) return this.u32(what);
    if (size === 3) return this.u16(what) + this.u8(what) * 0x10000;
    if (size === 8) return this.u32(what) + this.u32(what) * 2 ** 32;
    return this.fail(`${what} has unsupported size ${size}`);
  }

  /** Unsigned LEB128 of any length (past 2^53 the value is not exact: only skipped ones are that big). */
  uleb(what = 'ULEB128'): number {
    return this.leb(false, what);
  }

  /** Signed LEB128 of any length (DW_FORM_sdata, implicit_const, line_base advances). */
  sleb(what = 'SLEB128'): number {
    return this.leb(true, what);
  }

  private leb(signed: boolean, what: string): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.u8(what);
      result += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return signed && (b & 0x40) !== 0 ? result - scale : result;
    }
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

  /** A NUL-terminated UTF-8 string (DW_FORM_string, and strings in .debug_str at an offset). */
  cstr(what = 'string'): string {
    const zero = this.bytes.indexOf(0, this.pos);
    if (zero === -1 || zero >= this.end) this.fail(`${what} has no terminating NUL`);
    const text = utf8.decode(this.bytes.subarray(this.pos, zero));
    this.pos = zero + 1;
    return text;
  }
}
