// Peer for `memscope run` of the wasi-cat demo: node:wasi running the same module with the
// same argument and preopen, then the same reads of its buffer.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const dir = new URL('../../resources/examples/wasi-cat/', import.meta.url);
const wasi = new WASI({ version: 'preview1', args: ['wasi-cat.wasm', '/data/test.txt'], preopens: { '/data': new URL('fixtures', dir).pathname }, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(readFileSync(new URL('wasi-cat.wasm', dir)), wasi.getImportObject());
wasi.start(instance);
const ex = instance.exports;
const text = new TextDecoder().decode(new Uint8Array(ex.memory.buffer, ex.cat_buffer(), ex.cat_total()));
if (ex.cat_total() !== 91) throw new Error(`unexpected total ${ex.cat_total()}`);
console.log(JSON.stringify(text));
