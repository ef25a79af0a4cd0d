// The built Electron main process (out/main) run under plain Node with a stub `electron`: the
// window's locks, IPC sender checks and validation, events, and the bundled guest worker doing
// real steps. The Electron binary cannot be downloaded here; this covers everything but pixels.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REQUEST_NAMES } from '../shared/contract.ts';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'index.cjs');
const preload = join(root, 'out', 'preload', 'index.cjs');

describe.skipIf(!existsSync(bundle) || !existsSync(preload))('built Electron main process (needs `npm run build`)', () => {
  it('locks the window down, checks senders, validates params, steps a demo in the bundled worker; the preload exposes the contract only', () => {
    const stdout = execFileSync(process.execPath, [join(import.meta.dirname, 'testdata', 'drive-main.mjs'), bundle, preload], {
      cwd: root, encoding: 'utf8', timeout: 30_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(out.webPreferences.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(out.menus).toEqual(['File', 'Edit', 'Debug', 'View', 'Help']);
    expect(out.demos).toBeGreaterThan(5);
    expect(out.opened).toBe('ready');
    expect(out.text).toBe('hello from C');
    expect(out.badParams).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(out.badName).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(out.otherFrame).toMatchObject({ ok: false, error: { message: expect.stringMatching(/untrusted/) } });
    expect(out.otherSender).toMatchObject({ ok: false, error: { message: expect.stringMatching(/untrusted/) } });
    // The run's steps arrive in batches (`steps`).
    expect(out.events).toEqual(['delta', 'session', 'step', 'steps']);
    // One F10 is one `step` event carrying the state after it, as over the web shell's socket.
    expect(out.perStep).toEqual(Array(4).fill([{ name: 'step', after: true }]));
    // The run answers how many steps it ran (four of them were F10s); its state came as events.
    expect(out.ran).toBeGreaterThan(0);
    expect(out.ranTo).toBe('done');
    expect(out.windowOpen).toEqual({ action: 'deny' });
    expect(out.permissionDenied).toBe(true);
    expect([out.clipboardWrite, out.clipboardWriteElsewhere]).toEqual([true, false]);
    expect(out.csp).toContain("script-src 'self'");

    // The preload exposes exactly the contract: one function per request, dialogs, events.
    expect(out.bridgeKeys).toEqual([...REQUEST_NAMES, 'on', 'pickFile', 'saveFile'].sort());
    expect(out.invoked).toEqual([
      ['memscope:request', 'readMemory', { address: 16, length: 4 }],
      ['memscope:pick-file', 'module'],
    ]);
    // The first F10's messages, replayed through the preload, reach the page as one step with its state.
    expect(out.pageHeard).toEqual([{ keys: ['index', 'after'], afterState: 'paused' }]);
    expect(out.unsubscribe).toBe('function');
    expect(out.badEvent).toBe('refused');
  });
});
