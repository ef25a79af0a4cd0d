// The sandboxed preload (emitted as CommonJS): exposes exactly the contract at window.memscope —
// one function per request, pickFile, saveFile and on. ipcRenderer itself never reaches the page.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ELECTRON_BRIDGE_KEY, EVENT_NAMES, REQUEST_NAMES, type Backend, type ElectronBridge, type EventName,
} from './shared/contract.ts';
import { CHANNEL } from './electron/channels.ts';

const requests = Object.fromEntries(
  REQUEST_NAMES.map((name) => [name, (params: unknown) => ipcRenderer.invoke(CHANNEL.request, name, params)]),
) as Backend;

const bridge: ElectronBridge = {
  ...requests,
  pickFile: (kind) => ipcRenderer.invoke(CHANNEL.pickFile, kind),
  saveFile: (file) => ipcRenderer.invoke(CHANNEL.saveFile, file),
  on: (event, listener) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof listener !== 'function') {
      throw new TypeError(`unknown event ${String(event)}`);
    }
    // The page only ever sees the payload, never the IpcRendererEvent (which carries `sender`).
    const handler = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
      if (name === event) listener(payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(CHANNEL.event, handler);
    return () => {
      ipcRenderer.removeListener(CHANNEL.event, handler);
    };
  },
};

contextBridge.exposeInMainWorld(ELECTRON_BRIDGE_KEY, bridge);
