// The guest's preopened directories as preview2-shim descriptors, the shim loaded on first use.

import { createRequire } from 'node:module';

/**
 * The shim's filesystem interface, loaded by the first ShimPreopens.get() a guest call makes:
 * loading it starts the shim's own IO worker thread, which a guest that never touches a file
 * never needs. Only this interface: the package's index (and its WASIShim, which imports it)
 * also loads the shim's http, sockets, random and cli interfaces, and with them node:http and
 * node:crypto, in the guest's thread, none of which a preview1 guest's files use. Synchronous
 * through require() of the ES module (Node >= 20.19), because the first use is inside a
 * synchronous import call of the guest.
 */
let createFs: CreateFilesystem | null = null;

function shimFilesystem(): CreateFilesystem {
  createFs ??= (createRequire(import.meta.url)('@bytecodealliance/preview2-shim/filesystem') as { createFilesystem: CreateFilesystem }).createFilesystem;
  return createFs;
}

export interface Datetime { seconds: bigint; nanoseconds: number }

/** wasi:filesystem/types descriptor-stat */
export interface DescriptorStat {
  type: string;
  linkCount: bigint;
  size: bigint;
  dataAccessTimestamp?: Datetime;
  dataModificationTimestamp?: Datetime;
  statusChangeTimestamp?: Datetime;
}

export interface PathFlags { symlinkFollow?: boolean }
export interface OpenFlags { create?: boolean; directory?: boolean; exclusive?: boolean; truncate?: boolean }
export interface DescriptorFlags { read?: boolean; write?: boolean }

export interface DirectoryEntryStream {
  readDirectoryEntry(): { name: string; type: string } | undefined;
  [Symbol.dispose](): void;
}

/** The subset of wasi:filesystem/types `descriptor` we call. Errors are thrown as error-code strings. */
export interface Descriptor {
  getType(): string;
  read(length: bigint, offset: bigint): [Uint8Array, boolean];
  write(buffer: Uint8Array, offset: bigint): bigint;
  stat(): DescriptorStat;
  statAt(flags: PathFlags, path: string): DescriptorStat;
  metadataHash(): { upper: bigint; lower: bigint };
  metadataHashAt(flags: PathFlags, path: string): { upper: bigint; lower: bigint };
  openAt(flags: PathFlags, path: string, open: OpenFlags, desc: DescriptorFlags): Descriptor;
  readDirectory(): DirectoryEntryStream;
  createDirectoryAt(path: string): void;
  removeDirectoryAt(path: string): void;
  unlinkFileAt(path: string): void;
  renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): void;
  linkAt(oldFlags: PathFlags, oldPath: string, newDescriptor: Descriptor, newPath: string): void;
  symlinkAt(target: string, path: string): void;
  readlinkAt(path: string): string;
  setSize(size: bigint): void;
  sync(): void;
  syncData(): void;
  [Symbol.dispose](): void;
}

/**
 * The shim's createFilesystem() on Node (dist/nodejs/filesystem.js), declared here because the
 * package's types for this path are its browser build's, which takes an adapter.
 */
type CreateFilesystem = (config: { preopens: Record<string, string> }) => {
  preopens: { getDirectories(): [Descriptor, string][] };
};

function missing(i: number): never {
  throw new Error(`memscope: the shim made no descriptor for preopen #${i}`);
}

/**
 * The preopens' descriptors of one guest, made on the first call that needs one (a path_* call,
 * or a stat or listing of a preopen itself: fd_prestat_* answer from our own config). Only then
 * is the shim loaded, and an isolated filesystem made with only these preopens: the same
 * createFilesystem() that WASIShim's sandbox.preopens calls. Nothing else of the shim is given
 * to the guest: its environment, arguments, stdio (fds 0-2), exit, clocks and random are the
 * preview1 layer's own, and no network interface exists at all.
 */
export class ShimPreopens {
  private descriptors: Descriptor[] | null = null;

  constructor(private readonly hostPaths: string[]) {}

  /** The descriptor of the i-th configured preopen. */
  get(i: number): Descriptor {
    this.descriptors ??= this.open();
    return this.descriptors[i] ?? missing(i);
  }

  private open(): Descriptor[] {
    // Keys are labels only ("#0", "#1": never integer-like, so insertion order holds and
    // duplicate guest paths stay distinct); the guest-visible names come from our own config.
    const preopens: Record<string, string> = {};
    this.hostPaths.forEach((p, i) => { preopens[`#${i}`] = p; });
    const fs = shimFilesystem()({ preopens });
    const byLabel = new Map(fs.preopens.getDirectories().map(([d, l]) => [l, d]));
    return this.hostPaths.map((_, i) => byLabel.get(`#${i}`) ?? missing(i));
  }
}
