// `npm start`: the files it is given reach the shell as typed where npm was run, the app's as
// absolute paths; without an Electron binary (the web shell), the ones serve cannot open are named.
// Run as `npm start` runs it: a child process in the package root, with npm's INIT_CWD. No
// browser opens: serve opens none without a display, and DISPLAY is taken out here.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildState } from './build-state.js';

// Plain JS without a declaration file: imported by a name the compiler does not follow.
const binary: string = './electron-binary.js';
const { findElectronBinary } = (await import(binary)) as { findElectronBinary(): { path: string | null } };

const root = join(import.meta.dirname, '..');
const module = join(root, 'resources', 'examples', 'return-string', 'return-string.wasm');

/**
 * Runs scripts/start.js as npm does from `dir` until it prints the URL (then closes its stdin,
 * which stops serve) or exits; its stdout and stderr.
 */
function npmStart(dir: string, args: string[], electron?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: dir };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH']) delete env[name];
  if (electron) env.ELECTRON_EXEC_PATH = electron;
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.js'), ...args], { cwd: root, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (/http:\/\/127\.0\.0\.1:\d+\//.test(stdout)) child.stdin.end();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ stdout, stderr, code })));
}

// Only with a current build: start.js would build, in a tree others may be building too. The web
// shell's tests need no Electron binary to be found (it would open a window).
const built = buildState(root).current;

describe.skipIf(!built || process.platform === 'win32')('npm start, with an Electron binary', () => {
  it('hands the app the files named relative to where npm was run as absolute paths, switches as they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-start-'));
    // A stand-in for Electron that prints what it was given.
    const fake = join(dir, 'electron');
    writeFileSync(fake, '#!/bin/sh\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
    const r = await npmStart(dir, ['sub/m.wasm', '--enable-logging', '/abs/s.wseq'], fake);
    expect(r.stdout.split('\n')).toEqual([root, join(dir, 'sub', 'm.wasm'), '--enable-logging', '/abs/s.wseq', '']);
    expect(r.code).toBe(0);
  }, 60_000);
});

describe.skipIf(!built || findElectronBinary().path !== null)('npm start, served by the web shell', () => {
  it('opens a module and a .txt sequence named relative to where npm was run', async () => {
    const sub = join(mkdtempSync(join(tmpdir(), 'memscope-start-')), 'sub');
    mkdirSync(sub);
    copyFileSync(module, join(sub, 'return-string.wasm'));
    // An unknown export: serve says the sequence's errors, which it does only for one it opened.
    writeFileSync(join(sub, 'calls.txt'), 'no_such_export()\n');
    const r = await npmStart(sub, ['return-string.wasm', 'calls.txt', '--port', '0']);
    expect(r.stdout).toMatch(/^memscope: no Electron binary .*serving the same UI in your browser instead:\nhttp:\/\/127\.0\.0\.1:\d+\//);
    // It read the root's return-string.wasm ("cannot read"), and the .txt was dropped.
    expect(r.stderr).not.toContain('cannot read');
    expect(r.stderr).toContain("calls.txt:1:1: the module exports no function 'no_such_export'");
    expect(r.stderr).toContain('memscope serve: 1 error in the sequence, shown in the editor');
  }, 60_000);

  it('names the files the web shell does not open, and serves the page without them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-start-'));
    const r = await npmStart(dir, ['crash.core.wasm', 'a.msnap', 'm.wasm', 'second.wasm', 'notes.md', '--port', '0', '--verbose']);
    expect(r.code).toBe(0);
    // A coredump was taken as the module and refused, and no page was served.
    expect(r.stdout).toMatch(/\nhttp:\/\/127\.0\.0\.1:(?!7357\/)\d+\//);
    expect(r.stderr).toContain('memscope: crash.core.wasm not opened: the web shell opens a memory image from its page (Open coredump or snapshot…), not from the command line\n');
    expect(r.stderr).toContain('memscope: a.msnap not opened: the web shell opens a memory image from its page');
    expect(r.stderr).toContain('memscope: second.wasm not opened: the web shell opens one module (.wasm) with one call sequence (.wseq, .txt)\n');
    expect(r.stderr).toContain('memscope: notes.md not opened: the web shell opens a module (.wasm) and a call sequence (.wseq, .txt)\n');
    expect(r.stderr).toContain('memscope: --verbose ignored: the web shell takes --port N and --no-open\n');
    // The first module is opened, from the directory npm was run in.
    expect(r.stderr).toContain(`cannot read module ${join(dir, 'm.wasm')}: no such file`);
  }, 60_000);
});
