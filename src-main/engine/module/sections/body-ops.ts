// Reads the first instructions of a function body, for the recognisers of short fixed code
// shapes (call-wrappers.ts, frame-size.ts): the opcodes with an index or a constant they need,
// nothing else (any other opcode ends the read).

/** Opcodes with one unsigned index: call, local.get/set/tee, global.get/set. */
const INDEXED = new Set([0x10, 0x20, 0x21, 0x22, 0x23, 0x24]);
const I32_CONST = 0x41;
/** Opcodes without an immediate that a recogniser reads: end, i32.sub. */
const BARE = new Set([0x0b, 0x6b]);

export class Body {
  private at: number;
  private readonly end: number;

  constructor(private readonly bytes: Uint8Array, start: number, size: number) {
    this.at = start;
    this.end = start + size;
  }

  /** Past the locals; false when they do not decode. */
  skipLocals(): boolean {
    const groups = this.uleb();
    if (groups === null) return false;
    for (let g = 0; g < groups; g++) {
      if (this.uleb() === null) return false;
      this.at++;
    }
    return this.at <= this.end;
  }

  /**
   * The next opcode and its immediate (an index; i32.const's value; 0 for none); null past the
   * end, at a bad LEB, or at an opcode not read here.
   */
  op(): { op: number; index: number } | null {
    if (this.at >= this.end) return null;
    const op = this.bytes[this.at++]!;
    if (BARE.has(op)) return { op, index: 0 };
    const index = INDEXED.has(op) ? this.uleb() : op === I32_CONST ? this.sleb() : null;
    return index === null ? null : { op, index };
  }

  get done(): boolean {
    return this.at === this.end;
  }

  private uleb(): number | null {
    let value = 0;
    for (let shift = 0; shift < 35 && this.at < this.end; shift += 7) {
      const b = this.bytes[this.at++]!;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return value >>> 0;
    }
    return null;
  }

  private sleb(): number | null {
    let value = 0;
    for (let shift = 0; shift < 35 && this.at < this.end; shift += 7) {
      const b = this.bytes[this.at++]!;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return shift + 7 < 32 && (b & 0x40) !== 0 ? value | (-1 << (shift + 7)) : value | 0;
    }
    return null;
  }
}
