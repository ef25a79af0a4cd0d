import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildState } from './build-state.js';

function file(root: string, path: string, secondsAgo: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), '');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(join(root, path), t, t);
}

const OUT = ['out/main/index.cjs', 'out/main/cli.cjs', 'out/main/guest-worker.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'];

describe('build state (npm start builds only when out/ is stale)', () => {
  it('is current right after a build (as after npm install\'s prepare)', () => {
    const root = mkdtempSync(join(tmpdir(), 'memscope-build-'));
    file(root, 'src-renderer/App.svelte', 100);
    file(root, 'src-main/index.ts', 100);
    file(root, 'src-main/engine/x.test.ts', 1); // tests are not built
    for (const o of OUT) file(root, o, 50);
    expect(buildState(root)).toEqual({ current: true, reason: 'the build in out/ is current' });
  });
  it('is stale when an output is missing or a source is newer', () => {
    const root = mkdtempSync(join(tmpdir(), 'memscope-build-'));
    file(root, 'src-renderer/App.svelte', 100);
    expect(buildState(root).reason).toBe('out/main/index.cjs is missing');
    for (const o of OUT) file(root, o, 50);
    file(root, 'src-renderer/memory/MemoryGrid.svelte', 10);
    expect(buildState(root)).toEqual({ current: false, reason: 'src-renderer changed since the last build' });
  });
});
