// Little-endian u32 reads over a copy or view of guest memory, failing with a WalkStop (never a
// RangeError) when a header points outside memory.

import { WalkStop } from './types.ts';

export class Words {
  private readonly view: DataView;
  readonly size: number;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = bytes.byteLength;
  }

  /** The u32 at `address`; `what` names the field for the error when it is outside memory. */
  u32(address: number, what: string, corrupt = false): number {
    if (address < 0 || address + 4 > this.size) {
      throw new WalkStop(`${what} at ${hex(address)} is outside memory (${this.size} bytes)`, corrupt);
    }
    return this.view.getUint32(address, true);
  }

  /** Unchecked read for hot loops that already checked the range. */
  at(address: number): number {
    return this.view.getUint32(address, true);
  }
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
