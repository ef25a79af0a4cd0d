// The bytes a file starts with that say what it is, for every place that tells files apart by
// their contents: `\0asm`, every WebAssembly binary (a module, a component or a coredump; what
// decides which comes after them), and "MSNAP\0\0", a Memscope snapshot (memory/snapshot-format.ts
// lays out the rest).

export function hasWasmMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

/** "MSNAP\0\0", before a snapshot's version byte. */
export const SNAPSHOT_MAGIC: readonly number[] = [0x4d, 0x53, 0x4e, 0x41, 0x50, 0x00, 0x00];

export function hasSnapshotMagic(bytes: Uint8Array): boolean {
  return SNAPSHOT_MAGIC.every((b, i) => bytes[i] === b);
}
