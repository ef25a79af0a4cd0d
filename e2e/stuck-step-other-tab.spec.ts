// One page presses F10 on a step that spins; another page on the same session must see it
// running and be able to stop it. A single step sent no "running" state (the page that asked
// knows), so the other tab showed "ready" with Stop disabled while the guest held a core until
// its time limit: ten minutes here, up to a day.
import { expect, test } from './test.ts';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../src-main/web/testing/serve-process.ts';

let server: ServeProcess | null = null;
test.afterEach(() => {
  if (server?.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = null;
});

test("a step that spins in one tab shows as running in another, whose Stop ends it", async ({ page: a, context }) => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-stuck-step-'));
  cpSync(join(import.meta.dirname, '..', 'resources', 'examples', 'infinite-loop', 'infinite-loop.wasm'), join(dir, 'infinite-loop.wasm'));
  writeFileSync(join(dir, 'spin.wseq'), 'module "infinite-loop.wasm"\ntimeout 600000\nspin()\n');
  server = await startServe(['--sequence', join(dir, 'spin.wseq')]);
  const b = await context.newPage();
  for (const p of [a, b]) {
    await p.goto(server.url);
    await expect(p.getByTestId('sequence-name')).toContainText('spin.wseq');
  }
  await a.keyboard.press('F10');
  await expect(b.getByTestId('state-badge')).toHaveAttribute('data-state', 'running');
  await expect(b.getByTestId('stop-button')).toBeEnabled();
  await b.getByTestId('stop-button').click();
  for (const p of [a, b]) await expect(p.getByTestId('state-badge')).toHaveAttribute('data-state', 'terminated');
  // The tab that pressed F10 says why its step ended.
  await expect(a.getByText('step 1 of 1, terminated stopped by the user')).toBeVisible();
});
