// Another kind of file given where a module or a call sequence goes, at export-host, new, inspect
// and serve: each says what the file is (by its name, or by its contents) and what reads it, in
// the words `memscope run` uses (shared/file-kind.ts wrongKindText). Each failed in the wrong
// kind's terms before: "bad magic number", "not UTF-8" at byte 8 of a snapshot, a coredump as a
// module to give as the module, a sequence's parse error on glue, or a starter sequence for a
// coredump with exit status 0.

import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve-command.ts';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const EXAMPLE = join(PACKAGE_ROOT, 'resources/examples/return-string');

/** The smallest coredump: a module with a `core` custom section (process-info 0, name "x"). */
const CORE = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 8, 4, ...Buffer.from('core'), 0, 1, 0x78]);
/** What a saved snapshot starts with ("MSNAP\0\0", version 1); the rest is never read here. */
const SNAPSHOT = Buffer.concat([Buffer.from('MSNAP\0\0\x01'), Buffer.from([0x9a, 0x26, 0, 0])]);

const image = (file: string, not: string) => `${file} is a memory image (a snapshot, coredump or raw dump, by its name), not ${not}: \`memscope snapshot ${file}\` reads it`;

describe('another kind of file where a module or a sequence goes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-kinds-'));
  copyFileSync(join(EXAMPLE, 'return-string.wasm'), join(dir, 'm.wasm'));
  writeFileSync(join(dir, 'm.wseq'), 'module "m.wasm"\nr = malloc(8)\n');
  writeFileSync(join(dir, 's.msnap'), SNAPSHOT);
  writeFileSync(join(dir, 'snap.wasm'), SNAPSHOT);
  writeFileSync(join(dir, 'crash.core.wasm'), CORE);
  writeFileSync(join(dir, 'crash.wasm'), CORE);
  writeFileSync(join(dir, 'm.js'), 'var Module = {};\n');

  it('export-host SEQUENCE: a snapshot, a coredump (by name or contents) or glue', () => {
    for (const [file, says] of [
      ['s.msnap', image('s.msnap', 'a call sequence')],
      ['crash.core.wasm', image('crash.core.wasm', 'a call sequence')],
      ['crash.wasm', 'crash.wasm is a memory image (a Wasm coredump, by its contents), not a call sequence: `memscope snapshot crash.wasm` reads it'],
      ['snap.wasm', 'snap.wasm is a memory image (a Memscope snapshot, by its contents), not a call sequence: `memscope snapshot snap.wasm` reads it'],
      ['m.js', 'm.js is Emscripten\'s JavaScript glue (by its name), not a call sequence: Memscope reads it from beside the module it was written with'],
    ]) {
      expect([file, memscope(['export-host', file!, '--lang', 'js'], { cwd: dir })]).toEqual([file, { status: 2, stdout: '', stderr: `memscope export-host: ${says}\n` }]);
    }
  }, 60_000);

  it('export-host --module: a snapshot, a sequence, a coredump (it wrote "exports no function" of the sequence)', () => {
    for (const [file, says] of [
      ['s.msnap', image('s.msnap', 'a module')],
      ['m.wseq', 'm.wseq is a call sequence (by its name), not a module: `memscope run m.wseq` reads it'],
      ['crash.wasm', 'crash.wasm is a memory image (a Wasm coredump, by its contents), not a module: `memscope snapshot crash.wasm` reads it'],
    ]) {
      expect([file, memscope(['export-host', 'm.wseq', '--module', file!, '--lang', 'js'], { cwd: dir })]).toEqual([file, { status: 2, stdout: '', stderr: `memscope export-host: ${says}\n` }]);
    }
  }, 60_000);

  it('new MODULE: a coredump is refused, not given a starter sequence with exit status 0', () => {
    expect(memscope(['new', 'crash.wasm'], { cwd: dir })).toEqual({
      status: 2, stdout: '', stderr: 'memscope new: crash.wasm is a memory image (a Wasm coredump, by its contents), not a module: `memscope snapshot crash.wasm` reads it\n',
    });
    expect(memscope(['new', 's.msnap'], { cwd: dir })).toEqual({ status: 2, stdout: '', stderr: `memscope new: ${image('s.msnap', 'a module')}\n` });
    expect(memscope(['new', 'm.wseq'], { cwd: dir }).stderr).toBe('memscope new: m.wseq is a call sequence (by its name), not a module: `memscope run m.wseq` reads it\n');
    expect(memscope(['new', 'm.wasm'], { cwd: dir }).status).toBe(0);
  }, 60_000);

  it('inspect: a snapshot or glue is said to be one (not "bad magic number"); a coredump is still inspected as one', () => {
    const r = memscope(['inspect', 's.msnap', 'snap.wasm', 'm.js', 'crash.wasm'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${image('s.msnap', 'a module')}\n`
      + 'snap.wasm is a memory image (a Memscope snapshot, by its contents), not a module: `memscope snapshot snap.wasm` reads it\n'
      + 'm.js is Emscripten\'s JavaScript glue (by its name), not a module: Memscope reads it from beside the module it was written with\n');
    expect(r.stdout).toMatch(/^ {2}kind {8}a Wasm coredump, not a module to run/m);
    const json = JSON.parse(memscope(['inspect', '--json', 's.msnap'], { cwd: dir }).stdout);
    expect(json).toEqual({ file: 's.msnap', ok: false, error: { code: 'usage', message: image('s.msnap', 'a module'), where: { file: 's.msnap' } }, size: SNAPSHOT.length });
  }, 60_000);

  it('serve: a memory image or glue as MODULE, a module or an image as --sequence, refused before serving', () => {
    expect(parseServeArgs(['crash.core.wasm'])).toBe(image('crash.core.wasm', 'a module'));
    expect(parseServeArgs(['m.js'])).toMatch(/^m\.js is Emscripten's JavaScript glue \(by its name\), not a module/);
    expect(parseServeArgs(['--sequence', 's.msnap'])).toBe(image('s.msnap', 'a call sequence'));
    // It said "m.wasm has no `module "…"` line; give the module too".
    expect(parseServeArgs(['--sequence', 'm.wasm'])).toBe('m.wasm is a module (by its name), not a call sequence: give it as the module, and `memscope new m.wasm` prints a sequence for it');
    expect(parseServeArgs(['m.wasm', '--sequence', 'm.wseq'])).toEqual({ module: 'm.wasm', sequence: 'm.wseq', port: null, open: true });
  });
});
