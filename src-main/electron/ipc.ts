// Contract over Electron IPC: one invoke channel for requests, two for dialogs, one send channel
// for events. Every message's sender must be our window's main frame showing our renderer page,
// and every argument goes through the same validation as the web shell's.

import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dirname } from 'node:path';
import type { BackendHandle } from '../backend/handle.ts';
import { isRequestName } from '../backend/validate.ts';
import type { FileData } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { CHANNEL } from './channels.ts';
import { pickFile, saveFile } from './dialogs.ts';
import { isRendererUrl } from './window.ts';

function usage(message: string): Result<never> {
  return { ok: false, error: { code: 'usage', message } };
}

export function registerIpc(
  getWindow: () => BrowserWindow | null, handle: BackendHandle, indexHtml: string,
  /** Called after a file was picked (the Open Recent menu changes). */
  onPicked: () => void = () => undefined,
): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow();
    const frame = event.senderFrame;
    return (
      !!win && event.sender === win.webContents && !!frame && frame === win.webContents.mainFrame &&
      isRendererUrl(frame.url, indexHtml)
    );
  };

  ipcMain.handle(CHANNEL.request, async (event, name: unknown, params: unknown): Promise<Result<unknown>> => {
    if (!trusted(event)) return usage('request from an untrusted frame');
    if (!isRequestName(name)) return usage(`unknown request ${JSON.stringify(name)}`);
    try {
      // The backend validates every argument (types, ranges) and answers 'usage' when bad.
      return await (handle.backend[name] as (p: unknown) => Promise<Result<unknown>>)(params);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `${name} failed unexpectedly: ${(error as Error).message}` } };
    }
  });

  ipcMain.handle(CHANNEL.pickFile, async (event, kind: unknown): Promise<FileData | null> => {
    const win = getWindow();
    if (!trusted(event) || !win || (kind !== 'module' && kind !== 'sequence' && kind !== 'image')) return null;
    const picked = await pickFile(win, kind);
    if (!picked) return null;
    if (kind === 'sequence') {
      handle.trustFile({ name: picked.file.name, text: new TextDecoder().decode(picked.file.bytes), baseDir: dirname(picked.path) });
    }
    onPicked();
    return picked.file;
  });

  ipcMain.handle(CHANNEL.saveFile, async (event, file: unknown): Promise<boolean> => {
    const win = getWindow();
    if (!trusted(event) || !win || !isFileData(file)) return false;
    return saveFile(win, file);
  });

  // Events go out as the backend emits them: a single step is one `step` event carrying the
  // state after it, the same message the web shell sends.
  const unsubscribe = handle.onEvent((e) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    win.webContents.send(CHANNEL.event, e.name, e.payload);
  });

  return () => {
    unsubscribe();
    for (const channel of [CHANNEL.request, CHANNEL.pickFile, CHANNEL.saveFile]) ipcMain.removeHandler(channel);
  };
}

function isFileData(v: unknown): v is FileData {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f.name === 'string' && f.name.length > 0 && f.name.length <= 255 && f.bytes instanceof Uint8Array;
}
