// Which memscope the VS Code extension's adapter.cjs runs, and what VS Code is told when it
// cannot: MEMSCOPE_BIN naming a folder, and a copy of the folder outside a checkout.

import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { DapClient } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
});

/** initialize's answer from `script` (an adapter.cjs) run with `env` added. */
async function initializeWith(script: string, env: Record<string, string>): Promise<{ success: boolean; message?: string }> {
  const child = spawn(process.execPath, [script], { cwd: tmpdir(), env: { ...process.env, ...env } });
  children.push(child);
  const client = new DapClient(child.stdout, child.stdin);
  const init = await client.request('initialize', { adapterID: 'memscope' }, 10_000);
  await client.request('disconnect', {}, 10_000).catch(() => undefined);
  return { success: init.success, message: init.message };
}

describe('the VS Code extension finding memscope', () => {
  const adapter = join(PACKAGE_ROOT, 'resources/vscode-extension/adapter.cjs');

  it('MEMSCOPE_BIN naming a folder is refused, naming the file it should be', async () => {
    // The checkout itself was run as `node CHECKOUT dap`: its Electron app, which set out to
    // download Electron and answered nothing (VS Code read "Downloading Electron binary..." as the protocol).
    expect(await initializeWith(adapter, { MEMSCOPE_BIN: PACKAGE_ROOT.replace(/\/$/, '') })).toEqual({
      success: false, message: `MEMSCOPE_BIN is ${PACKAGE_ROOT.replace(/\/$/, '')}, a folder: set it to the bin/memscope.js file of a Memscope checkout (here, ${join(PACKAGE_ROOT, 'bin/memscope.js')}), or unset it`,
    });
    const bin = join(PACKAGE_ROOT, 'bin');
    expect(await initializeWith(adapter, { MEMSCOPE_BIN: bin })).toEqual({
      success: false, message: `MEMSCOPE_BIN is ${bin}, a folder: set it to the bin/memscope.js file of a Memscope checkout (here, ${join(bin, 'memscope.js')}), or unset it`,
    });
  });

  it('a copy of the folder outside a checkout, with no memscope on PATH, says so', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'memscope-ext-copy-')), 'extensions', 'memscope.memscope-debug-0.1.0');
    mkdirSync(copy, { recursive: true });
    copyFileSync(adapter, join(copy, 'adapter.cjs'));
    expect(await initializeWith(join(copy, 'adapter.cjs'), { PATH: join(tmpdir(), 'memscope-no-such-dir'), MEMSCOPE_BIN: '' })).toEqual({
      success: false, message: 'cannot start `memscope` on PATH (no MEMSCOPE_BIN, and this folder is not in a Memscope checkout): there is no `memscope` on PATH',
    });
  });
});
