// The code cache loader with real V8 cached data: a second start compiles nothing it cached,
// a cache is used only for exactly the source it was made from, and every failure of the cache
// (a changed file, a damaged cache, a directory it cannot write) still runs the right code.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Loader = typeof import('./code-cache.ts');

/** A fresh loader, as a new process (or thread) gets: its table of loaded files is empty. */
async function start(): Promise<Loader> {
  vi.resetModules();
  return import('./code-cache.ts');
}

let dir: string;
let cache: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'memscope-code-cache-'));
  cache = join(dir, 'cache');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A build of two files that require each other (an entry and a chunk sharing a module). */
function build(answer: string): string {
  mkdirSync(join(dir, 'out'), { recursive: true });
  writeFileSync(join(dir, 'out', 'entry.cjs'), [
    'const chunk = require("./chunk-a1234567.cjs");',
    'exports.shared = { count: 0 };',
    `exports.answer = () => chunk.twice() + "${answer}";`,
    'exports.path = require("node:path").basename(__filename);',
  ].join('\n'));
  writeFileSync(join(dir, 'out', 'chunk-a1234567.cjs'), 'exports.twice = () => { require("./entry.cjs").shared.count++; return "x"; };');
  return join(dir, 'out', 'entry.cjs');
}

describe('code cache loader', () => {
  it('a second start takes every file from the cache the first one wrote, and runs the same', async () => {
    const entry = build('A');
    const first = await start();
    const a = first.loadCached(entry, cache) as { answer(): string; shared: { count: number }; path: string };
    expect([a.answer(), a.shared.count, a.path]).toEqual(['xA', 1, 'entry.cjs']);
    expect(Object.values(first.loadedFiles())).toEqual(['source', 'source']);
    first.saveCodeCache();
    expect(readdirSync(cache)).toHaveLength(2);

    const second = await start();
    const b = second.loadCached(entry, cache) as { answer(): string };
    expect(b.answer()).toBe('xA');
    expect(Object.values(second.loadedFiles())).toEqual(['cache', 'cache']);
  });

  it('a file changed after its cache was made (same length: V8 alone would take it) runs as changed', async () => {
    const entry = build('A');
    const first = await start();
    first.loadCached(entry, cache);
    first.saveCodeCache();
    build('B');
    const second = await start();
    expect((second.loadCached(entry, cache) as { answer(): string }).answer()).toBe('xB');
    expect(second.loadedFiles()[entry]).toBe('source');
    second.saveCodeCache();
    const third = await start();
    expect((third.loadCached(entry, cache) as { answer(): string }).answer()).toBe('xB');
    expect(third.loadedFiles()[entry]).toBe('cache');
  });

  it('a rebuilt chunk (another hash in its name) replaces its cache file instead of adding one', async () => {
    const entry = build('A');
    const first = await start();
    first.loadCached(entry, cache);
    first.saveCodeCache();
    const before = readdirSync(cache).sort();
    const text = readFileSync(entry, 'utf8').replace('chunk-a1234567.cjs', 'chunk-b7654321.cjs');
    writeFileSync(entry, text);
    writeFileSync(join(dir, 'out', 'chunk-b7654321.cjs'), 'exports.twice = () => "y";');
    const second = await start();
    second.loadCached(entry, cache);
    second.saveCodeCache();
    expect(readdirSync(cache).sort()).toEqual(before);
    const third = await start();
    expect((third.loadCached(entry, cache) as { answer(): string }).answer()).toBe('yA');
    expect(Object.values(third.loadedFiles())).toEqual(['cache', 'cache']);
  });

  it('a cut or foreign cache file is ignored, and rewritten', async () => {
    const entry = build('A');
    const first = await start();
    first.loadCached(entry, cache);
    first.saveCodeCache();
    for (const name of readdirSync(cache)) {
      const file = join(cache, name);
      const bytes = readFileSync(file);
      // Cut inside the source copy for one; another format (its first bytes) for the other.
      if (name.startsWith('entry')) writeFileSync(file, bytes.subarray(0, 20));
      else writeFileSync(file, Buffer.concat([Buffer.from('MSC0'), bytes.subarray(4)]));
    }
    const second = await start();
    expect((second.loadCached(entry, cache) as { answer(): string }).answer()).toBe('xA');
    expect(Object.values(second.loadedFiles())).toEqual(['source', 'source']);
    second.saveCodeCache();
    expect(statSync(join(cache, readdirSync(cache).find((n) => n.startsWith('entry'))!)).size).toBeGreaterThan(100);
  });

  it('a cache directory that cannot be made costs nothing but the cache', async () => {
    const entry = build('A');
    writeFileSync(cache, 'a file where the directory should be');
    const loader = await start();
    expect((loader.loadCached(entry, cache) as { answer(): string }).answer()).toBe('xA');
    expect(() => loader.saveCodeCache()).not.toThrow();
    expect(readFileSync(cache, 'utf8')).toBe('a file where the directory should be');
  });

  it('a write under way elsewhere is left alone; one a terminated thread left long ago is cleared for the next start', async () => {
    const entry = build('A');
    const dirOf = await start();
    dirOf.loadCached(entry, cache);
    dirOf.saveCodeCache();
    const [chunkCache, entryCache] = readdirSync(cache).sort().map((n) => join(cache, n));
    rmSync(entryCache!);
    const temp = `${entryCache}.tmp`;
    writeFileSync(temp, 'another start is writing this');
    const second = await start();
    second.loadCached(entry, cache);
    second.saveCodeCache();
    expect(readdirSync(cache).sort()).toEqual([basename(chunkCache!), basename(temp)]);
    expect(readFileSync(temp, 'utf8')).toBe('another start is writing this');

    const longAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(temp, longAgo, longAgo);
    const third = await start();
    third.loadCached(entry, cache);
    third.saveCodeCache();
    expect(readdirSync(cache)).toEqual([basename(chunkCache!)]);
    const fourth = await start();
    fourth.loadCached(entry, cache);
    fourth.saveCodeCache();
    expect(readdirSync(cache).sort()).toEqual([basename(chunkCache!), basename(entryCache!)]);
    const fifth = await start();
    expect((fifth.loadCached(entry, cache) as { answer(): string }).answer()).toBe('xA');
    expect(Object.values(fifth.loadedFiles())).toEqual(['cache', 'cache']);
  });

  it('the directory: off by MEMSCOPE_CODE_CACHE, else there or in the user cache, one per Node, V8 and flags', async () => {
    const { codeCacheDir } = await start();
    expect(codeCacheDir({ MEMSCOPE_CODE_CACHE: 'off', HOME: '/h' })).toBeNull();
    expect(codeCacheDir({ MEMSCOPE_CODE_CACHE: '0', HOME: '/h' })).toBeNull();
    expect(codeCacheDir({})).toBeNull();
    const mine = codeCacheDir({ MEMSCOPE_CODE_CACHE: join(dir, 'c') })!;
    expect(mine.startsWith(join(dir, 'c'))).toBe(true);
    expect(mine).toContain(process.version);
    expect(mine).toContain(process.versions.v8);
    if (process.platform === 'linux') {
      expect(codeCacheDir({ HOME: '/h' })!.startsWith('/h/.cache/memscope/code-cache/')).toBe(true);
      expect(codeCacheDir({ HOME: '/h', XDG_CACHE_HOME: '/x' })!.startsWith('/x/memscope/code-cache/')).toBe(true);
    }
    expect(codeCacheDir({ MEMSCOPE_CODE_CACHE: '/c', NODE_OPTIONS: '--max-old-space-size=100' }))
      .not.toBe(codeCacheDir({ MEMSCOPE_CODE_CACHE: '/c' }));
  });
});
