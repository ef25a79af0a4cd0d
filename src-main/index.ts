// The Electron app (thin): one locked-down window, the contract over IPC, native menus and
// dialogs. All session work happens in the shared backend; the guest runs in the engine's worker.

import { app, dialog, BrowserWindow, Menu } from 'electron';
import { createBackend } from './backend/index.ts';
import type { MenuCommand } from './shared/contract.ts';
import { CHANNEL } from './electron/channels.ts';
import { addRecent, readRecent, removeRecent } from './electron/dialogs.ts';
import { registerIpc } from './electron/ipc.ts';
import { buildMenu } from './electron/menu.ts';
import { fileArguments, openPaths as openAtPaths } from './electron/open-path.ts';
import { createMainWindow, defaultPaths, lockDownSession } from './electron/window.ts';

const paths = defaultPaths();
const handle = createBackend({});
let win: BrowserWindow | null = null;
/** Files asked for before the window was made (macOS's open-file, a second launch): the last ask. */
let pendingFiles: string[] | null = null;

async function refreshMenu(): Promise<void> {
  if (!win) return;
  Menu.setApplicationMenu(buildMenu(win, await readRecent(), {
    command: (name: MenuCommand) => win?.webContents.send(CHANNEL.event, 'command', { name }),
    openRecent: (path) => void openPaths([path]),
  }));
}

let opening: Promise<void> = Promise.resolve();
/**
 * Opens host paths (Open Recent, or the files given on a command line); open-path.ts says every
 * failure. One at a time, in the order asked: an image is read before it reaches the backend, so
 * a file asked for next (a second launch's) could open first and then be replaced by it.
 */
function openPaths(paths: string[]): Promise<void> {
  const opened = opening.then(async () => {
    await openAtPaths(paths, {
      handle, addRecent, removeRecent,
      showError: (title, text) => dialog.showErrorBox(title, text),
    });
    await refreshMenu();
  });
  opening = opened.catch(() => undefined);
  return opened;
}

// One instance: a second launch focuses the first window, which opens the file it was given.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Its file argument is resolved in its own directory (it was dropped before). A second launch
  // while the first is still starting (no window yet) waits for the window, as open-file does:
  // it was dropped in silence.
  app.on('second-instance', (_e, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const files = fileArguments(argv, app.isPackaged, workingDirectory);
    if (files.length === 0) return;
    if (win) void openPaths(files);
    else pendingFiles = files;
  });
  // macOS hands a file opened with the app (Finder's Open With, a drop on the Dock icon) as this
  // event, not as an argument: unhandled, the file was not opened. It can come before the window
  // exists (the launch it starts), so it waits for it there.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (win) void openPaths([path]);
    // Files opened together in Finder come one event each: a module with its sequence opens as a pair.
    else (pendingFiles ??= []).push(path);
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
    // Any file named is opened or refused with its reason, never skipped for its extension. Asked
    // for before the menu is awaited, so a second launch's file, which can come meanwhile, opens after it.
    const files = pendingFiles ?? fileArguments(process.argv, app.isPackaged, process.cwd());
    pendingFiles = null;
    if (files.length > 0) void openPaths(files);
    await refreshMenu();
  });
}
