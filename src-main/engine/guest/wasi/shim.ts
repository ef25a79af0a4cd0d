// The guest's preopened directories as preview2-shim descriptors, the shim loaded on first use.

import { createRequire } from 'node:module';
import type { cli as ShimCli } from '@bytecodealliance/preview2-shim';
import type { WASIShim as ShimClass } from '@bytecodealliance/preview2-shim/instantiation';

/**
 * The shim's modules, loaded by the first ShimPreopens.get() a guest call makes:
 * importing them starts the shim's own IO worker thread, which a guest that never touches a
 * file never needs. Synchronous through require() of the ES modules (Node >= 20.19), because
 * the first use is inside a synchronous import call of the guest.
 */
let lib: { cli: typeof ShimCli; WASIShim: typeof ShimClass } | null = null;

function shimLibrary(): NonNullable<typeof lib> {
  if (lib) return lib;
  const require = createRequire(import.meta.url);
  const main = require('@bytecodealliance/preview2-shim') as { cli: typeof ShimCli };
  const instantiation = require('@bytecodealliance/preview2-shim/instantiation') as { WASIShim: typeof ShimClass };
  lib = { cli: main.cli, WASIShim: instantiation.WASIShim };
  return lib;
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

interface RawImports {
  'wasi:filesystem/preopens': { getDirectories(): [Descriptor, string][] };
}

function refuse(what: string): never {
  throw new Error(`memscope: the guest's ${what} is handled by the preview1 layer, not the shim`);
}

/**
 * The preopens' descriptors of one guest, made on the first call that needs one (a path_* call,
 * or a stat or listing of a preopen itself: fd_prestat_* answer from our own config). Only then
 * is the shim loaded and instantiated, sandboxed: no host environment, no network, only these
 * preopens. Its cli namespace is replaced so it can never exit the process or touch the real
 * stdio (fds 0-2 are ours and never reach it).
 */
export class ShimPreopens {
  private descriptors: Descriptor[] | null = null;

  constructor(private readonly args: string[], private readonly hostPaths: string[]) {}

  /** The descriptor of the i-th configured preopen. */
  get(i: number): Descriptor {
    this.descriptors ??= this.open();
    return this.descriptors[i] ?? refuse(`preopen #${i}`);
  }

  private open(): Descriptor[] {
    // Keys are labels only ("#0", "#1": never integer-like, so insertion order holds and
    // duplicate guest paths stay distinct); the guest-visible names come from our own config.
    const preopenMap: Record<string, string> = {};
    this.hostPaths.forEach((p, i) => { preopenMap[`#${i}`] = p; });
    const { WASIShim, cli } = shimLibrary();
    const shim = new WASIShim({
      cli: {
        ...cli,
        exit: { exit: () => refuse('exit'), exitWithCode: () => refuse('exit') },
        stdin: { getStdin: () => refuse('stdin') },
        stdout: { getStdout: () => refuse('stdout') },
        stderr: { getStderr: () => refuse('stderr') },
      },
      sandbox: { env: {}, args: this.args, preopens: preopenMap, enableNetwork: false },
    } as unknown as ConstructorParameters<typeof ShimClass>[0]);
    const raw = shim.getImportObject() as unknown as RawImports;
    const byLabel = new Map(raw['wasi:filesystem/preopens'].getDirectories().map(([d, l]) => [l, d]));
    return this.hostPaths.map((_, i) => byLabel.get(`#${i}`) ?? refuse(`preopen #${i}`));
  }
}
