// A Go 1.19 js/wasm program using fmt, os, time and crypto/rand through the built CLI: its
// syscall/js calls reach Memscope's sandboxed JavaScript world, and its sleeping goroutines are
// resumed by the host's timers (export-host's refusal: export-host-js.test.ts).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, runJson } from './testing/run-json.ts';

const DIR = join(EXAMPLES, 'go-fmt');
const SEQUENCE = join(DIR, 'go-fmt.wseq');

describe('memscope and a Go js/wasm program using syscall/js', () => {
  it('run: prints through fmt, sleeps, and main returns; the guest never holds the worker\'s globalThis', () => {
    const { status, json } = runJson(SEQUENCE);
    expect(json.stdout).toContain('hello, ann from fmt\nread: open /etc/passwd: not implemented on js\n');
    expect(json.stdout).toContain('worker 1 slept 10 ms\nworker 2 slept 20 ms\nworker 0 slept 30 ms\nall slept: true\n');
    expect(json.stderr).toBe('to stderr\n');
    expect(json.exitCode).toBe(0);
    expect(status).toBe(0);
    const last = json.steps.at(-1)!;
    const lines = last.calls[0]!.imports.map((i) => i.summary);
    // The built worker is not strict code: a callback's `this` would be its real globalThis.
    const these = lines.filter((l) => /^valueGet\(event#\d+, "this"\)/.test(l));
    expect(these.length).toBeGreaterThan(0);
    expect(these.every((l) => l.endsWith(' → undefined'))).toBe(true);
  });

  it('run without deterministic: the sleeps are real, and every worker still reports', () => {
    const real = join(mkdtempSync(join(tmpdir(), 'memscope-go-')), 'real.wseq');
    writeFileSync(real, readFileSync(SEQUENCE, 'utf8').replace(/^deterministic$/m, '').replace('module "go-fmt.wasm"', `module ${JSON.stringify(join(DIR, 'go-fmt.wasm'))}`));
    const { json } = runJson(real);
    const workers = json.stdout.split('\n').filter((l) => l.startsWith('worker ')).sort();
    expect(workers).toEqual(['worker 0 slept 30 ms', 'worker 1 slept 10 ms', 'worker 2 slept 20 ms']);
    expect(json.stdout).toContain('all slept: true\n');
    expect(json.exitCode).toBe(0);
  });
});
