// A stand-in for the `electron` module, so the built main process (out/main/index.cjs) can run
// under plain Node in tests: records windows, IPC handlers, menus and sent events.
import { EventEmitter } from 'node:events';

export const recorded = { windows: [], handlers: new Map(), sent: [], menus: [], cspHook: false, permissionHandler: null, errorBoxes: [] };

class StubWebContents extends EventEmitter {
  mainFrame = { url: '' };
  windowOpenHandler = null;
  setWindowOpenHandler(fn) { this.windowOpenHandler = fn; }
  send(channel, ...args) { recorded.sent.push({ channel, args }); }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new StubWebContents();
    recorded.windows.push(this);
  }
  loadFile(file) { this.webContents.mainFrame.url = new URL(`file://${file}`).href; return Promise.resolve(); }
  isDestroyed() { return false; }
  isMinimized() { return false; }
  isVisible() { return true; }
  show() {}
  static getAllWindows() { return recorded.windows; }
}

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => recorded.menus.push(menu.template),
};

class StubApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock() { return true; }
  // Later when a file comes before the window (open-arg.mjs): macOS's open-file event, as at a
  // launch by Finder, or a second launch while this one starts.
  whenReady() { return process.env.STUB_OPEN_FILE || process.env.STUB_SECOND_INSTANCE ? new Promise((r) => setTimeout(r, 20)) : Promise.resolve(); }
  getPath() { return process.env.STUB_USER_DATA ?? '/tmp'; }
  getVersion() { return '0.0.0'; }
  // As Electron's: will-quit, then the process ends once nothing keeps it alive (quit-stuck.mjs).
  quit() { this.emit('before-quit', { preventDefault() {} }); this.emit('will-quit', { preventDefault() {} }); }
}
export const app = new StubApp();
export const dialog = { showErrorBox: (title, text) => recorded.errorBoxes.push([title, text]) };
export const ipcMain = {
  handle: (channel, fn) => recorded.handlers.set(channel, fn),
  removeHandler: (channel) => recorded.handlers.delete(channel),
};
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (fn) => { recorded.cspHook = fn; } },
    setPermissionRequestHandler: (fn) => { recorded.permissionHandler = fn; },
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
  },
};
export default { BrowserWindow, Menu, app, dialog, ipcMain, session };
