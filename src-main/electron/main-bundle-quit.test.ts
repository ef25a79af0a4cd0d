// The built Electron main process under plain Node with the stub `electron`: closing the window
// while the guest is stuck in a loop ends the guest's worker, so the app's process ends (no
// process left running with no window) and the run's call is answered rather than left waiting.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'index.cjs');

describe.skipIf(!existsSync(bundle))('closing the desktop window during a stuck run (needs `npm run build`)', () => {
  it('ends the worker and the process, and answers the run', () => {
    // The run's limit is 60 s: execFileSync throws at 10 s if the process is still running.
    const stdout = execFileSync(process.execPath, [join(import.meta.dirname, 'testdata', 'quit-stuck.mjs'), bundle], {
      cwd: root, encoding: 'utf8', timeout: 10_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out.opened).toBe(true);
    expect(out.stuck).toBe(true);
    expect(out.answer).toBeDefined();
  });
});
