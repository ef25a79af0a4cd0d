// `memscope new` on every demo module, through the real CLI: the starter it prints runs green
// as written for the modules whose string ABI it recognises (and binds the text the guest made);
// for the rest it writes commented call lines only, and still parses.

import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { moduleLinePath } from './new-command.ts';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, memscope, runJson } from './testing/run-json.ts';

/** Demo → the text its recognised export returns for the starter's argument "hello". */
const RECOGNISED: Record<string, Record<string, string>> = {
  'return-string': { text: 'hello from C' },
  'packed-i64': { text: 'hello, hello' },
  'rust-greet': { text: 'hello, hello!', text2: 'hello, hello!' },
  'canonical-abi': { text: 'HELLO!' },
  'assemblyscript-strings': { text: 'hello, hello!' },
  'emscripten-greet': { text: 'hello, hello!' },
  // A WASI command without required arguments runs green as is.
  'wasi-io': {},
  // Go js/wasm: argv written as wasm_exec.js writes it, then run(argc, argv) (main prints to stderr).
  'go-hello': {},
  'go-fmt': {},
  'go-library': {},
};
/** What a recognised demo's starter makes the guest print, when that is its answer. */
const STDERR: Record<string, string> = { 'go-hello': 'hello from Go 6765\n', 'go-fmt': 'to stderr\n' };
/** WASI commands whose starter calls _start but whose program needs the arg/dir lines filled in. */
const NEEDS_ARGS = ['clang19-wasi', 'rust-wasi', 'wasi-cat'];

/** Every demo folder with its module (the file name may differ from the folder's). */
const demos = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(EXAMPLES, d.name)).filter((f) => f.endsWith('.wasm')).map((f) => [d.name, f] as const));

describe('memscope new', () => {
  it.each(demos)('%s (%s): a starter that parses, and runs green when its ABI is recognised', (demo, wasm) => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-new-'));
    copyFileSync(join(EXAMPLES, demo, wasm), join(dir, wasm));
    const made = memscope(['new', join(dir, wasm)]);
    expect(made.status, made.stderr).toBe(0);
    // Given by an absolute path outside the current directory, the module line keeps it.
    expect(made.stdout).toContain(`module "${join(dir, wasm)}"`);
    writeFileSync(join(dir, 'starter.wseq'), made.stdout);
    const { status, json } = runJson(join(dir, 'starter.wseq'));
    const steps = json.steps.length;
    if (RECOGNISED[demo]) {
      expect(status, JSON.stringify(json.steps.find((s) => !s.ok)?.error)).toBe(0);
      expect(steps).toBeGreaterThan(0);
      expect(json.bindings).toMatchObject(RECOGNISED[demo]!);
      if (STDERR[demo]) expect(json.stderr).toBe(STDERR[demo]);
    } else if (NEEDS_ARGS.includes(demo)) {
      expect(made.stdout).toMatch(/^# dir "\." as "\/data"/m);
      expect(json.steps.map((s) => s.source)).toEqual(['_start()']);
    } else {
      expect(status).toBe(0);
      expect(steps).toBe(0);
      expect(made.stdout).toMatch(/^# Not recognised/m);
    }
  });

  it('an export without parameters is not asked for arguments', () => {
    const r = memscope(['new', new URL('../testdata/imports.wasm', import.meta.url).pathname]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# {3}put +\(i32, i32\) -> \(\) +fill in the arguments below$/m);
    expect(r.stdout).toMatch(/^# {3}sum +\(\) -> i32 +no arguments: uncomment its line below$/m);
    expect(r.stdout).toContain('\n# r = sum()\n');
    expect(r.stdout).toContain('\n# Not recognised: uncomment and put real arguments in (placeholders are 0).\n');
    // Only calls without arguments: nothing to put in, so no placeholders are promised.
    const bare = memscope(['new', new URL('../testdata/scatter.wasm', import.meta.url).pathname]);
    expect(bare.stdout).toContain('\n# Not recognised: uncomment to call.\n# scatter()\n');
  });

  it('exports named unlike identifiers are written quoted, and the uncommented lines run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-names-'));
    copyFileSync(new URL('../testdata/names.wasm', import.meta.url).pathname, join(dir, 'names.wasm'));
    const r = memscope(['new', join(dir, 'names.wasm')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# r = "add-one"(0)\n# r = "demo:names/api#answer"()\n# r = "say \\"hi\\""()\n');
    const seq = join(dir, 'names.wseq');
    writeFileSync(seq, r.stdout.replace(/^# (r = .*)$/gm, '$1'));
    const { status, json } = runJson(seq);
    expect(status).toBe(0);
    expect(json.steps.map((s) => s.calls[0]!.export)).toEqual(['add-one', 'demo:names/api#answer', 'say "hi"']);
    expect(json.bindings.r).toBe(7);
  });

  it('exports named like directives and statements are called when uncommented, bare or bound', () => {
    // `module()`, `read(0)`, `write()`… are calls, not a `module` directive or a read statement;
    // `"#hash"()` is a call, not a comment. Checked fine; kept so it stays so.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-directive-names-'));
    copyFileSync(new URL('./testdata/directive-names.wasm', import.meta.url).pathname, join(dir, 'd.wasm'));
    const r = memscope(['new', join(dir, 'd.wasm')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\n# r = module()\n# r = arg(0)\n# r = read(0)\n# r = write()\n');
    expect(r.stdout).toContain('\n# r = "#hash"()\n');
    const seq = join(dir, 'd.wseq');
    const bound = r.stdout.replace(/^# (r = .*)$/gm, '$1');
    writeFileSync(seq, `${bound}\nmodule()\nread(0)\nwrite()\n`);
    const { status, json } = runJson(seq);
    expect(status).toBe(0);
    expect(json.steps.map((s) => s.calls[0]!.export)).toEqual(['module', 'arg', 'read', 'write', 'watch', 'expect', 'timeout', '#hash', 'module', 'read', 'write']);
    expect(json.bindings.r).toBe(8);
  });

  it('a module without exports says there is nothing to call, and its starter runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-no-exports-'));
    writeFileSync(join(dir, 'empty.wasm'), Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
    const r = memscope(['new', join(dir, 'empty.wasm')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# The module exports no function, so there is nothing to call.');
    writeFileSync(join(dir, 'empty.wseq'), r.stdout);
    const { status, json } = runJson(join(dir, 'empty.wseq'));
    expect(status).toBe(0);
    expect(json.steps).toEqual([]);
  });

  it('a module without memory: its calls are the starter\'s steps, run as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-no-memory-'));
    copyFileSync(new URL('../testdata/no-memory.wasm', import.meta.url).pathname, join(dir, 'no-memory.wasm'));
    const r = memscope(['new', join(dir, 'no-memory.wasm')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# No linear memory: every argument and result is a plain number');
    expect(r.stdout).not.toContain('pointer below');
    expect(r.stdout).toMatch(/^# {3}answer +\(\) -> i32 +no arguments: called below$/m);
    expect(r.stdout).toContain('\nr = add(0, 0)\nr = answer()\n');
    const seq = join(dir, 'no-memory.wseq');
    writeFileSync(seq, r.stdout);
    const { status, json } = runJson(seq);
    expect(status).toBe(0);
    expect(json.steps.map((s) => s.source)).toEqual(['r = add(0, 0)', 'r = answer()']);
    expect(json.bindings.r).toBe(42);
    // Nothing about memory in the text output: there is none to change, and no heap.
    const text = memscope(['run', seq]);
    expect(text.stdout).not.toContain('memory unchanged');
    expect(text.stdout).toContain('heap: not walked (the module has no linear memory)');
  });

  it('says what is wrong with a bad argument', () => {
    expect(memscope(['new']).status).toBe(2);
    const bad = memscope(['new', join(EXAMPLES, 'no-such.wasm')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no-such.wasm');
  });

  it('names the module relative to the file the sequence is saved to, so the README\'s two commands run', () => {
    // Before: the bare file name, so `memscope new build/x.wasm > x.wseq` and then
    // `memscope run x.wseq` could not read ./x.wasm.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-new-out-'));
    mkdirSync(join(dir, 'build'));
    copyFileSync(join(EXAMPLES, 'return-string', 'return-string.wasm'), join(dir, 'build', 'rs.wasm'));
    const bin = resolve(import.meta.dirname, '../../bin/memscope.js');
    const saved = (out: string): string => {
      const fd = openSync(out, 'w');
      const made = spawnSync(process.execPath, [bin, 'new', 'build/rs.wasm'], { stdio: ['ignore', fd, 'pipe'], cwd: dir, encoding: 'utf8', timeout: 60_000 });
      closeSync(fd);
      expect(made.status, made.stderr).toBe(0);
      expect(runJson(out).status).toBe(0);
      return readFileSync(out, 'utf8').match(/^module "(.*)"$/m)![1]!;
    };
    expect(saved(join(dir, 'module.wseq'))).toBe('build/rs.wasm');
    expect(saved(join(dir, 'build', 'rs.wseq'))).toBe('rs.wasm');
    expect(moduleLinePath('../x.wasm', resolve('a/b'))).toBe('../../../x.wasm');
    expect(moduleLinePath('/elsewhere/x.wasm', resolve('a/b'))).toBe('/elsewhere/x.wasm');
  });
});
