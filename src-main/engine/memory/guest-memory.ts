// Bounds-checked access to a guest's linear memory. Every access re-reads `memory.buffer`,
// because a guest call (or memory.grow) may detach the old ArrayBuffer; never keep a view
// returned here across a guest call.

/** Thrown for an access outside linear memory. WASI turns it into EFAULT, the host into an error value. */
export class MemoryFault extends Error {
  constructor(
    readonly address: number,
    readonly length: number,
    readonly memorySize: number,
    /** Why no access can succeed (GuestMemory.unreachable), said instead of the size. */
    unreachable: string | null = null,
  ) {
    super(
      unreachable !== null ? `memory access [0x${address.toString(16)}, +${length}): ${unreachable}`
        : `memory access out of bounds: [0x${address.toString(16)}, +${length}) is outside linear memory of ${memorySize} bytes`,
    );
    this.name = 'MemoryFault';
  }
}

import { noteHostWrite } from './write-hooks.ts';

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const utf8Encoder = new TextEncoder();
/** Code units per String.fromCharCode call: well under any engine's argument limit. */
const UTF16_CHUNK = 8192;

export class GuestMemory {
  /** `unreachable`: an empty stand-in for a memory the host cannot reach, and why (shared/hidden-memory.ts). */
  constructor(readonly memory: WebAssembly.Memory, readonly unreachable: string | null = null) {}

  /** Current size in bytes. */
  get size(): number {
    return this.memory.buffer.byteLength;
  }

  /** A fresh view of all of memory. Valid only until the next guest call. */
  bytes(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  /** Throws MemoryFault unless [address, address + length) lies inside memory. */
  check(address: number, length: number): void {
    const size = this.size;
    if (
      !Number.isInteger(address) || !Number.isInteger(length) ||
      address < 0 || length < 0 || address + length > size
    ) {
      throw new MemoryFault(address, length, size, this.unreachable);
    }
  }

  /** A view (no copy) of [address, address + length). Valid only until the next guest call. */
  view(address: number, length: number): Uint8Array {
    this.check(address, length);
    return new Uint8Array(this.memory.buffer, address, length);
  }

  /** A copy of [address, address + length). */
  read(address: number, length: number): Uint8Array {
    return this.view(address, length).slice();
  }

  write(address: number, data: Uint8Array): void {
    this.view(address, data.length).set(data);
    noteHostWrite(this.memory, address, data.length);
  }

  private dv(address: number, length: number): DataView {
    this.check(address, length);
    return new DataView(this.memory.buffer, address, length);
  }

  getU8(a: number): number { return this.dv(a, 1).getUint8(0); }
  getI8(a: number): number { return this.dv(a, 1).getInt8(0); }
  getU16(a: number): number { return this.dv(a, 2).getUint16(0, true); }
  getI16(a: number): number { return this.dv(a, 2).getInt16(0, true); }
  getU32(a: number): number { return this.dv(a, 4).getUint32(0, true); }
  getI32(a: number): number { return this.dv(a, 4).getInt32(0, true); }
  getU64(a: number): bigint { return this.dv(a, 8).getBigUint64(0, true); }
  getI64(a: number): bigint { return this.dv(a, 8).getBigInt64(0, true); }
  getF32(a: number): number { return this.dv(a, 4).getFloat32(0, true); }
  getF64(a: number): number { return this.dv(a, 8).getFloat64(0, true); }

  setU8(a: number, v: number): void { this.dv(a, 1).setUint8(0, v); this.wrote(a, 1); }
  setU16(a: number, v: number): void { this.dv(a, 2).setUint16(0, v, true); this.wrote(a, 2); }
  setU32(a: number, v: number): void { this.dv(a, 4).setUint32(0, v >>> 0, true); this.wrote(a, 4); }
  setI32(a: number, v: number): void { this.dv(a, 4).setInt32(0, v, true); this.wrote(a, 4); }
  setU64(a: number, v: bigint): void { this.dv(a, 8).setBigUint64(0, BigInt.asUintN(64, v), true); this.wrote(a, 8); }
  setI64(a: number, v: bigint): void { this.dv(a, 8).setBigInt64(0, BigInt.asIntN(64, v), true); this.wrote(a, 8); }
  setF32(a: number, v: number): void { this.dv(a, 4).setFloat32(0, v, true); this.wrote(a, 4); }
  setF64(a: number, v: number): void { this.dv(a, 8).setFloat64(0, v, true); this.wrote(a, 8); }

  /** Tells write tracing (memory/write-hooks.ts) which bytes the host just wrote. */
  private wrote(address: number, length: number): void {
    noteHostWrite(this.memory, address, length);
  }

  /** UTF-8 text of [address, address + length); invalid sequences become U+FFFD. */
  readUtf8(address: number, length: number): string {
    return utf8Decoder.decode(this.view(address, length));
  }

  /** UTF-16LE text of `byteLength` bytes (an odd trailing byte is ignored). */
  readUtf16(address: number, byteLength: number): string {
    const units = byteLength >>> 1;
    this.check(address, byteLength);
    // Copied into aligned u16s (every Node platform is little-endian, as wasm is); unpaired
    // surrogates stay as they are, which a TextDecoder would replace.
    const codes = new Uint16Array(units);
    new Uint8Array(codes.buffer).set(new Uint8Array(this.memory.buffer, address, units * 2));
    const parts: string[] = [];
    for (let i = 0; i < units; i += UTF16_CHUNK) {
      parts.push(String.fromCharCode.apply(null, codes.subarray(i, i + UTF16_CHUNK) as unknown as number[]));
    }
    return parts.join('');
  }

  /** Reads a NUL-terminated UTF-8 string of at most `maxLength` bytes. */
  readCString(address: number, maxLength = 4096): string {
    const all = this.bytes();
    if (address < 0 || address >= all.length) throw new MemoryFault(address, 1, all.length);
    const end = Math.min(all.length, address + maxLength);
    let i = address;
    while (i < end && all[i] !== 0) i++;
    return utf8Decoder.decode(all.subarray(address, i));
  }

  /** Writes UTF-8 text; returns the number of bytes written. */
  writeUtf8(address: number, text: string): number {
    const data = utf8Encoder.encode(text);
    this.write(address, data);
    return data.length;
  }

  /** Writes UTF-16LE text; returns the number of bytes written. */
  writeUtf16(address: number, text: string): number {
    const view = this.view(address, text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      view[2 * i] = c & 0xff;
      view[2 * i + 1] = c >> 8;
    }
    this.wrote(address, text.length * 2);
    return text.length * 2;
  }
}
