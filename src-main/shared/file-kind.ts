// What a file is by its name, for every place that opens files it is handed by name (a drop on
// the page, Open Recent and the command line of the desktop app), so each takes the same files
// as the same kind. A coredump is itself a `.wasm`: by name it is one when named as
// `memscope run --coredump` names it (`….core.wasm`); the desktop app, which can read the
// bytes, also tells one by its contents.

import { hasSnapshotMagic, hasWasmMagic } from './wasm-magic.ts';

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

/** A memory image told by its contents when its name does not say (`x.wasm` holding a coredump). */
export type ImageByContents = 'coredump' | 'snapshot';

const IMAGE_BY_CONTENTS: Record<ImageByContents, string> = { coredump: 'a Wasm coredump', snapshot: 'a Memscope snapshot' };

/**
 * Why a file given where a module or a call sequence goes is another kind of file, said in one
 * wording by every command that takes one: what it is, how that is known (its name, or its
 * contents when the caller has read them) and what reads it. Each used to fail on its own in the
 * wrong kind's words: a snapshot as "bad magic number" or "not UTF-8 at byte 8", a sequence as
 * "no `module` line" when it was a module, a coredump given to `new` as a module with a starter.
 * Null when nothing says the file is not what is wanted.
 */
export function wrongKindText(file: string, wanted: 'module' | 'sequence', contents?: ImageByContents | null): string | null {
  const not = wanted === 'module' ? 'a module' : 'a call sequence';
  if (contents) return `${file} is a memory image (${IMAGE_BY_CONTENTS[contents]}, by its contents), not ${not}: \`memscope snapshot ${file}\` reads it`;
  const kind = fileKindByName(file);
  if (kind === null || kind === wanted) return null;
  switch (kind) {
    case 'image': return `${file} is a memory image (a snapshot, coredump or raw dump, by its name), not ${not}: \`memscope snapshot ${file}\` reads it`;
    case 'sequence': return `${file} is a call sequence (by its name), not a module: \`memscope run ${file}\` reads it`;
    case 'module': return `${file} is a module (by its name), not a call sequence: give it as the module, and \`memscope new ${file}\` prints a sequence for it`;
    case 'glue': return `${file} is Emscripten's JavaScript glue (by its name), not ${not}: Memscope reads it from beside the module it was written with`;
  }
}

/**
 * wrongKindText for the bytes of a file read as a call sequence (`coredump`: the engine's
 * looksLikeCoredump of them): by its name, then by its contents. A module, told by its magic, is
 * left to the parser, whose words say what to do with one (sequence/parse.ts), as `memscope run`
 * leaves it.
 */
export function notASequence(file: string, bytes: Uint8Array, coredump: boolean): string | null {
  const kind = fileKindByName(file);
  if (kind === 'image' || kind === 'glue') return wrongKindText(file, 'sequence');
  const contents = imageByContents(bytes, coredump);
  if (contents) return wrongKindText(file, 'sequence', contents);
  return hasWasmMagic(bytes) ? null : wrongKindText(file, 'sequence');
}

/** wrongKindText for the bytes of a file read as a module, by its name and then its contents. */
export function notAModule(file: string, bytes: Uint8Array, coredump: boolean): string | null {
  return wrongKindText(file, 'module') ?? wrongKindText(file, 'module', imageByContents(bytes, coredump));
}

function imageByContents(bytes: Uint8Array, coredump: boolean): ImageByContents | null {
  return coredump ? 'coredump' : hasSnapshotMagic(bytes) ? 'snapshot' : null;
}
