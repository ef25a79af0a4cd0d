// Reads a module and/or sequence from host paths (CLI arguments, Open Recent). With only a
// sequence, its `module "…"` directive names the module, relative to the sequence's directory.

import { basename, dirname, resolve } from 'node:path';
import type { Result } from '../shared/dto.ts';
import {
  glueBeside, MAX_SEQUENCE_FILE_BYTES, modulePath, parseSequence, readFailureText, readRegularFile, unreadableModule,
} from '../engine/index.ts';
import type { Directive } from '../engine/index.ts';
import { MAX_MODULE_BYTES, MAX_SEQUENCE_CHARS } from './validate.ts';
import { sequenceText } from '../shared/sequence-text.ts';

export interface OpenFiles {
  moduleBytes: Uint8Array;
  moduleName: string;
  sequence?: { name: string; text: string; baseDir: string };
  /** A minified Emscripten module's JS glue, found beside it (glueBeside). */
  glue?: { file: string; text: string };
}

function ioError(path: string, error: unknown): Result<never> {
  return { ok: false, error: { code: 'io', message: `cannot read ${path}: ${readFailureText(error)}` } };
}

export async function readOpenFiles(paths: { module?: string; sequence?: string }): Promise<Result<OpenFiles>> {
  let sequence: OpenFiles['sequence'];
  if (paths.sequence) {
    const file = resolve(paths.sequence);
    try {
      const read = await readSequenceFile(file, paths.sequence);
      if (!read.ok) return read;
      sequence = read.value;
    } catch (error) {
      return ioError(paths.sequence, error);
    }
  }
  let moduleFile = paths.module ? resolve(paths.module) : undefined;
  // The sequence's directives, when its module line names the module (an unreadable one is said at that line).
  let named: { directives: Directive[]; file: string } | undefined;
  if (!moduleFile && sequence) {
    const { directives } = parseSequence(sequence.text, sequence.name).sequence;
    moduleFile = modulePath(directives, sequence.baseDir);
    if (!moduleFile) return { ok: false, error: { code: 'usage', message: `${paths.sequence} has no \`module "…"\` line; give the module too` } };
    named = { directives, file: sequence.name };
  }
  if (!moduleFile) return { ok: false, error: { code: 'usage', message: 'give a module, a sequence, or both' } };
  try {
    const read = await readModuleFile(moduleFile);
    return read.ok ? { ok: true, value: { ...read.value, ...(sequence ? { sequence } : {}) } } : read;
  } catch (error) {
    return { ok: false, error: unreadableModule(moduleFile, readFailureText(error), named) };
  }
}

/**
 * A sequence file as the page takes one: UTF-8, at most MAX_SEQUENCE_CHARS (`shown`: how errors
 * name it). Throws what reading throws. Also read when `memscope serve` sees it change on disk.
 */
export async function readSequenceFile(file: string, shown: string): Promise<Result<NonNullable<OpenFiles['sequence']>>> {
  const decoded = sequenceText(await readRegularFile(file, MAX_SEQUENCE_FILE_BYTES), shown);
  if (!decoded.ok) return decoded;
  const text = decoded.value;
  if (text.length > MAX_SEQUENCE_CHARS) return { ok: false, error: { code: 'usage', message: `${shown} is larger than ${MAX_SEQUENCE_CHARS} characters` } };
  return { ok: true, value: { name: basename(file), text, baseDir: dirname(file) } };
}

/** A module file as the page takes one, at most MAX_MODULE_BYTES, with its Emscripten glue beside it. Throws what reading throws. */
export async function readModuleFile(file: string): Promise<Result<Omit<OpenFiles, 'sequence'>>> {
  const bytes = await readRegularFile(file, MAX_MODULE_BYTES);
  if (bytes.length > MAX_MODULE_BYTES) return { ok: false, error: { code: 'usage', message: `${file} is larger than ${MAX_MODULE_BYTES >> 20} MiB` } };
  const glue = await glueBeside(file, bytes);
  return { ok: true, value: { moduleBytes: new Uint8Array(bytes), moduleName: basename(file), ...(glue ? { glue } : {}) } };
}
