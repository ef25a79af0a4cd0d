// `node bin/memscope.js` runs the JavaScript that `npm install` built: running a sequence
// compiles no TypeScript file and nothing of tsx in any thread, and the built code (guest worker
// included) names neither. Binaryen (14 MB, write tracing only) is compiled only by a run that
// traces writes. record-scripts.mjs logs every script V8 compiles, in every thread.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'resources', 'examples', 'return-string', 'return-string.wseq');

/** Runs `memscope ARGS` as the user would, with these environment variables changed: it succeeds, saying nothing on stderr. */
function memscopeOk(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): void {
  const r = memscope(args, { env, nodeArgs });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
}

/** The script URLs a `memscope` command compiled, main thread and workers. */
function scriptsOf(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-loads-'));
  const log = join(dir, 'scripts.txt');
  try {
    const hook = `${pathToFileURL(join(import.meta.dirname, 'testdata', 'record-scripts.mjs')).href}?log=${encodeURIComponent(log)}`;
    memscopeOk(args, { MEMSCOPE_CODE_CACHE: 'off' }, ['--import', hook]);
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BINARYEN = /\/node_modules\/binaryen\//;

/** The file (without .cjs) of the engine's own chunk, the one holding the Session: Rollup names it after one of its modules. */
function engineChunk(): string {
  const out = join(ROOT, 'out', 'main');
  const chunks = readdirSync(out).filter((f) => /-[\w-]{8}\.cjs$/.test(f) && readFileSync(join(out, f), 'utf8').includes('// src-main/engine/host/session.ts'));
  expect(chunks).toHaveLength(1);
  return chunks[0]!.slice(0, -'.cjs'.length);
}

/**
 * The names of the chunks the guest worker and the engine both load (`hidden-memory`, `reader`:
 * Rollup names each after one of its modules and splits them as code moves), without hashes.
 */
function sharedChunks(): string[] {
  const out = join(ROOT, 'out', 'main');
  const loads = (file: string) => new Set([...readFileSync(join(out, file), 'utf8').matchAll(/require\("\.\/([\w-]+)-[\w-]{8}\.cjs"\)/g)].map((m) => m[1]!));
  const engine = loads(`${engineChunk()}.cjs`);
  const both = [...loads('guest-worker.cjs')].filter((name) => engine.has(name));
  expect(both.length).toBeGreaterThan(0);
  return both;
}

describe('built JavaScript', () => {
  it('memscope run compiles no TypeScript and no tsx, and no Binaryen unless it traces writes', () => {
    const loaded = scriptsOf(['run', join(ROOT, 'resources', 'examples', 'wasi-io', 'wasi-io.wseq')]);
    // Not vacuous: the log has the built CLI, the engine's chunk and the guest worker's thread.
    expect(loaded.some((u) => /\/out\/main\/cli\.c?js$/.test(u))).toBe(true);
    expect(loaded.some((u) => u.endsWith(`/out/main/${engineChunk()}.cjs`))).toBe(true);
    expect(loaded.some((u) => /\/out\/main\/guest-worker\.c?js$/.test(u))).toBe(true);
    expect(loaded.filter((u) => /\.(ts|mts|cts)$/.test(u) || /\/node_modules\/tsx\//.test(u))).toEqual([]);
    expect(loaded.filter((u) => BINARYEN.test(u))).toEqual([]);
  });

  it('memscope run --trace-writes compiles Binaryen', () => {
    expect(scriptsOf(['run', DEMO, '--trace-writes']).filter((u) => BINARYEN.test(u))).not.toEqual([]);
  });

  it('a run keeps V8\'s code cache of the CLI and the guest worker for the next start; MEMSCOPE_CODE_CACHE=off keeps none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-code-cache-'));
    try {
      // By default in the user's cache directory (HOME here, on Linux; elsewhere the variable).
      const home = join(dir, 'home');
      const defaults = process.platform === 'linux' ? { HOME: home, XDG_CACHE_HOME: '' } : { MEMSCOPE_CODE_CACHE: home };
      memscopeOk(['run', DEMO], defaults);
      const [kept] = readdirSync(join(home, process.platform === 'linux' ? '.cache/memscope/code-cache' : ''));
      const files = readdirSync(join(home, process.platform === 'linux' ? '.cache/memscope/code-cache' : '', kept!));
      for (const name of ['cli', `${engineChunk().slice(0, -9)}-`, 'run-command-']) expect(files.some((f) => f.startsWith(name)), name).toBe(true);
      // The guest thread's apart (worker-entry.ts, GUEST_THREAD_CACHE), the shared chunk in both.
      const guest = readdirSync(join(home, process.platform === 'linux' ? '.cache/memscope/code-cache' : '', kept!, 'guest-thread'));
      const shared = sharedChunks().map((name) => `${name}-`);
      for (const name of ['guest-worker', ...shared]) expect(guest.some((f) => f.startsWith(name)), name).toBe(true);
      for (const name of shared) expect(files.some((f) => f.startsWith(name)), name).toBe(true);
      rmSync(home, { recursive: true });
      memscopeOk(['run', DEMO], { ...defaults, MEMSCOPE_CODE_CACHE: 'off' });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no two built files share a code cache file (a shared one would be rewritten on every start)', async () => {
    const { cacheName } = await import('../boot/code-cache.ts');
    const files = readdirSync(join(ROOT, 'out', 'main')).filter((f) => f.endsWith('.cjs'));
    expect(files.length).toBeGreaterThan(10);
    expect(new Set(files.map((f) => cacheName(join(ROOT, 'out', 'main', f)))).size).toBe(files.length);
  });

  it('the build, guest worker included, imports neither tsx nor a .ts file', () => {
    const dir = join(ROOT, 'out', 'main');
    const files = readdirSync(dir).filter((f) => /\.c?js$/.test(f));
    expect(files.some((f) => /^guest-worker\.c?js$/.test(f))).toBe(true);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from\s*["']tsx|import\(\s*["']tsx|require\(\s*["']tsx|worker-boot|["'][^"'\s]+\.ts["']/);
      // The code cache runs these files as vm scripts, which have no import() (code-cache.ts:
      // importModule); export-host's import() is in the text of the host it writes.
      if (file !== 'code-cache.cjs' && !file.startsWith('export-host-')) expect(text, file).not.toMatch(/\bimport\(/);
    }
  });

  it('the guest worker reads no `performance` clock but Go\'s wall clock (its first use loads node:perf_hooks: guest/clock.ts)', () => {
    const text = readFileSync(join(ROOT, 'out', 'main', 'guest-worker.cjs'), 'utf8');
    const uses = text.match(/\bperformance\.\w+/g) ?? [];
    expect(uses.filter((u) => u !== 'performance.timeOrigin' && u !== 'performance.now').length).toBe(0);
    // gojs.ts's runtime.nanotime1 (one timeOrigin + now, for Go modules only).
    expect(uses.filter((u) => u === 'performance.now')).toHaveLength(1);
  });

  it('the built files are ASCII (electron.vite.config.ts: charset), so V8 keeps their source in one byte a character', () => {
    const dir = join(ROOT, 'out', 'main');
    const files = readdirSync(dir).filter((f) => f.endsWith('.cjs'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      // export-host's String.raw templates keep their text as written (a ✗ in the host it writes).
      if (file.startsWith('export-host-')) continue;
      const bytes = readFileSync(join(dir, file));
      expect(bytes.findIndex((b) => b >= 0x80), file).toBe(-1);
    }
  });
});
