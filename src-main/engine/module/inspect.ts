// Public entry points of the module reader: bytes or a file in, ModuleInfo or an error value
// out. Nothing here throws: malformed input, unreadable files and our own bugs all come back
// as MemscopeError values.

import { MAX_MODULE_FILE_BYTES, readFailureText, readRegularFile } from '../read-regular-file.ts';
import type { MemscopeError, ModuleInfo, Result } from '../../shared/dto.ts';
import { basename } from 'node:path';
import type { RawModule } from './model.ts';
import { toModuleInfo } from './module-info.ts';
import { renameFromGlue, type GlueNames } from './emscripten-glue.ts';
import { glueNamesBeside } from './glue-file.ts';
import { ReadError } from './reader.ts';
import { parseModule } from './sections/module-sections.ts';
import { compareWithV8, compileWithV8, v8Rejection } from './v8-check.ts';

export interface InspectOptions {
  /** Also validate with V8 and compare imports/exports (default true). */
  crossCheck?: boolean;
  /** A minified Emscripten module's real names, from its JS glue (emscripten-glue.ts). */
  glue?: GlueNames;
}

/** Reads the module with our reader only: the raw model, or a malformed-module (or unsupported) error. */
export function readModule(bytes: Uint8Array): Result<RawModule> {
  try {
    return { ok: true, value: parseModule(bytes) };
  } catch (e) {
    if (e instanceof ReadError) return { ok: false, error: readErrorToValue(e) };
    return { ok: false, error: internal(`module reader crashed: ${e instanceof Error ? e.message : String(e)}`) };
  }
}

export function inspectBytes(bytes: Uint8Array, options: InspectOptions = {}): Result<ModuleInfo> {
  const ours = readModule(bytes);
  if (options.crossCheck === false) return ours.ok ? named(ours.value, options.glue) : ours;
  const v8 = compileWithV8(bytes);
  if (!ours.ok) {
    if (!v8.ok) return ours; // both reject: ours names the section
    return {
      ok: false,
      error: { ...ours.error, code: 'internal', message: `our module reader rejects a module V8 accepts (a memscope bug): ${ours.error.message}` },
    };
  }
  if (!v8.ok) return { ok: false, error: v8Rejection(v8, ours.value, bytes) };
  const difference = compareWithV8(v8.module, ours.value);
  if (difference) return { ok: false, error: internal(`our module reader disagrees with V8 (a memscope bug): ${difference}`) };
  return named(ours.value, options.glue);
}

/** The module's info, under the names its glue gives it when there is one (checked against V8 before: by its own). */
function named(m: RawModule, glue: GlueNames | undefined): Result<ModuleInfo> {
  if (!glue) return safeInfo(m);
  const renamed = renameFromGlue(m, glue);
  if (!renamed.ok) return renamed;
  const info = safeInfo(renamed.value);
  if (info.ok) info.value.namesFrom = basename(glue.file);
  return info;
}

export async function inspectFile(path: string, options: InspectOptions = {}): Promise<Result<ModuleInfo>> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, MAX_MODULE_FILE_BYTES);
  } catch (e) {
    return { ok: false, error: fileReadError(path, e) };
  }
  // A minified Emscripten module is shown by the names its glue beside it gives (glue-file.ts).
  const names = options.glue ? null : await glueNamesBeside(path, bytes);
  if (names && !names.ok) return names;
  const result = inspectBytes(bytes, names ? { ...options, glue: names.value } : options);
  if (!result.ok) result.error.where = { file: path, ...result.error.where };
  return result;
}


/** An unreadable file as an `io` error value; `where.file` names the path. */
export function fileReadError(path: string, e: unknown): MemscopeError {
  return { code: 'io', message: `cannot read: ${readFailureText(e)}`, where: { file: path } };
}

/** "import section: …" — the message names the section, `where` carries it and the offset. */
export function readErrorToValue(e: ReadError): MemscopeError {
  const section = e.section ?? 'module';
  const prefix = section === 'header' ? 'header: ' : section.startsWith('unknown') ? '' : `${section} section: `;
  return { code: e.code, message: `${prefix}${e.message}`, where: { offset: e.offset, section } };
}

function safeInfo(m: RawModule): Result<ModuleInfo> {
  try {
    return { ok: true, value: toModuleInfo(m) };
  } catch (e) {
    return { ok: false, error: internal(`summarising the module failed: ${e instanceof Error ? e.message : String(e)}`) };
  }
}

function internal(message: string): MemscopeError {
  return { code: 'internal', message };
}
