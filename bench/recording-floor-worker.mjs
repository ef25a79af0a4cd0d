// The recording-on floor's worker (bench/runtime.bench.ts): runs the string-return story with
// the WebAssembly JS API plus the least change capture can do (a memcmp per 64 KiB page against
// a shadow copy after each guest call, each differing 4 KiB block copied into the shadow and
// out), and answers each request with one message carrying every copied block of the run.
// Plain JavaScript and no Memscope code: this is what any worker-based recorder must pay.

import { parentPort, workerData } from 'node:worker_threads';

const PAGE = 65536;
const BLOCK = 4096;
const instance = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes), {});
const ex = instance.exports;
const memory = ex.memory;
ex._initialize();
let shadow = Buffer.from(new Uint8Array(memory.buffer).slice());
/** The run's copied blocks, back to back (grown by doubling, sent as one buffer per run). */
let out = Buffer.allocUnsafeSlow(1 << 20);
let used = 0;

function capture() {
  const now = Buffer.from(memory.buffer);
  if (now.length !== shadow.length) shadow = Buffer.concat([shadow, Buffer.alloc(now.length - shadow.length)]);
  for (let page = 0; page < now.length; page += PAGE) {
    if (now.compare(shadow, page, page + PAGE, page, page + PAGE) === 0) continue;
    for (let block = page; block < page + PAGE; block += BLOCK) {
      if (now.compare(shadow, block, block + BLOCK, block, block + BLOCK) === 0) continue;
      now.copy(shadow, block, block, block + BLOCK);
      if (used + BLOCK > out.length) {
        const bigger = Buffer.allocUnsafeSlow(out.length * 2);
        out.copy(bigger, 0, 0, used);
        out = bigger;
      }
      now.copy(out, used, block, block + BLOCK);
      used += BLOCK;
    }
  }
}

function story() {
  const ret = ex.malloc(8);
  capture();
  ex.ReturnString(ret);
  capture();
  const ptr = new DataView(memory.buffer).getUint32(ret, true);
  ex.free(ptr);
  capture();
  ex.free(ret);
  capture();
}

for (let i = 0; i < workerData.warmup; i++) {
  story();
  used = 0;
}

parentPort.on('message', ({ stories }) => {
  used = 0;
  for (let i = 0; i < stories; i++) story();
  const blocks = out.buffer.slice(0, used);
  parentPort.postMessage({ blocks }, [blocks]);
});
