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

/**
 * Why files dropped (or picked) together cannot be opened as one session, or null: two modules,
 * two sequences or two images. splitDrop keeps the first of each, so the others were dropped
 * without a word (a.wasm and b.wasm opened a.wasm); the person is told which files clash instead.
 */
export function dropConflict(files: readonly { name: string }[]): string | null {
  const images = files.filter((f) => IMAGE.test(f.name));
  const kinds: [string, { name: string }[]][] = [
    ['memory images', images],
    ['modules', files.filter((f) => !images.includes(f) && /\.wasm$/i.test(f.name))],
    ['sequences', files.filter((f) => /\.wseq$/i.test(f.name))],
  ];
  const clash = kinds.find(([, list]) => list.length > 1);
  if (!clash) return null;
  const [kind, list] = clash;
  return `${list.length} ${kind} dropped together (${list.map((f) => JSON.stringify(f.name)).join(', ')}): drop one module, with at most one .wseq (or one memory image with its module).`;
}
