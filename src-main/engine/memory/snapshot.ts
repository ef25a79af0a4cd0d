// Exporting and loading memory snapshots: raw `.bin` (every byte) or sparse `.msnap` (non-zero
// blocks plus a manifest), written to files without ever materialising the zeros.

import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { MemscopeError, Result, SnapshotManifest } from '../../shared/dto.ts';
import { decodeSparseSnapshot, encodeSparseSnapshot, SNAPSHOT_EXTENSION, sparseSnapshotParts } from './snapshot-format.ts';
import { makeManifest } from './snapshot-manifest.ts';
import type { ManifestInput } from './snapshot-manifest.ts';
import { diffSparseImages, readSparseImage, sparseImagePageMap, sparseImageToBytes } from './sparse-image.ts';
import type { SparseImage } from './types.ts';

export type SnapshotFormat = 'bin' | 'sparse';

/** `.bin` files are raw; everything else (normally `.msnap`) is sparse. */
export function snapshotFormatForPath(path: string): SnapshotFormat {
  return path.toLowerCase().endsWith('.bin') ? 'bin' : 'sparse';
}

/**
 * File name for an export of `moduleName`'s memory at `step`: `hello.step3.msnap`, `.bin` or
 * `.core.wasm` for index 2, `hello.initial.…` before any step. One rule for the three: the
 * snapshot's was `hello.wasm-step3.msnap` and the coredump's `hello.step3.core.wasm`, with
 * `-initial` beside `step0`.
 */
export function exportFileName(moduleName: string, step: number, kind: SnapshotFormat | 'core'): string {
  const base = moduleName.replace(/\.wasm$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'memory';
  // Step numbers as the UI shows them (1-based): "after step 5" is index 4.
  const at = step < 0 ? 'initial' : `step${step + 1}`;
  return `${base}.${at}${kind === 'bin' ? '.bin' : kind === 'core' ? '.core.wasm' : SNAPSHOT_EXTENSION}`;
}

/** The sparse `.msnap` bytes of an image with a manifest built from `input`. */
export function exportSparseSnapshot(image: SparseImage, input: ManifestInput): Uint8Array {
  return encodeSparseSnapshot(image, makeManifest(input, image.size, image.blockSize));
}

/**
 * Every byte of the image. Memory of 4 GiB is the most one buffer can hold. A memory of 0 bytes
 * (0 pages, or a coredump with no memory) is refused: its dump is an empty file, which opening
 * refuses as no dump (open-image.ts), so it was written, reported saved, and never read back.
 */
export function exportRawSnapshot(image: SparseImage): Result<Uint8Array> {
  const empty = emptyRawDump(image);
  if (empty) return empty;
  if (image.size > 2 ** 32) {
    return { ok: false, error: { code: 'usage', message: `memory of ${image.size} bytes is too large for one buffer; write it to a file` } };
  }
  return { ok: true, value: sparseImageToBytes(image) };
}

/** The refusal of a raw dump of a 0-byte memory (see exportRawSnapshot), or null. */
function emptyRawDump(image: SparseImage): { ok: false; error: MemscopeError } | null {
  if (image.size > 0) return null;
  return { ok: false, error: { code: 'usage', message: 'the memory is empty (0 bytes): as a raw memory dump (.bin) it would be an empty file, which is no dump; save it as a snapshot (.msnap)' } };
}

/** Either format, as bytes (for the contract's exportSnapshot). */
export function exportSnapshot(image: SparseImage, format: SnapshotFormat, input: ManifestInput): Result<Uint8Array> {
  return format === 'bin' ? exportRawSnapshot(image) : { ok: true, value: exportSparseSnapshot(image, input) };
}

/**
 * Writes a snapshot file; returns the bytes written. A raw file is sized with ftruncate and only
 * the non-zero blocks are written, so zeros become holes on filesystems that support them. A raw
 * file of a 0-byte memory is refused, as exportRawSnapshot refuses it.
 */
export function writeSnapshotFile(path: string, image: SparseImage, input: ManifestInput, format = snapshotFormatForPath(path)): Result<number> {
  const empty = format === 'bin' ? emptyRawDump(image) : null;
  if (empty) return empty;
  let fd: number | null = null;
  try {
    fd = openSync(path, 'w');
    if (format === 'sparse') {
      let at = 0;
      for (const part of sparseSnapshotParts(image, makeManifest(input, image.size, image.blockSize))) {
        at += writeAll(fd, part, at);
      }
      return { ok: true, value: at };
    }
    ftruncateSync(fd, image.size);
    for (const block of image.blocks) writeAll(fd, block.bytes, block.index * image.blockSize);
    return { ok: true, value: image.size };
  } catch (err) {
    return { ok: false, error: { code: 'io', message: `cannot write snapshot ${path}: ${(err as Error).message}` } };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): number {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return done;
}

/** A sparse snapshot loaded back for viewing and diffing. */
export interface LoadedSnapshot {
  manifest: SnapshotManifest;
  image: SparseImage;
  size: number;
  /** A copy of [address, address + length), bounds-checked. */
  read(address: number, length: number): Result<Uint8Array>;
  /** One byte per 64 KiB page: 0 all zero, 1 holds data. */
  pageMap(): Uint8Array;
}

/** Decodes a `.msnap` file's bytes (validated; see snapshot-format.ts for errors). */
export function loadSnapshot(bytes: Uint8Array): Result<LoadedSnapshot> {
  const decoded = decodeSparseSnapshot(bytes);
  if (!decoded.ok) return decoded;
  const { manifest, image } = decoded.value;
  return {
    ok: true,
    value: {
      manifest,
      image,
      size: image.size,
      read: (address, length) => readSparseImage(image, address, length),
      pageMap: () => sparseImagePageMap(image),
    },
  };
}

/** Exact byte ranges that differ between two snapshots (memory past the smaller one counts as zero). */
export function diffSnapshots(a: LoadedSnapshot | SparseImage, b: LoadedSnapshot | SparseImage): [number, number][] {
  return diffSparseImages('image' in a ? a.image : a, 'image' in b ? b.image : b);
}
