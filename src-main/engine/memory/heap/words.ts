// Little-endian u32 reads over a copy or view of guest memory, failing with a WalkStop (never a
// RangeError) when a header points outside memory.

import { WalkStop } from './types.ts';
import { hexAddress } from '../../../shared/hex.ts';

export class Words {
  private readonly view: DataView;
  /** Aligned words read straight from a typed array (the hot loops' reads are aligned). */
  private readonly words: Uint32Array | null;
  readonly size: number;

  /**
   * Words over `bytes`: the last one made when it views the same memory (each step's walk gets
   * a fresh view of the same memory; its two views of all of it are made again only after the
   * memory grew).
   */
  static of(bytes: Uint8Array): Words {
    const last = made.get(bytes.buffer);
    if (last !== undefined && last.bytes.byteOffset === bytes.byteOffset && last.size === bytes.byteLength) return last;
    const words = new Words(bytes);
    made.set(bytes.buffer, words);
    return words;
  }

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = bytes.byteLength;
    this.words = bytes.byteOffset % 4 === 0 && LITTLE_ENDIAN ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2) : null;
  }

  /** The u32 at `address`; `what` names the field for the error when it is outside memory. */
  u32(address: number, what: string, corrupt = false): number {
    if (address < 0 || address + 4 > this.size) {
      throw new WalkStop(`${what} at ${hexAddress(address)} is outside memory (${this.size} bytes)`, corrupt);
    }
    return this.at(address);
  }

  /** Unchecked read for hot loops that already checked the range. */
  at(address: number): number {
    return this.words !== null && (address & 3) === 0 ? this.words[address >>> 2]! : this.view.getUint32(address, true);
  }
}

/** By the memory they view; weak, so a walked copy of a memory is not kept alive by its views. */
const made = new WeakMap<ArrayBufferLike, Words>();

/** Wasm memory is little-endian; a typed array reads it directly only on a little-endian host. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

