// The layer rules, checked over every source file's imports (a rule broken here fails the
// build's unit tests): the shells reach the engine only through engine/index.ts (tests and
// benchmarks may also use engine/testing.ts); inside the engine, host/ and guest/ meet only in
// protocol.ts, and nothing imports the shells' contract; the renderer imports nothing of
// src-main but shared/.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = /\.(ts|mts|mjs|js|svelte)$/;
const SKIP = new Set(['node_modules', 'out', 'testdata', '.tmp', 'test-results', 'playwright-report']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

/** Every relative module specifier a file imports (static, dynamic, re-exports), resolved from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

interface Violation { file: string; imports: string }

function violations(files: string[], allowed: (file: string, target: string) => boolean): Violation[] {
  return files.flatMap((file) => importsOf(file).filter((t) => !allowed(file, t)).map((t) => ({ file, imports: t })));
}

const ENGINE = 'src-main/engine/';
const isTest = (f: string): boolean => /\.(test|spec)\.ts$/.test(f) || f.startsWith('bench/') || f.startsWith('e2e/');

describe('layers', () => {
  it('shells, CLI and benchmarks enter the engine only through engine/index.ts', () => {
    const outside = ['src-main', 'bench', 'scripts', 'e2e'].flatMap(sourceFiles)
      .filter((f) => !f.startsWith(ENGINE));
    const found = violations(outside, (file, target) => !target.startsWith(ENGINE)
      || target === `${ENGINE}index.ts` || (isTest(file) && target === `${ENGINE}testing.ts`));
    expect(found).toEqual([]);
  });

  it("host/ and guest/ code (tests aside: they open sessions) import each other only through protocol.ts", () => {
    const host = sourceFiles(`${ENGINE}host`);
    const guest = sourceFiles(`${ENGINE}guest`);
    expect(violations(host.filter((f) => !isTest(f)), (_f, t) => !t.startsWith(`${ENGINE}guest/`))).toEqual([]);
    expect(violations(guest.filter((f) => !isTest(f)), (_f, t) => !t.startsWith(`${ENGINE}host/`))).toEqual([]);
  });

  it('the engine never imports the shells\' contract', () => {
    expect(violations(sourceFiles('src-main/engine'), (_f, t) => t !== 'src-main/shared/contract.ts')).toEqual([]);
  });

  it('the renderer imports nothing of src-main but shared/', () => {
    const found = violations(sourceFiles('src-renderer'), (_f, t) => !t.startsWith('src-main/') || t.startsWith('src-main/shared/'));
    expect(found).toEqual([]);
  });

  it('finds the imports it checks (the scan is not vacuous)', () => {
    expect(importsOf('src-main/cli/main.ts').length).toBeGreaterThan(0);
    expect(importsOf(`${ENGINE}host/session-core.ts`)).toContain('src-main/shared/emitter.ts');
  });
});
