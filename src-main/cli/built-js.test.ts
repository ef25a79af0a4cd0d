// `node bin/memscope.js` runs the JavaScript that `npm install` built: running a sequence
// resolves no TypeScript file and nothing of tsx, and the built code (guest worker included)
// names neither. (Node 20's resolve hooks do not reach worker threads, hence the second check.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

describe('built JavaScript', () => {
  it('memscope run loads no TypeScript and no tsx', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-loads-'));
    const log = join(dir, 'loads.txt');
    try {
      const r = spawnSync(process.execPath, [
        '--import', join(import.meta.dirname, 'testdata', 'record-loads.mjs'),
        join(ROOT, 'bin', 'memscope.js'), 'run', join(ROOT, 'resources', 'examples', 'wasi-io', 'wasi-io.wseq'),
      ], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, MEMSCOPE_LOAD_LOG: log }, timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      // Not vacuous: the hook saw the built CLI and the engine's chunk.
      expect(loaded.some((u) => u.endsWith('/out/main/cli.js'))).toBe(true);
      expect(loaded.some((u) => /\/out\/main\/engine-[\w-]+\.js$/.test(u))).toBe(true);
      expect(loaded.filter((u) => /\.(ts|mts|cts)$/.test(u) || /\/node_modules\/tsx\//.test(u))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the build, guest worker included, imports neither tsx nor a .ts file', () => {
    const dir = join(ROOT, 'out', 'main');
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files).toContain('guest-worker.js');
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from\s*["']tsx|import\(\s*["']tsx|worker-boot|["'][^"'\s]+\.ts["']/);
    }
  });
});
