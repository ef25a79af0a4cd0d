// `node bin/memscope.js` runs the JavaScript that `npm install` built: running a sequence
// compiles no TypeScript file and nothing of tsx in any thread, and the built code (guest worker
// included) names neither. Binaryen (14 MB, write tracing only) is compiled only by a run that
// traces writes. record-scripts.mjs logs every script V8 compiles, in every thread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'resources', 'examples', 'return-string', 'return-string.wseq');

/** The script URLs a `memscope` command compiled, main thread and workers. */
function scriptsOf(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-loads-'));
  const log = join(dir, 'scripts.txt');
  try {
    const hook = `${pathToFileURL(join(import.meta.dirname, 'testdata', 'record-scripts.mjs')).href}?log=${encodeURIComponent(log)}`;
    const r = spawnSync(process.execPath, ['--import', hook, join(ROOT, 'bin', 'memscope.js'), ...args], {
      encoding: 'utf8', cwd: ROOT, timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BINARYEN = /\/node_modules\/binaryen\//;

describe('built JavaScript', () => {
  it('memscope run compiles no TypeScript and no tsx, and no Binaryen unless it traces writes', () => {
    const loaded = scriptsOf(['run', join(ROOT, 'resources', 'examples', 'wasi-io', 'wasi-io.wseq')]);
    // Not vacuous: the log has the built CLI, the engine's chunk and the guest worker's thread.
    expect(loaded.some((u) => /\/out\/main\/cli\.c?js$/.test(u))).toBe(true);
    expect(loaded.some((u) => /\/out\/main\/engine-[\w-]+\.c?js$/.test(u))).toBe(true);
    expect(loaded.some((u) => /\/out\/main\/guest-worker\.c?js$/.test(u))).toBe(true);
    expect(loaded.filter((u) => /\.(ts|mts|cts)$/.test(u) || /\/node_modules\/tsx\//.test(u))).toEqual([]);
    expect(loaded.filter((u) => BINARYEN.test(u))).toEqual([]);
  });

  it('memscope run --trace-writes compiles Binaryen', () => {
    expect(scriptsOf(['run', DEMO, '--trace-writes']).filter((u) => BINARYEN.test(u))).not.toEqual([]);
  });

  it('the build, guest worker included, imports neither tsx nor a .ts file', () => {
    const dir = join(ROOT, 'out', 'main');
    const files = readdirSync(dir).filter((f) => /\.c?js$/.test(f));
    expect(files.some((f) => /^guest-worker\.c?js$/.test(f))).toBe(true);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from\s*["']tsx|import\(\s*["']tsx|require\(\s*["']tsx|worker-boot|["'][^"'\s]+\.ts["']/);
    }
  });
});
