// Loads the built main process with the stub electron, drives it through its IPC handlers like
// the preload would, and prints one JSON object with what happened (read by main-bundle.test.ts).
import Module, { createRequire } from 'node:module';
import * as mainElectron from './electron-stub.mjs';

// The bundles are CommonJS: their require('electron') gets the main process's stub here, and
// the preload's own stub once the preload is loaded (below).
let electronStub = mainElectron;
const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  return request === 'electron' ? electronStub : originalLoad.call(this, request, ...rest);
};
await import(process.argv[2]);
const { recorded } = mainElectron;
await new Promise((r) => setTimeout(r, 100));

const win = recorded.windows[0];
const trusted = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
const request = (event, name, params) => recorded.handlers.get('memscope:request')(event, name, params);
const out = { webPreferences: win.options.webPreferences, menus: recorded.menus.at(-1).map((m) => m.label) };
out.demos = (await request(trusted, 'listDemos', {})).value.length;
out.opened = (await request(trusted, 'openDemo', { id: 'return-string' })).value.state;
// What each F10 sent on the event channel: its name, and whether it carried the state after it.
const events = () => recorded.sent.filter((s) => s.channel === 'memscope:event');
out.perStep = [];
let firstStepSent = null;
for (let i = 0; i < 4; i++) {
  const before = events().length;
  await request(trusted, 'step', {});
  firstStepSent ??= events().slice(before);
  out.perStep.push(events().slice(before).map((s) => ({ name: s.args[0], after: s.args[1]?.after !== undefined })));
}
const text = (await request(trusted, 'getSession', {})).value.bindings.text;
const read = await request(trusted, 'readMemory', { address: text.address, length: text.byteLength });
out.text = Buffer.from(read.value.bytes).toString();
// A run to the end streams its steps and then says the state once, as a `delta`; its answer,
// how many steps it ran.
out.ran = (await request(trusted, 'run', {})).value.ran;
out.ranTo = (await request(trusted, 'getSession', {})).value.state;
out.badParams = await request(trusted, 'readMemory', { address: -1, length: 4 });
out.badName = await request(trusted, 'constructor', {});
out.otherFrame = await request({ sender: win.webContents, senderFrame: { url: 'https://evil.example/' } }, 'listDemos', {});
out.otherSender = await request({ sender: {}, senderFrame: win.webContents.mainFrame }, 'listDemos', {});
out.events = [...new Set(events().map((s) => s.args[0]))].sort();
out.windowOpen = win.webContents.windowOpenHandler({ url: 'https://example.com' });
let denied = null;
const page = { requestingUrl: win.webContents.mainFrame.url };
recorded.permissionHandler(null, 'media', (allowed) => { denied = !allowed; }, page);
out.permissionDenied = denied;
// The page may write the clipboard (Export ▸ Copy), and nothing else may.
recorded.permissionHandler(null, 'clipboard-sanitized-write', (allowed) => { out.clipboardWrite = allowed; }, page);
recorded.permissionHandler(null, 'clipboard-sanitized-write', (allowed) => { out.clipboardWriteElsewhere = allowed; }, { requestingUrl: 'https://evil.example/' });
recorded.cspHook({ responseHeaders: {} }, (r) => { out.csp = r.responseHeaders['Content-Security-Policy'][0]; });

// The preload bundle (CommonJS), with its own stub of the renderer-side electron API.
const invoked = [];
const ipcHandlers = [];
const exposed = {};
const preloadElectron = {
  contextBridge: { exposeInMainWorld: (key, value) => { exposed[key] = value; } },
  ipcRenderer: {
    invoke: (channel, ...args) => { invoked.push([channel, ...args]); return Promise.resolve(null); },
    on: (channel, handler) => ipcHandlers.push({ channel, handler }), removeListener: () => {},
  },
};
electronStub = preloadElectron;
createRequire(import.meta.url)(process.argv[3]);
const bridge = exposed.memscope;
out.bridgeKeys = Object.keys(bridge).sort();
await bridge.readMemory({ address: 16, length: 4 });
await bridge.pickFile('module');
out.invoked = invoked;
// What the first F10 sent, replayed into the preload: the page's step listener gets one payload
// with the state after it (the renderer's client subscribes through exactly this `on`).
const heard = [];
const off = bridge.on('step', (payload) => heard.push(payload));
bridge.on('delta', (payload) => heard.push({ delta: payload }));
for (const sent of firstStepSent) for (const h of ipcHandlers) if (h.channel === sent.channel) h.handler({ sender: 'ipc' }, ...sent.args);
out.pageHeard = heard.map((p) => ({ keys: p.delta ? ['delta'] : ['index', 'after'].filter((k) => k in p), afterState: p.after?.state }));
out.unsubscribe = typeof off;
try { bridge.on('nope', () => {}); out.badEvent = 'accepted'; } catch { out.badEvent = 'refused'; }
console.log(JSON.stringify(out));
process.exit(0);
