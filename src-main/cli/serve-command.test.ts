// `memscope serve` as a real process: prints its URL, serves, and exits cleanly when its stdin
// (the parent's lifeline) closes or on SIGTERM.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import { encodeWire, joinFrame } from '../shared/wire.ts';
import { DEFAULT_PORT, parseServeArgs } from './serve-command.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'memscope.js');

function serve(portArgs = ['--port', '0']): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--no-open', ...portArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`exited early with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (url) => done({ child, url }));
  });
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((done) => child.once('exit', (code) => done(code)));

describe('memscope serve', () => {
  it('parses its arguments', () => {
    expect(parseServeArgs(['m.wasm', '--sequence', 's.wseq', '--port=8080', '--no-open'])).toEqual({ module: 'm.wasm', sequence: 's.wseq', port: 8080, open: false });
    expect(parseServeArgs(['demo.wseq'])).toEqual({ sequence: 'demo.wseq', port: null, open: true });
    // A .txt sequence, as the Open Sequence dialog takes it: it was taken as the module and refused.
    expect(parseServeArgs(['m.wasm', 'notes.txt'])).toEqual({ module: 'm.wasm', sequence: 'notes.txt', port: null, open: true });
    expect(parseServeArgs(['--port', '0'])).toEqual({ port: 0, open: true });
    expect(parseServeArgs(['--port', 'x'])).toMatch(/--port/);
    expect(parseServeArgs(['a.wasm', 'b.wasm'])).toMatch(/only one MODULE/);
    expect(parseServeArgs(['--bogus'])).toMatch(/unknown option/);
  });

  it('prints a tokened 127.0.0.1 URL, serves it, and stops when stdin closes', async () => {
    const { child, url } = await serve();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
    const res = await fetch(url);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const code = exited(child);
    child.stdin!.end();
    expect(await code).toBe(0);
  });

  it('falls back to a random port when the default one is taken', async () => {
    // Hold the default port (if something else already holds it, the fallback is just as due).
    const blocker = createServer();
    await new Promise<void>((done) => blocker.once('error', () => done()).listen(DEFAULT_PORT, '127.0.0.1', () => done()));
    try {
      const { child, url } = await serve([]);
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += String(d)));
      expect(new URL(url).port).not.toBe(String(DEFAULT_PORT));
      const code = exited(child);
      child.stdin!.end();
      expect(await code).toBe(0);
      expect(stderr).toContain(`port ${DEFAULT_PORT} is in use`);
    } finally {
      blocker.close();
    }
  });

  it('says which file it could not open, and a sequence\'s errors, then serves anyway', async () => {
    const testdata = join(import.meta.dirname, '..', 'testdata');
    const dir = mkdtempSync(join(tmpdir(), 'memscope-serve-'));
    const bad = join(dir, 'bad.wseq');
    writeFileSync(bad, `module "${join(testdata, 'names.wasm')}"\nr = "add-one"(1\n`);
    const nowhere = join(dir, 'nowhere.wseq');
    writeFileSync(nowhere, 'module "nowhere.wasm"\n');
    for (const [args, expected] of [
      [[join(testdata, 'names.wat')], /^memscope serve: names\.wat: malformed-module: header: bad magic number: .*this looks like WebAssembly text .* \(serving the start screen instead\)$/m],
      [['--sequence', bad], /^bad\.wseq:2:16: .*\n.*\n.*\^\nmemscope serve: 1 error in the sequence, shown in the editor; it runs once they are fixed$/m],
      // Its module line names a file that is not there: said at that line.
      [['--sequence', nowhere], /^nowhere\.wseq:1:1: cannot read module .*nowhere\.wasm: no such file or directory\nmodule "nowhere\.wasm"\n\^+\nmemscope serve: serving the start screen instead$/m],
      // A sequence that is not there, beside a module that is: it was "…names.wasm: io: cannot read …gone.wseq".
      [[join(testdata, 'names.wasm'), '--sequence', join(dir, 'gone.wseq')], /^memscope serve: io: cannot read \S*gone\.wseq: no such file or directory \(serving the start screen instead\)$/m],
    ] as const) {
      const { child } = await serve(['--port', '0', ...args]);
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += String(d)));
      const code = exited(child);
      child.stdin!.end();
      expect(await code).toBe(0);
      expect(stderr).toMatch(expected);
    }
  });

  it('says when the files it opened change or go away on disk, since the page keeps its copies', async () => {
    // Before: nothing said it; after a rebuild, Reset in the page silently ran the old bytes, and
    // the sequence edited in another editor never reached the page.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-serve-'));
    copyFileSync(join(import.meta.dirname, '..', 'testdata', 'names.wasm'), join(dir, 'm.wasm'));
    writeFileSync(join(dir, 's.wseq'), 'module "m.wasm"\n');
    const { child } = await serve(['--port', '0', '--sequence', join(dir, 's.wseq')]);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    rmSync(join(dir, 'm.wasm'));
    writeFileSync(join(dir, 's.wseq'), 'module "m.wasm"\n# edited elsewhere\n');
    const deadline = Date.now() + 10_000;
    while (stderr.split('\n').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const code = exited(child);
    child.stdin!.end();
    expect(await code).toBe(0);
    const lines = stderr.trimEnd().split('\n').sort();
    expect(lines).toEqual([
      `memscope serve: ${join(dir, 'm.wasm')} is gone from disk; the page keeps running the bytes read at start (Reset too)`,
      `memscope serve: ${join(dir, 's.wseq')} changed on disk; the page's editor keeps its text until Load from disk, in its notice, replaces it`,
      'memscope serve: stopping (stdin closed)',
    ]);
  }, 30_000);

  it('stops on SIGTERM', async () => {
    const { child } = await serve();
    const code = exited(child);
    child.kill('SIGTERM');
    expect(await code).toBe(0);
  });

  it('stops on SIGTERM while its module\'s start function never returns', async () => {
    // Before: opening the module waited out the sequence's time limit (here 10 minutes), and so
    // did Ctrl-C and SIGTERM, with no URL printed meanwhile.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-serve-'));
    const sequence = join(dir, 'stuck.wseq');
    writeFileSync(sequence, `module "${join(import.meta.dirname, '..', 'testdata', 'start-loop.wasm')}"\ntimeout 600000\n`);
    const child = spawn(process.execPath, [bin, 'serve', '--no-open', '--port', '0', '--sequence', sequence], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += String(d)));
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const code = exited(child);
    // Long enough for start-up to reach the start function's loop.
    await new Promise((r) => setTimeout(r, 2000));
    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(Date.now() - sent).toBeLessThan(10_000);
    // Stopped on the way out: no URL to open and no "serving the start screen instead".
    expect(stdout).toBe('');
    expect(stderr).toBe('memscope serve: stopping (SIGTERM)\n');
  }, 30_000);

  it('stops on SIGTERM while a tab opens a module whose start function never returns', async () => {
    // Before: closing disposed the session but not the open in progress, whose worker kept the
    // process alive until the upload time limit (a minute) after "stopping" was printed.
    const { child, url } = await serve();
    const page = new URL(url);
    const ws = new WebSocket(`ws://${page.host}/ws?token=${page.searchParams.get('token')}`, { origin: page.origin });
    ws.on('error', () => undefined);
    await new Promise((done) => ws.once('open', done));
    const module = { name: 'start-loop.wasm', bytes: new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'testdata', 'start-loop.wasm'))) };
    const frame = encodeWire({ type: 'request', id: 1, name: 'openModule', params: { module, sequence: { name: 's.wseq', text: 'timeout 600000\n' } } });
    ws.send(typeof frame === 'string' ? frame : joinFrame(frame));
    // Long enough for the worker to reach the start function's loop.
    await new Promise((r) => setTimeout(r, 2000));
    const code = exited(child);
    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(Date.now() - sent).toBeLessThan(10_000);
  }, 30_000);
});
