// One preview2-shim instance per guest, seen through the few typed interfaces preview1 needs.

import { createRequire } from 'node:module';
import type { cli as ShimCli } from '@bytecodealliance/preview2-shim';
import type { WASIShim as ShimClass } from '@bytecodealliance/preview2-shim/instantiation';

/**
 * The shim's modules, loaded on the first createShim (so only for a module that imports WASI):
 * importing them starts the shim's own IO worker thread, which a module without WASI never
 * needs. Synchronous through require() of the ES modules (Node >= 20.19).
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

export interface Pollable { block(): void; ready(): boolean }

export interface ShimHandles {
  /** Preopened directory descriptors, in the order of the config's preopens. */
  preopens: Descriptor[];
  monotonicNow(): bigint;
  monotonicResolution(): bigint;
  wallNow(): Datetime;
  wallResolution(): Datetime;
  /** Blocks the calling thread for `ns` nanoseconds (through the shim's IO worker). */
  sleep(ns: bigint): void;
  randomBytes(len: number): Uint8Array;
}

interface RawImports {
  'wasi:filesystem/preopens': { getDirectories(): [Descriptor, string][] };
  'wasi:clocks/monotonic-clock': {
    now(): bigint; resolution(): bigint; subscribeDuration(ns: bigint): Pollable;
  };
  'wasi:clocks/wall-clock': { now(): Datetime; resolution(): Datetime };
  'wasi:random/random': { getRandomBytes(len: bigint): Uint8Array };
}

function refuse(what: string): never {
  throw new Error(`memscope: the guest's ${what} is handled by the preview1 layer, not the shim`);
}

/**
 * Builds a sandboxed shim: no host environment, no network, only the given preopens. The cli
 * namespace is replaced so the shim can never exit the process or touch the real stdio (we
 * implement fds 0-2 ourselves and never call these).
 */
export function createShim(args: string[], preopens: { hostPath: string }[]): ShimHandles {
  // Keys are labels only ("#0", "#1": never integer-like, so insertion order holds and duplicate
  // guest paths stay distinct); the guest-visible names come from our own config.
  const preopenMap: Record<string, string> = {};
  preopens.forEach((p, i) => { preopenMap[`#${i}`] = p.hostPath; });
  const { WASIShim, cli } = shimLibrary();
  const shim = new WASIShim({
    cli: {
      ...cli,
      exit: { exit: () => refuse('exit'), exitWithCode: () => refuse('exit') },
      stdin: { getStdin: () => refuse('stdin') },
      stdout: { getStdout: () => refuse('stdout') },
      stderr: { getStderr: () => refuse('stderr') },
    },
    sandbox: { env: {}, args, preopens: preopenMap, enableNetwork: false },
  } as unknown as ConstructorParameters<typeof ShimClass>[0]);
  const raw = shim.getImportObject() as unknown as RawImports;
  const byLabel = new Map(raw['wasi:filesystem/preopens'].getDirectories().map(([d, l]) => [l, d]));
  const mono = raw['wasi:clocks/monotonic-clock'];
  const wall = raw['wasi:clocks/wall-clock'];
  const random = raw['wasi:random/random'];
  return {
    preopens: preopens.map((_, i) => byLabel.get(`#${i}`) ?? refuse(`preopen #${i}`)),
    monotonicNow: () => mono.now(),
    monotonicResolution: () => mono.resolution(),
    wallNow: () => wall.now(),
    wallResolution: () => wall.resolution(),
    sleep: (ns) => { if (ns > 0n) mono.subscribeDuration(ns).block(); },
    randomBytes: (len) => new Uint8Array(random.getRandomBytes(BigInt(len))),
  };
}
