// The native Open dialog's refusals: a memory image above the app's limit names the limit and
// the way round it (the CLI reads images by path), as the web shell's page does.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const ui = vi.hoisted(() => ({ picked: '', errors: [] as [string, string][], save: null as ((options: { title: string }) => Promise<{ canceled: boolean; filePath?: string }>) | null }));
vi.mock('electron', () => ({
  app: { getPath: () => ui.picked.replace(/[^/]*$/, '') },
  dialog: {
    showOpenDialog: async () => ({ canceled: false, filePaths: [ui.picked] }),
    showErrorBox: (title: string, text: string) => ui.errors.push([title, text]),
    showSaveDialog: (_win: unknown, options: { title: string }) => ui.save!(options),
  },
}));
const { pickFile, saveFile, saveWords } = await import('./dialogs.ts');

function fileOf(name: string, bytes: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'memscope-dialogs-')), name);
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}

describe('Open Memory Image in the desktop app', () => {
  it('refuses an image above 32 MiB with the limit and the CLI that reads it', async () => {
    ui.picked = fileOf('big.core', (32 << 20) + 1);
    ui.errors.length = 0;
    expect(await pickFile({} as never, 'image')).toBeNull();
    expect(ui.errors).toEqual([['Cannot open this file',
      'big.core: the file is 33554433 bytes, above the limit of 33554432 bytes; view an image this large with `memscope snapshot FILE` in a terminal']]);
  });

  it('names no CLI for a module too large (the snapshot command would not open it)', async () => {
    ui.picked = fileOf('big.wasm', (32 << 20) + 1);
    ui.errors.length = 0;
    expect(await pickFile({} as never, 'module')).toBeNull();
    expect(ui.errors).toEqual([['Cannot open this file', 'big.wasm: the file is 33554433 bytes, above the limit of 33554432 bytes']]);
  });
});

describe('Export in the desktop app', () => {
  const file = { name: 'after.msnap', bytes: new Uint8Array([1, 2, 3]) };

  it('says a save dialog that fails, rather than rejecting the page\'s call', async () => {
    ui.save = () => Promise.reject(new Error('portal not available'));
    ui.errors.length = 0;
    expect(await saveFile({} as never, file)).toBe(false);
    expect(ui.errors).toEqual([['Export failed', 'the save dialog failed: portal not available']]);
  });

  it('names the file it could not write, not its temporary file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'memscope-dialogs-')), 'gone', 'after.msnap');
    ui.save = async () => ({ canceled: false, filePath: path });
    ui.errors.length = 0;
    expect(await saveFile({} as never, file)).toBe(false);
    expect(ui.errors).toEqual([['Export failed', `cannot write ${path}: no such file or directory`]]);
  });

  it('titles the dialog and its failure by what is saved, not "Export Snapshot" for all', async () => {
    const titles = ['x.wseq', 'x.step3.msnap', 'x.step3.bin', 'x.step3.core.wasm', 'x-host.mjs', 'x-host.rs', 'x-host.go']
      .map((name) => `${name}: ${saveWords(name).title} / ${saveWords(name).failed}`);
    expect(titles).toEqual([
      'x.wseq: Save Sequence / Save failed',
      'x.step3.msnap: Export Snapshot / Export failed',
      'x.step3.bin: Export Snapshot / Export failed',
      'x.step3.core.wasm: Export Coredump / Export failed',
      'x-host.mjs: Export Host Code / Export failed',
      'x-host.rs: Export Host Code / Export failed',
      'x-host.go: Export Host Code / Export failed',
    ]);
    const titled: string[] = [];
    ui.save = async (options) => { titled.push(options.title); return { canceled: true }; };
    expect(await saveFile({} as never, { name: 'x.wseq', bytes: new Uint8Array() })).toBe(false);
    expect(titled).toEqual(['Save Sequence']);
  });

  it('stays silent on cancel', async () => {
    ui.save = async () => ({ canceled: true });
    ui.errors.length = 0;
    expect(await saveFile({} as never, file)).toBe(false);
    expect(ui.errors).toEqual([]);
  });
});
