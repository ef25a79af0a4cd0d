// Sorts files dropped on the window (or picked together): a memory image (coredump, .msnap,
// .bin) with the module beside it that names its frames, or a module with its sequence and, for
// a minified Emscripten module, the JavaScript glue that knows its names. A coredump is itself a
// `.wasm`, so it is told apart by its conventional name (`memscope run --coredump` writes `….core.wasm`).

const IMAGE = /\.(msnap|bin|core|core\.wasm)$/i;
/** Emscripten's glue: x.js (or .mjs, .cjs) written with x.wasm. */
const GLUE = /\.[mc]?js$/i;

export function splitDrop<F extends { name: string }>(files: readonly F[]): { image?: F; wasm?: F; wseq?: F; glue?: F } {
  const image = files.find((f) => IMAGE.test(f.name));
  const wasm = files.find((f) => f !== image && /\.wasm$/i.test(f.name));
  const wseq = files.find((f) => /\.wseq$/i.test(f.name));
  const glue = files.find((f) => GLUE.test(f.name));
  return { ...(image ? { image } : {}), ...(wasm ? { wasm } : {}), ...(wseq ? { wseq } : {}), ...(glue ? { glue } : {}) };
}
