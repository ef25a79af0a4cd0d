// The Electron app (thin): one locked-down window, the contract over IPC, native menus and
// dialogs. All session work happens in the shared backend; the guest runs in the engine's worker.

import { app, dialog, BrowserWindow, Menu } from 'electron';
import { createBackend } from './backend/index.ts';
import type { MenuCommand } from './shared/contract.ts';
import { CHANNEL } from './electron/channels.ts';
import { addRecent, readRecent, removeRecent } from './electron/dialogs.ts';
import { registerIpc } from './electron/ipc.ts';
import { buildMenu } from './electron/menu.ts';
import { fileArgument, openPath as openAtPath } from './electron/open-path.ts';
import { createMainWindow, defaultPaths, lockDownSession } from './electron/window.ts';

const paths = defaultPaths();
const handle = createBackend({});
let win: BrowserWindow | null = null;
/** A file macOS asked the app to open before its window was made (open-file). */
let pendingFile: string | null = null;

async function refreshMenu(): Promise<void> {
  if (!win) return;
  Menu.setApplicationMenu(buildMenu(win, await readRecent(), {
    command: (name: MenuCommand) => win?.webContents.send(CHANNEL.event, 'command', { name }),
    openRecent: (path) => void openPath(path),
  }));
}

/** Opens a host path (Open Recent, or a file given on the command line); open-path.ts says every failure. */
async function openPath(path: string): Promise<void> {
  await openAtPath(path, {
    handle, addRecent, removeRecent,
    showError: (title, text) => dialog.showErrorBox(title, text),
  });
  await refreshMenu();
}

// One instance: a second launch focuses the first window, which opens the file it was given.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Its file argument is resolved in its own directory (it was dropped before).
  app.on('second-instance', (_e, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const file = fileArgument(argv, app.isPackaged, workingDirectory);
    if (file && win) void openPath(file);
  });
  // macOS hands a file opened with the app (Finder's Open With, a drop on the Dock icon) as this
  // event, not as an argument: unhandled, the file was not opened. It can come before the window
  // exists (the launch it starts), so it waits for it there.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (win) void openPath(path);
    else pendingFile = path;
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void handle.dispose());

  void app.whenReady().then(async () => {
    lockDownSession(paths.indexHtml);
    win = createMainWindow(paths);
    win.on('closed', () => {
      win = null;
    });
    registerIpc(() => win, handle, paths.indexHtml, () => void refreshMenu());
    await refreshMenu();
    // Any file named is opened or refused with its reason, never skipped for its extension.
    const file = pendingFile ?? fileArgument(process.argv, app.isPackaged, process.cwd());
    pendingFile = null;
    if (file) await openPath(file);
  });
}
