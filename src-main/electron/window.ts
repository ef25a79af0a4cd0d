// The one BrowserWindow and its locks: sandboxed renderer with context isolation, a strict CSP
// sent as a response header, no navigation, no new windows, no permissions but writing the clipboard.

import { BrowserWindow, session, type WebContents } from 'electron';
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
  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.indexHtml);
  return win;
}
