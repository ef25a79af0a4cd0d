// Finds the JavaScript glue Emscripten wrote beside a minified module: `emcc -O3 x.c -o x.js`
// (or x.mjs, or x.html with x.js) writes x.wasm next to it, and only the glue knows the real
// names of the module's minified imports and exports (emscripten-glue.ts). Read only for a
// module whose imports are minified: any other opens as it did, after a stat or three.

import { statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { MAX_SEQUENCE_FILE_BYTES, readRegularFile } from '../read-regular-file.ts';
import { parseModule } from './sections/module-sections.ts';
import { hasMinifiedImports } from './toolchain.ts';
import { readGlueNames, type GlueNames } from './emscripten-glue.ts';
import type { Result } from '../../shared/dto.ts';

/** Emscripten's glue names, tried in this order beside `x.wasm`. */
const GLUE_EXTENSIONS = ['.js', '.mjs', '.cjs'];

/** Glue files are JavaScript of tens to hundreds of KiB; a sequence file's cap is ample. */
const MAX_GLUE_FILE_BYTES = MAX_SEQUENCE_FILE_BYTES;

/** The glue beside the module at `modulePath` (`file` is its path), or null: no glue there, or no minified imports. */
export async function glueBeside(modulePath: string, bytes: Uint8Array): Promise<{ file: string; text: string } | null> {
  const stem = join(dirname(modulePath), basename(modulePath, extname(modulePath)));
  for (const extension of GLUE_EXTENSIONS) {
    const file = `${stem}${extension}`;
    if (!isFile(file)) continue;
    if (!minified(bytes)) return null;
    // Unreadable or too large: opened without it, and the call that needs a name says why.
    try {
      return { file, text: new TextDecoder().decode(await readRegularFile(file, MAX_GLUE_FILE_BYTES)) };
    } catch {
      return null;
    }
  }
  return null;
}

/** The names the glue beside the module gives (glueBeside, then readGlueNames): null when there is none to read. */
export async function glueNamesBeside(modulePath: string, bytes: Uint8Array): Promise<Result<GlueNames> | null> {
  const glue = await glueBeside(modulePath, bytes);
  return glue ? readGlueNames(glue.text, glue.file) : null;
}

function minified(bytes: Uint8Array): boolean {
  try {
    return hasMinifiedImports(parseModule(bytes).imports);
  } catch {
    return false; // malformed: opening it says where
  }
}

/** Synchronous: one stat at open, and node:fs/promises stays unloaded for a CLI run (cli/run-start-up.test.ts). */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
