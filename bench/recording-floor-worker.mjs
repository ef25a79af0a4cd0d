// The recording-on floor's worker (bench/runtime.bench.ts): runs the string-return story with
// the WebAssembly JS API plus the least change capture can do after each guest call
// (memcmp-capture.mjs), and answers each request with one message carrying every copied block
// of the run. Plain JavaScript and no Memscope code: this is what any worker-based recorder must pay.

import { parentPort, workerData } from 'node:worker_threads';
import { MemcmpCapture } from './memcmp-capture.mjs';

const instance = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes), {});
const ex = instance.exports;
const memory = ex.memory;
ex._initialize();
const changes = new MemcmpCapture(memory);

function story() {
  const ret = ex.malloc(8);
  changes.capture();
  ex.ReturnString(ret);
  changes.capture();
  const ptr = new DataView(memory.buffer).getUint32(ret, true);
  ex.free(ptr);
  changes.capture();
  ex.free(ret);
  changes.capture();
}

for (let i = 0; i < workerData.warmup; i++) {
  story();
  changes.drop();
}

parentPort.on('message', ({ stories }) => {
  changes.drop();
  for (let i = 0; i < stories; i++) story();
  const blocks = changes.take();
  parentPort.postMessage({ blocks }, [blocks]);
});
