// Loads the built main process with the stub electron, runs the infinite-loop demo, and while its
// guest spins closes the window as a person would (window-all-closed, then the app quits). Prints
// the run's answer and does NOT call process.exit: the process must end by itself, which it
// cannot while the guest's worker thread lives (read by main-bundle-quit.test.ts).
import Module from 'node:module';
import * as electronStub from './electron-stub.mjs';

const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  return request === 'electron' ? electronStub : originalLoad.call(this, request, ...rest);
};
await import(process.argv[2]);
const { recorded, app } = electronStub;
for (let i = 0; i < 200 && recorded.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
const win = recorded.windows[0];
const trusted = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
const request = (name, params) => recorded.handlers.get('memscope:request')(trusted, name, params);
const opened = await request('openDemo', { id: 'infinite-loop' });
// The demo's own limit (1 s) would end the loop soon anyway: 60 s, so only closing can end it.
const text = opened.value.sequence.text.replace(/^timeout \d+$/m, 'timeout 60000');
const edited = await request('setSequence', { name: 'infinite-loop.wseq', text });
const running = request('run', {});
let settled = false;
void running.then(() => { settled = true; });
// Long enough for the run to reach the loop.
await new Promise((r) => setTimeout(r, 500));
const stuck = !settled;
win.emit('closed');
app.emit('window-all-closed');
const answer = await running;
console.log(JSON.stringify({ opened: opened.ok && edited.ok && text.includes('timeout 60000'), stuck, answer: answer.ok ? answer.value : answer.error }));
