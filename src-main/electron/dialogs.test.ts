// The native Open dialog's refusals: a memory image above the app's limit names the limit and
// the way round it (the CLI reads images by path), as the web shell's page does.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const ui = vi.hoisted(() => ({ picked: '', errors: [] as [string, string][], save: null as (() => Promise<{ canceled: boolean; filePath?: string }>) | null }));
vi.mock('electron', () => ({
  app: { getPath: () => ui.picked.replace(/[^/]*$/, '') },
  dialog: {
    showOpenDialog: async () => ({ canceled: false, filePaths: [ui.picked] }),
    showErrorBox: (title: string, text: string) => ui.errors.push([title, text]),
    showSaveDialog: () => ui.save!(),
  },
}));
const { pickFile, saveFile } = await import('./dialogs.ts');

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

  it('stays silent on cancel', async () => {
    ui.save = async () => ({ canceled: true });
    ui.errors.length = 0;
    expect(await saveFile({} as never, file)).toBe(false);
    expect(ui.errors).toEqual([]);
  });
});
