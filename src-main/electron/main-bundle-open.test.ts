// The built Electron main process (out/main) under plain Node with the stub `electron`, launched
// with one file on its command line: the file opens whatever its kind (a memory image too), or
// an error box says which file and why; it is never skipped in silence.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'index.cjs');

function launch(file: string, how: 'argv' | 'open-file' | 'second-instance' = 'argv'): { errorBoxes: [string, string][]; image: boolean; module: string | null; recent: string[] } {
  const userData = mkdtempSync(join(tmpdir(), 'memscope-open-arg-'));
  const early = { argv: {}, 'open-file': { STUB_OPEN_FILE: '1' }, 'second-instance': { STUB_SECOND_INSTANCE: '1' } }[how];
  const stdout = execFileSync(process.execPath, [join(import.meta.dirname, 'testdata', 'open-arg.mjs'), bundle, file], {
    cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, STUB_USER_DATA: userData, ...early },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe.skipIf(!existsSync(bundle))('a file on the desktop app\'s command line (needs `npm run build`)', () => {
  it('says a sequence that is not there, naming it', () => {
    const file = join(tmpdir(), 'memscope-open-arg-gone', 'gone.wseq');
    expect(launch(file).errorBoxes).toEqual([['Cannot open this file', `io: cannot read ${file}: no such file or directory`]]);
  });

  it('opens a raw memory dump as an image and adds it to Open Recent', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'memscope-open-arg-')), 'memory.bin');
    writeFileSync(file, new Uint8Array(65536));
    expect(launch(file)).toMatchObject({ errorBoxes: [], image: true, recent: [file] });
  });

  it('opens a file macOS hands over with open-file before the window exists (Finder, the Dock)', () => {
    // Not handled, the file was never opened: macOS passes no argument.
    const file = join(mkdtempSync(join(tmpdir(), 'memscope-open-arg-')), 'memory.bin');
    writeFileSync(file, new Uint8Array(65536));
    expect(launch(file, 'open-file')).toMatchObject({ errorBoxes: [], image: true, recent: [file] });
  });

  it('opens the file of a second launch that comes while the first is still starting (it was dropped)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'memscope-open-arg-')), 'memory.bin');
    writeFileSync(file, new Uint8Array(65536));
    expect(launch(file, 'second-instance')).toMatchObject({ errorBoxes: [], image: true, recent: [file] });
  });

  it('says a file of a kind the app does not open', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'memscope-open-arg-')), 'notes.pdf');
    writeFileSync(file, 'x');
    expect(launch(file).errorBoxes).toEqual([['Cannot open this file', expect.stringMatching(/notes\.pdf: usage: not opened: the app opens a module/)]]);
  });
});
