// Sorts files dropped on the window (or picked together): a memory image (coredump, .msnap,
// .bin) with the module beside it that names its frames, or a module with its sequence and, for
// a minified Emscripten module, the JavaScript glue that knows its names. A coredump is itself a
// `.wasm`, so it is told apart by its conventional name (`memscope run --coredump` writes `….core.wasm`).

import { fileKindByName, type FileKind } from '../../src-main/shared/file-kind.ts';

type DropKind = 'image' | 'wasm' | 'wseq' | 'glue';
const DROP_KIND = { image: 'image', module: 'wasm', sequence: 'wseq', glue: 'glue' } as const satisfies Record<FileKind, DropKind>;

/** What a dropped file is by its name; a coredump (`….core.wasm`) is an image, not a module. */
function kindOf(name: string): DropKind | null {
  const kind = fileKindByName(name);
  return kind && DROP_KIND[kind];
}

export function splitDrop<F extends { name: string }>(files: readonly F[]): { image?: F; wasm?: F; wseq?: F; glue?: F } {
  const split: { image?: F; wasm?: F; wseq?: F; glue?: F } = {};
  for (const f of files) {
    const kind = kindOf(f.name);
    if (kind) split[kind] ??= f;
  }
  return split;
}

const CLASHING: [DropKind, string][] = [['image', 'memory images'], ['wasm', 'modules'], ['wseq', 'sequences']];

/**
 * Why files dropped (or picked) together cannot be opened as one session, or null: two modules,
 * two sequences or two images. splitDrop keeps the first of each, so the others were dropped
 * without a word (a.wasm and b.wasm opened a.wasm); the person is told which files clash instead.
 */
export function dropConflict(files: readonly { name: string }[], how: 'dropped' | 'picked' = 'dropped'): string | null {
  for (const [kind, words] of CLASHING) {
    const list = files.filter((f) => kindOf(f.name) === kind);
    if (list.length > 1) {
      const advice = how === 'dropped' ? 'drop one module, with at most one .wseq (or one memory image with its module)' : 'pick one module, with its .js glue if it has one';
      return `${list.length} ${words} ${how} together (${list.map((f) => JSON.stringify(f.name)).join(', ')}): ${advice}.`;
    }
  }
  return null;
}
