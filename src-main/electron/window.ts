// The one BrowserWindow and its locks: sandboxed renderer with context isolation, a strict CSP
// sent as a response header, no navigation, no new windows, no permissions but writing the clipboard.
// A page that crashes or hangs is said in a box that offers a reload; one that cannot load, in a box.

import { BrowserWindow, dialog, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRELOAD_FILE, RENDERER_DIR } from '../paths.ts';
import { rendererCsp } from '../shared/csp.ts';

/** Same policy as the web shell's, minus the WebSocket (IPC needs no connect-src). */
export const ELECTRON_CSP = rendererCsp("'none'");

export interface WindowPaths {
  /** out/renderer/index.html */
  indexHtml: string;
  /** out/preload/index.cjs */
  preload: string;
}

export function defaultPaths(): WindowPaths {
  return { indexHtml: join(RENDERER_DIR, 'index.html'), preload: PRELOAD_FILE };
}

/** True when the URL is our renderer's page (a file:// URL under out/renderer). */
export function isRendererUrl(url: string, indexHtml: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && u.pathname === pathToFileURL(indexHtml).pathname;
  } catch {
    return false;
  }
}

/**
 * The one permission the page gets: writing the clipboard (`navigator.clipboard.writeText`, which
 * Electron checks as `clipboard-sanitized-write`), for our own page only. Denied like the rest,
 * Export ▸ Copy and the memory tools' copy failed every time in the desktop app. Reading the
 * clipboard, devices and everything else stay denied.
 */
export function grantsPermission(permission: string, requestingUrl: string | undefined, indexHtml: string): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isRendererUrl(requestingUrl, indexHtml);
}

/** Applied once to the default session before any window loads. */
export function lockDownSession(indexHtml: string): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [ELECTRON_CSP],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(grantsPermission(permission, details.requestingUrl, indexHtml)));
  ses.setPermissionCheckHandler((_wc, permission, _origin, details) => grantsPermission(permission, details.requestingUrl, indexHtml));
  ses.setDevicePermissionHandler(() => false);
}

function lockDownContents(contents: WebContents, indexHtml: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, indexHtml)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * A page whose process ended (crashed, killed, out of memory) left a blank window, and a page that
 * hung a frozen one, with nothing said. The session lives in this process, so a reload shows it
 * again: each box says what happened and offers it.
 */
export function watchRenderer(win: BrowserWindow): void {
  let reloading = false;
  win.webContents.on('render-process-gone', (_e, details) => {
    // clean-exit: the page's process ended normally (the window closing).
    if (win.isDestroyed() || details.reason === 'clean-exit') return;
    // Ended on purpose below, to reload a hung page: the person already chose.
    if (reloading) {
      reloading = false;
      win.webContents.reload();
      return;
    }
    // A page that died while loading never showed its window: the box needs it.
    if (!win.isVisible()) win.show();
    void dialog.showMessageBox(win, {
      type: 'error', title: 'Memscope', buttons: ['Reload', 'Quit'], defaultId: 0, cancelId: 1, noLink: true,
      message: 'The window\'s page stopped',
      detail: `Its process ended (${details.reason}, exit code ${details.exitCode}). The debugging session is kept: Reload shows it again.`,
    }).then(({ response }) => {
      if (win.isDestroyed()) return;
      if (response === 0) win.webContents.reload();
      else win.close();
    });
  });
  let hung: AbortController | null = null;
  win.on('unresponsive', () => {
    if (hung || win.isDestroyed()) return;
    const box = new AbortController();
    hung = box;
    void dialog.showMessageBox(win, {
      type: 'warning', title: 'Memscope', buttons: ['Wait', 'Reload'], defaultId: 0, cancelId: 0, noLink: true, signal: box.signal,
      message: 'The window\'s page is not responding',
      detail: 'Wait for it, or Reload the page: the debugging session is kept.',
    }).then(({ response }) => {
      hung = null;
      if (response !== 1 || win.isDestroyed()) return;
      // A hung page cannot run a reload itself: end its process, then load it anew (above).
      reloading = true;
      win.webContents.forcefullyCrashRenderer();
    });
  });
  // Responding again: the box has nothing left to ask (it closes as if Wait was chosen).
  win.on('responsive', () => hung?.abort());
  // The page itself could not load (out/renderer missing or unreadable): the window was never
  // shown and the app ran on with no window. -3 is a load superseded by another, not a failure.
  win.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === -3 || win.isDestroyed()) return;
    dialog.showErrorBox('Memscope cannot start', `cannot load the window's page ${url}: ${description} (${code})`);
    win.close();
  });
}

/**
 * The page asks before it is left with edits it would lose (App.svelte's beforeunload: closing the
 * window quits the app, and the session with it). Electron shows no question of its own: it
 * cancelled the close or reload without a word, so the window could not be closed. This asks.
 */
export function askBeforeLosingEdits(win: BrowserWindow): void {
  win.webContents.on('will-prevent-unload', (event) => {
    const response = dialog.showMessageBoxSync(win, {
      type: 'question', title: 'Memscope', buttons: ['Discard edits', 'Keep editing'], defaultId: 1, cancelId: 1, noLink: true,
      message: 'Discard unsaved edits?',
      detail: 'The sequence in the editor has edits that are not saved: Keep editing keeps them (then Ctrl+S saves them).',
    });
    // preventDefault here overrides the page's: the window closes or reloads.
    if (response === 0) event.preventDefault();
  });
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Memscope',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  lockDownContents(win.webContents, paths.indexHtml);
  watchRenderer(win);
  askBeforeLosingEdits(win);
  win.once('ready-to-show', () => win.show());
  // A failed load is said by did-fail-load (watchRenderer); the rejection would only be logged.
  win.loadFile(paths.indexHtml).catch(() => undefined);
  return win;
}
