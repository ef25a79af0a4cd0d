// Opening by path in the desktop app (Open Recent, a file on the command line) over the real
// backend: every failure reaches an error box naming the file, a gone recent file leaves the
// list, and memory images open as images.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../backend/index.ts';
import type { BackendHandle } from '../backend/handle.ts';
import { fileArguments, openPath, openPaths, type OpenPathShell } from './open-path.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'resources', 'examples');
const handle = createBackend({});
afterAll(() => handle.dispose());

const said = { errors: [] as [string, string][], added: [] as string[], removed: [] as string[] };
function shell(h: OpenPathShell['handle'] = handle): OpenPathShell {
  return {
    handle: h,
    showError: (title, text) => said.errors.push([title, text]),
    addRecent: async (p) => said.added.push(p),
    removeRecent: async (p) => said.removed.push(p),
  };
}
beforeEach(() => {
  said.errors = [];
  said.added = [];
  said.removed = [];
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'memscope-open-path-')), name);
  await writeFile(path, content);
  return path;
}

describe('Open Recent and a file on the command line', () => {
  it('says a recent file that is gone, and drops it from the list', async () => {
    const path = join(tmpdir(), 'memscope-open-path-gone', 'moved.wseq');
    expect(await openPath(path, shell())).toBe(false);
    expect(said.errors).toEqual([['Cannot open this file', `io: cannot read ${path}: no such file or directory`]]);
    expect(said.removed).toEqual([path]);
    expect(said.added).toEqual([]);
  });

  it('names the file of a malformed module, and keeps it in the list (it is still there)', async () => {
    const path = await file('broken.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x7f]));
    expect(await openPath(path, shell())).toBe(false);
    expect(said.errors).toHaveLength(1);
    expect(said.errors[0][1]).toContain(path);
    expect(said.removed).toEqual([]);
  });

  it('names the file of a sequence whose module line is missing', async () => {
    const path = await file('nomodule.wseq', 'say()\n');
    expect(await openPath(path, shell())).toBe(false);
    expect(said.errors).toEqual([['Cannot open this file', `usage: ${path} has no \`module "…"\` line; give the module too`]]);
  });

  it('refuses a file of another kind with what it opens', async () => {
    const path = await file('notes.pdf', 'x');
    expect(await openPath(path, shell())).toBe(false);
    expect(said.errors).toEqual([['Cannot open this file',
      `${path}: usage: not opened: the app opens a module (.wasm), a call sequence (.wseq, .txt) or a memory image (.core.wasm, .core, .msnap, .bin)`]]);
  });

  it('says a backend that throws instead of answering', async () => {
    const throwing = { backend: handle.backend, openFiles: () => Promise.reject(new Error('worker gone')) } as unknown as BackendHandle;
    const path = await file('x.wseq', 'module "x.wasm"\n');
    expect(await openPath(path, shell(throwing))).toBe(false);
    expect(said.errors).toEqual([['Cannot open this file', `${path}: internal: opening failed unexpectedly: worker gone`]]);
  });

  it('opens a sparse snapshot and a Wasm coredump as memory images, and keeps them in the list', async () => {
    const demo = await handle.backend.openDemo({ id: 'return-string' });
    expect(demo.ok).toBe(true);
    await handle.backend.step({});
    const snap = await handle.backend.exportSnapshot({ format: 'sparse' });
    const core = await handle.backend.exportCoredump({});
    if (!snap.ok || !core.ok) throw new Error('export failed');
    for (const path of [await file('after.msnap', snap.value.bytes), await file('after.core.wasm', core.value.bytes)]) {
      expect(await openPath(path, shell()), path).toBe(true);
      const view = await handle.backend.getSession({});
      expect(view.ok && view.value?.image, path).toBeTruthy();
    }
    expect(said.errors).toEqual([]);
    expect(said.added).toHaveLength(2);
  });
});

describe('several files on the command line', () => {
  it('opens a module with its sequence together, in either order, as `npm start m.wasm s.wseq` does in the web shell', async () => {
    // The sequence names another module: it runs against the one given (it was skipped, the module opened alone).
    const module = await file('lib.wasm', new Uint8Array(await readFile(join(EXAMPLES, 'return-string', 'return-string.wasm'))));
    const sequence = await file('steps.wseq', 'module "elsewhere.wasm"\nsay()\n');
    expect(await openPaths([sequence, module], shell())).toBe(true);
    const view = await handle.backend.getSession({});
    expect(view.ok && [view.value?.moduleName, view.value?.sequence?.text]).toEqual(['lib.wasm', 'module "elsewhere.wasm"\nsay()\n']);
    expect(said.errors).toEqual([]);
    expect(said.added).toEqual([module, sequence]);
  });

  it('names the module of a pair that is gone, and drops it from the list', async () => {
    const module = join(tmpdir(), 'memscope-open-path-gone', 'lib.wasm');
    const sequence = await file('steps.wseq', 'say()\n');
    expect(await openPaths([module, sequence], shell())).toBe(false);
    expect(said.errors).toHaveLength(1);
    expect(said.errors[0][1]).toContain(module);
    expect(said.removed).toEqual([module]);
  });

  it('opens the first of other files and says the ones it did not open', async () => {
    const first = await file('a.wseq', 'say()\n');
    const second = await file('b.wasm', 'x');
    const third = await file('c.msnap', 'x');
    await openPaths([first, second, third], shell());
    expect(said.errors).toEqual([
      ['Cannot open this file', `usage: ${first} has no \`module "…"\` line; give the module too`],
      ['Not opened', `${second}, ${third}: the app opens one file, or a module (.wasm) with a call sequence (.wseq, .txt)`],
    ]);
  });

  it('are every argument that is not a switch, after the app directory when unpackaged', () => {
    expect(fileArguments(['electron', '.', '--x', 'm.wasm', 's.wseq'], false, '/w')).toEqual(['/w/m.wasm', '/w/s.wseq']);
    expect(fileArguments(['/opt/Memscope', 'm.wasm', '--y', '/abs/s.wseq'], true, '/w')).toEqual(['/w/m.wasm', '/abs/s.wseq']);
  });
});

describe('the file argument', () => {
  it('is the first argument that is not a switch, after the app directory when unpackaged, resolved in the launch directory', () => {
    expect(fileArguments(['/opt/Memscope', '--no-sandbox', 'a.core'], true, '/home/u')).toEqual(['/home/u/a.core']);
    expect(fileArguments(['electron', '--inspect', '.', '--x', 'b.msnap'], false, '/w')).toEqual(['/w/b.msnap']);
    expect(fileArguments(['electron', '.', '/abs/c.wseq'], false, '/w')).toEqual(['/abs/c.wseq']);
    expect(fileArguments(['electron', '.', '--no-sandbox'], false, '/w')).toEqual([]);
    expect(fileArguments(['/opt/Memscope'], true, '/w')).toEqual([]);
  });
});
