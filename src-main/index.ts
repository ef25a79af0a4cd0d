// The Electron app (thin): one locked-down window, the contract over IPC, native menus and
// dialogs. All session work happens in the shared backend; the guest runs in the engine's worker.

import { app, BrowserWindow, Menu } from 'electron';
import { createBackend } from './backend/index.ts';
import type { MenuCommand } from './shared/contract.ts';
import { CHANNEL } from './electron/channels.ts';
import { addRecent, readRecent } from './electron/dialogs.ts';
import { registerIpc } from './electron/ipc.ts';
import { buildMenu } from './electron/menu.ts';
import { createMainWindow, defaultPaths, lockDownSession } from './electron/window.ts';

const paths = defaultPaths();
const handle = createBackend({});
let win: BrowserWindow | null = null;

async function refreshMenu(): Promise<void> {
  if (!win) return;
  Menu.setApplicationMenu(buildMenu(win, await readRecent(), {
    command: (name: MenuCommand) => win?.webContents.send(CHANNEL.event, 'command', { name }),
    openRecent: (path) => void openPath(path),
  }));
}

/** Opens a host path (Open Recent, or a file given on the command line) by its extension. */
async function openPath(path: string): Promise<void> {
  const result = await handle.openFiles(path.endsWith('.wasm') ? { module: path } : { sequence: path });
  if (result.ok) await addRecent(path);
  await refreshMenu();
}

// One instance: a second launch just focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void handle.dispose());

  void app.whenReady().then(async () => {
    lockDownSession();
    win = createMainWindow(paths);
    win.on('closed', () => {
      win = null;
    });
    registerIpc(() => win, handle, paths.indexHtml, () => void refreshMenu());
    await refreshMenu();
    const fileArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => /\.(wasm|wseq)$/.test(a));
    if (fileArg) await openPath(fileArg);
  });
}
