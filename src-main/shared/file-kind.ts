// What a file is by its name, for every place that opens files it is handed by name (a drop on
// the page, Open Recent and the command line of the desktop app), so each takes the same files
// as the same kind. A coredump is itself a `.wasm`: by name it is one when named as
// `memscope run --coredump` names it (`….core.wasm`); the desktop app, which can read the
// bytes, also tells one by its contents.

export type FileKind = 'image' | 'module' | 'sequence' | 'glue';

const IMAGE = /\.(msnap|bin|core|core\.wasm)$/i;

/** The kind of file a name says, or null for a name Memscope opens nothing as. */
export function fileKindByName(name: string): FileKind | null {
  if (IMAGE.test(name)) return 'image';
  if (/\.wasm$/i.test(name)) return 'module';
  // .txt too: the Open Sequence dialog offers it.
  if (/\.(wseq|txt)$/i.test(name)) return 'sequence';
  // Emscripten's glue: x.js (or .mjs, .cjs) written with x.wasm.
  return /\.[mc]?js$/i.test(name) ? 'glue' : null;
}
