// Launches the built main process with the stub electron and one file on the command line
// (`electron . FILE`, macOS's open-file event, or a second launch's), waits for it to settle, and prints one JSON object: the error boxes shown,
// the session the backend then holds, and the Open Recent list (read by main-bundle-open.test.ts).
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as electronStub from './electron-stub.mjs';

const [bundle, file] = process.argv.slice(2);
const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  return request === 'electron' ? electronStub : originalLoad.call(this, request, ...rest);
};
// STUB_OPEN_FILE: the file comes as macOS hands it, an open-file event before the app is ready.
// STUB_SECOND_INSTANCE: a second launch, given the file by a name relative to its own directory
// (with a switch Chromium adds), hands it over before the app is ready.
const early = process.env.STUB_OPEN_FILE || process.env.STUB_SECOND_INSTANCE;
process.argv = early ? [process.execPath, '.'] : [process.execPath, '.', file];
await import(bundle);
if (process.env.STUB_OPEN_FILE) electronStub.app.emit('open-file', { preventDefault() {} }, file);
if (process.env.STUB_SECOND_INSTANCE) {
  electronStub.app.emit('second-instance', {}, [process.execPath, '--allow-file-access-from-files', '.', basename(file)], dirname(file));
}
const { recorded } = electronStub;
for (let i = 0; i < 200 && recorded.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
const win = recorded.windows[0];
const trusted = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
const request = (name, params) => recorded.handlers.get('memscope:request')(trusted, name, params);
// The open runs after whenReady; poll until it has said something or a session is open.
let session = null;
for (let i = 0; i < 200 && recorded.errorBoxes.length === 0 && !session; i++) {
  await new Promise((r) => setTimeout(r, 25));
  session = (await request('getSession', {})).value;
}
// Open Recent is written after the session opens: wait for it (up to 2 s) once something opened.
let recent = [];
for (let i = 0; i < (session ? 80 : 1) && recent.length === 0; i++) {
  if (i > 0) await new Promise((r) => setTimeout(r, 25));
  try {
    recent = JSON.parse(readFileSync(join(process.env.STUB_USER_DATA, 'recent.json'), 'utf8'));
  } catch {
    // none written yet
  }
}
console.log(JSON.stringify({ errorBoxes: recorded.errorBoxes, image: !!session?.image, module: session?.moduleName ?? null, recent }));
process.exit(0);
