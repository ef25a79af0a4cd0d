// The built Electron main process (out/main) run under plain Node with a stub `electron`: the
// window's locks, IPC sender checks and validation, events, and the bundled guest worker doing
// real steps. The Electron binary cannot be downloaded here; this covers everything but pixels.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'index.js');

describe.skipIf(!existsSync(bundle))('built Electron main process (needs `npm run build`)', () => {
  it('locks the window down, checks senders, validates params and steps a demo in the bundled worker', () => {
    const stdout = execFileSync(process.execPath, [join(import.meta.dirname, 'testdata', 'drive-main.mjs'), bundle], {
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
    expect(out.events).toEqual(['delta', 'session', 'step']);
    expect(out.windowOpen).toEqual({ action: 'deny' });
    expect(out.permissionDenied).toBe(true);
    expect(out.csp).toContain("script-src 'self'");
  });
});
