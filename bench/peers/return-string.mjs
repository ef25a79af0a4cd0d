// Peer for `memscope run` of the return-string demo: the same ten steps as a plain Node script
// on the WebAssembly JS API (read the module, instantiate, _initialize, the story, print).
import { readFileSync } from 'node:fs';

const bytes = readFileSync(new URL('../../resources/examples/return-string/return-string.wasm', import.meta.url));
const { instance } = await WebAssembly.instantiate(bytes, {});
const ex = instance.exports;
ex._initialize?.();
const ret = ex.malloc(8);
ex.ReturnString(ret);
const dv = new DataView(ex.memory.buffer);
const ptr = dv.getUint32(ret, true);
const len = dv.getUint32(ret + 4, true);
const text = new TextDecoder().decode(new Uint8Array(ex.memory.buffer, ptr, len));
ex.free(ptr);
ex.free(ret);
if (text !== 'hello from C' || len !== 12) throw new Error(`unexpected ${text} ${len}`);
console.log(`ret = ${ret}\ntext = ${JSON.stringify(text)}\nlen = ${len}`);
