// Little-endian u32 reads over a copy or view of guest memory, failing with a WalkStop (never a
// RangeError) when a header points outside memory.

import { WalkStop } from './types.ts';

export class Words {
  private readonly view: DataView;
  /** Aligned words read straight from a typed array (the hot loops' reads are aligned). */
  private readonly words: Uint32Array | null;
  readonly size: number;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = bytes.byteLength;
    this.words = bytes.byteOffset % 4 === 0 && LITTLE_ENDIAN ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2) : null;
  }

  /** The u32 at `address`; `what` names the field for the error when it is outside memory. */
  u32(address: number, what: string, corrupt = false): number {
    if (address < 0 || address + 4 > this.size) {
      throw new WalkStop(`${what} at ${hex(address)} is outside memory (${this.size} bytes)`, corrupt);
    }
    return this.at(address);
  }

  /** Unchecked read for hot loops that already checked the range. */
  at(address: number): number {
    return this.words !== null && (address & 3) === 0 ? this.words[address >>> 2]! : this.view.getUint32(address, true);
  }
}

/** Wasm memory is little-endian; a typed array reads it directly only on a little-endian host. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
