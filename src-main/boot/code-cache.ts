// Runs the build's CommonJS files (out/main/*.cjs) with V8's code cache, so a start skips
// compiling what the last start compiled. Node 20 has no code cache for ES modules
// (module.enableCompileCache needs 22.1), hence a CommonJS build and this loader: each file is
// compiled as a vm.Script with the cached data kept for it, and the relative require()s between
// the build's files come back here (one module per file and thread, as Node's own loader).
//
// A cache file is used only for exactly the source it was made from: it holds a copy of that
// source, compared byte for byte (V8 itself checks only the source's length, plus its own
// version and flags, which it does reject). Anything that fails (no directory, a short or
// foreign file, a rejected cache, a write error) falls back to compiling the source as usual.
// MEMSCOPE_CODE_CACHE=off turns the cache off; set to a directory, it keeps the cache there.
//
// Cache file, little-endian:  0 u32 MAGIC | 4 u32 n = source bytes | 8 source (n bytes) | 8+n V8's data

import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

const MAGIC = 0x3143534d; // "MSC1"
const HEADER = 8;
/** Node's CommonJS wrapper, so a file sees the usual exports/require/module/__filename/__dirname. */
const WRAP = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'] as const;

interface Loaded {
  module: { exports: Record<string, unknown> };
  script: Script;
  /** The file's bytes, kept (a copy) only while its cache is to be written. */
  source: Buffer | null;
  /** Where its cache goes, when it had none that V8 took (null: written already, or cache off). */
  pending: string | null;
  fromCache: boolean;
}

const loaded = new Map<string, Loaded>();
let cacheDir: string | null = null;

/**
 * Where the cache lives, from the environment: MEMSCOPE_CODE_CACHE (`off`/`0`, or a directory),
 * else the user's cache directory. One subdirectory per Node, V8, CPU and flags, so two Nodes on
 * one machine keep their own (V8 would reject the other's anyway). Null: no cache.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const setting = env.MEMSCOPE_CODE_CACHE;
  if (setting === 'off' || setting === '0') return null;
  const base = setting ? resolve(setting) : userCacheDir(env);
  if (!base) return null;
  const flags = hash32(`${process.execArgv.join(' ')}\n${env.NODE_OPTIONS ?? ''}`);
  return join(base, `node-${process.version}-v8-${process.versions.v8}-${process.arch}-${flags}`);
}

function userCacheDir(env: NodeJS.ProcessEnv): string | null {
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'memscope', 'code-cache') : null;
  if (process.platform === 'darwin') return env.HOME ? join(env.HOME, 'Library', 'Caches', 'memscope', 'code-cache') : null;
  const xdg = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : null);
  return xdg ? join(xdg, 'memscope', 'code-cache') : null;
}

/** Loads `file` (an absolute path to a built .cjs) and what it requires of the build, cached in `dir`. */
export function loadCached(file: string, dir: string | null): Record<string, unknown> {
  cacheDir = dir;
  return load(resolve(file));
}

function load(file: string): Record<string, unknown> {
  const known = loaded.get(file);
  if (known) return known.module.exports;
  const source = readWhole(file, 0);
  const cacheFile = cacheDir ? join(cacheDir, cacheName(file)) : null;
  const cached = cacheFile ? cachedDataFor(cacheFile, source) : undefined;
  const script = new Script(`${WRAP[0]}${source.toString('utf8')}${WRAP[1]}`, {
    filename: file,
    cachedData: cached,
  });
  const accepted = cached !== undefined && !script.cachedDataRejected;
  const pending = accepted ? null : cacheFile;
  // `source` and `cached` are views of the scratch buffer, which the next file's load reuses.
  const entry: Loaded = { module: { exports: {} }, script, source: pending ? Buffer.from(source) : null, pending, fromCache: accepted };
  // Registered before it runs: the build's files require each other in cycles (an entry and a
  // chunk that share a module), as Node's loader allows.
  loaded.set(file, entry);
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  fn.call(entry.module.exports, entry.module.exports, requireFrom(file), entry.module, file, dirname(file));
  return entry.module.exports;
}

/**
 * A file's `require`: the build's own .cjs files through this loader, the rest through Node's;
 * so is a build file Node's loader already ran (this loader itself, which bin/memscope.js and
 * guest-boot.cjs load), so that it never runs twice.
 */
function requireFrom(file: string): (id: string) => unknown {
  const nodeRequire = createRequire(file);
  return (id: string) => {
    if (!id.startsWith('./') || !id.endsWith('.cjs')) return nodeRequire(id);
    const path = join(dirname(file), id);
    return nodeRequire.cache[path] ? nodeRequire(path) : load(path);
  };
}

/**
 * A file's cache file name: its path without the bundler's content hash (`engine-Ctgz6HCi.cjs`
 * → `engine.cjs`), hashed, so a rebuild replaces its cache instead of adding one more file per
 * build (the source comparison tells the old one from the new).
 */
export function cacheName(file: string): string {
  const stable = file.replace(CHUNK_HASH, '.cjs');
  return `${basename(stable, '.cjs')}-${hash32(stable)}.bin`;
}

/** Rolldown's `[name]-[hash].cjs` (electron.vite.config.ts): the hash is 8 characters. */
const CHUNK_HASH = /-[\w-]{8}\.cjs$/;

/**
 * Where files are read: one buffer per thread, reused from file to file. A buffer of its own for
 * each read (readFileSync) is fresh memory, whose every page the kernel faults in on the read:
 * reading the main thread's ~0.9 MB of sources and caches in a row took ~5 ms of CPU that way,
 * ~2.4 ms into one reused buffer (on the Firecracker VM this was measured on); in `memscope run`
 * the second big file of each thread (the shared chunk) read in ~1 ms instead of ~2-2.5 ms. A
 * file's views of it are good only until the next read: V8 is done with them once the Script is made.
 */
let scratch = Buffer.alloc(0);

/** The whole of `file`, read into the scratch buffer from `offset` on (a view, see `scratch`). */
function readWhole(file: string, offset: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (scratch.length < offset + size) {
      const grown = Buffer.allocUnsafeSlow(Math.max(offset + size, 2 * scratch.length, 1 << 20));
      scratch.copy(grown, 0, 0, offset);
      scratch = grown;
    }
    let at = 0;
    while (at < size) {
      const n = readSync(fd, scratch, offset + at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return scratch.subarray(offset, offset + at);
  } finally {
    closeSync(fd);
  }
}

/** The cached data kept for exactly `source` (a view of the scratch buffer at its start), or undefined. */
function cachedDataFor(cacheFile: string, source: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readWhole(cacheFile, source.length);
  } catch {
    return undefined;
  }
  if (data.length <= HEADER || data.readUInt32LE(0) !== MAGIC) return undefined;
  const n = data.readUInt32LE(4);
  if (n !== source.length || data.length <= HEADER + n) return undefined;
  if (!data.subarray(HEADER, HEADER + n).equals(source)) return undefined;
  return data.subarray(HEADER + n);
}

/** How each file loaded so far was compiled: from its cache, or from source (no cache, or one V8 refused). */
export function loadedFiles(): Record<string, 'cache' | 'source'> {
  return Object.fromEntries([...loaded].map(([file, entry]) => [file, entry.fromCache ? 'cache' : 'source']));
}

/**
 * Writes the cache of every file loaded without one V8 took, with what has been compiled so far
 * (V8 adds the functions compiled since the file ran). Call once the start's work is done.
 * A failure (read-only home, full disk) only means the next start compiles again.
 */
export function saveCodeCache(): void {
  for (const entry of loaded.values()) {
    if (!entry.pending) continue;
    const target = entry.pending;
    entry.pending = null;
    try {
      const data = entry.script.createCachedData();
      const header = Buffer.alloc(HEADER);
      header.writeUInt32LE(MAGIC, 0);
      const source = entry.source!;
      entry.source = null;
      header.writeUInt32LE(source.length, 4);
      mkdirSync(dirname(target), { recursive: true });
      writeWhole(target, Buffer.concat([header, source, data]));
    } catch {
      // Harmless: see above.
    }
  }
}

/** A temporary file older than this was left by a writer that was stopped (a terminated worker). */
const STALE_MS = 60_000;

/**
 * Writes `bytes` to `target` so that a reader sees the whole file or none: into `target.tmp`,
 * created exclusively (two starts writing at once never mix their bytes: the second skips),
 * then renamed. A thread terminated while writing leaves its `.tmp` behind; one older than
 * STALE_MS is removed, so the next start writes again, and there is never more than one.
 */
function writeWhole(target: string, bytes: Buffer): void {
  const temp = `${target}.tmp`;
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch {
    if (Date.now() - statSync(temp).mtimeMs > STALE_MS) rmSync(temp, { force: true });
    return;
  }
  try {
    try {
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * import() for the files this loader runs: a vm.Script has no import() of its own (Node 20's
 * hook for one is experimental, warns, and is lost when the script comes from the cache), so
 * they import ES modules (Binaryen) through this function, which Node's own loader compiled.
 */
export function importModule(specifier: string): Promise<unknown> {
  return import(specifier);
}

/** FNV-1a: names cache entries apart (correctness never rests on it: the source is compared). */
function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
