// The floor of the fixed stack under `memscope run` of the wasi-cat demo, with none of
// Memscope's code: Node, one worker thread for the guest, and preview2-shim reading the same
// file in it (which starts the shim's own IO thread). No WebAssembly at all: what any
// Memscope-shaped host pays before running a guest, against node:wasi's single thread.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const worker = new Worker(`
  const { parentPort, workerData } = require('node:worker_threads');
  const { createFilesystem } = require(workerData.shim);
  const [[root]] = createFilesystem({ preopens: { '/data': workerData.dir } }).preopens.getDirectories();
  const file = root.openAt({ symlinkFollow: false }, 'test.txt', {}, { read: true });
  const [bytes] = file.read(4096n, 0n);
  parentPort.postMessage(new TextDecoder().decode(bytes));
`, {
  eval: true,
  workerData: {
    shim: createRequire(import.meta.url).resolve('@bytecodealliance/preview2-shim/filesystem'),
    dir: new URL('../../resources/examples/wasi-cat/fixtures', import.meta.url).pathname,
  },
});
worker.once('message', (text) => {
  if (text.length !== 91) throw new Error(`unexpected ${JSON.stringify(text)}`);
  console.log(JSON.stringify(text));
  void worker.terminate();
});
