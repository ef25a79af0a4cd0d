// `memscope inspect FILE_OR_DIR... [--json] [--sequence F]`: inspects every module in argument order (a
// directory expands to its *.wasm files, sorted, recursively; `-` is standard input), printing
// each result as soon as it is known. Files are read a few ahead of the one being inspected so
// disk and CPU overlap.

import { stat } from 'node:fs/promises';
import type { MemscopeError, ModuleInfo, Result } from '../shared/dto.ts';
import {
  fileReadError, findWasmFiles, formatSourceError, glueNamesBeside, importBindingsOf, inspectBytes, MAX_MODULE_FILE_BYTES,
  MAX_SEQUENCE_FILE_BYTES, parseSequence, planModuleImports, readFailureText, readRegularFile, type GlueNames,
  unknownBuiltinErrors,
} from '../engine/index.ts';
import { INSPECT_USAGE, parseInspectArgs } from './inspect-args.ts';
import { refuseCommandLine, writeRefusal } from './refusal.ts';
import { formatFileError, formatSummary } from './inspect-format.ts';
import { errorRecord, okRecord } from './inspect-json.ts';
import { StreamingOutput } from './inspect-output.ts';
import { readStdin, STDIN_PATH } from './inspect-stdin.ts';
import { sequenceText } from '../shared/sequence-text.ts';
import { notAModule } from '../shared/file-kind.ts';
import { hasWasmMagic } from '../shared/wasm-magic.ts';

const READ_AHEAD = 16;
const READ_AHEAD_BYTES = 64 * 1024 * 1024;

/** A file to inspect, or a directory given that holds none (reported as an error in its place). */
interface Target {
  file: string;
  emptyDirectory?: true;
}

interface Loaded {
  file: string;
  bytes: Uint8Array | null;
  error?: MemscopeError;
  glue?: GlueNames;
  /** The error is another kind of file given as a module: its message names the file already. */
  wrongKind?: true;
}

export default async function inspect(argv: string[]): Promise<number> {
  const args = parseInspectArgs(argv);
  if (typeof args === 'string') return refuseCommandLine('inspect', argv, args, INSPECT_USAGE);
  if (args.help) {
    process.stdout.write(`${INSPECT_USAGE}\n`);
    return 0;
  }
  const bindings = args.sequence === undefined ? {} : await sequenceBindings(args.sequence);
  if (Array.isArray(bindings)) {
    writeRefusal({ ok: false, messages: bindings.map((e) => e.text), errors: bindings.map((e) => e.error) }, args.json);
    return 2;
  }
  const out = new StreamingOutput(process.stdout);
  const err = new StreamingOutput(process.stderr);
  let failed = 0;
  let first = true;
  for await (const { file, bytes, error, glue, wrongKind } of readAhead(targets(args.paths), READ_AHEAD)) {
    const read: Result<ModuleInfo> = bytes && !error ? inspectBytes(bytes, glue ? { glue } : {}) : { ok: false, error: error! };
    // Bindings come from the planner a session uses, so inspect and the runtime agree.
    const result = read.ok ? planModuleImports(read.value, bindings) : read;
    if (!result.ok) failed++;
    if (args.json) {
      await out.line(result.ok ? okRecord(file, result.value) : errorRecord(file, result.error, bytes?.length ?? null));
    } else if (result.ok) {
      await out.line(`${first ? '' : '\n'}${formatSummary(file, result.value)}`);
      first = false;
    } else {
      await err.line(wrongKind ? result.error.message : formatFileError(file, result.error));
    }
    if (out.closed) break;
  }
  return failed > 0 ? 2 : 0;
}

/** What is wrong with the sequence file: the error and its text for stderr. */
interface SequenceFault {
  error: MemscopeError;
  text: string;
}

const located = (error: MemscopeError): SequenceFault => ({ error, text: formatSourceError(error) });

/** The `import` bindings of a sequence file, or what is wrong with it. */
async function sequenceBindings(file: string): Promise<Record<string, string> | SequenceFault[]> {
  let bytes: Uint8Array;
  try {
    bytes = file === STDIN_PATH ? await readStdin(MAX_SEQUENCE_FILE_BYTES) : await readRegularFile(file, MAX_SEQUENCE_FILE_BYTES);
  } catch (e) {
    const message = `cannot read sequence ${file}: ${readFailureText(e)}`;
    return [{ error: { code: 'io', message, where: { file } }, text: `memscope inspect: ${message}` }];
  }
  const text = sequenceText(bytes, file);
  if (!text.ok) return [located(text.error)];
  const parsed = parseSequence(text.value, file);
  if (parsed.errors.length > 0) return parsed.errors.map(located);
  // Parsed but not validated, `import env.log = printf` was refused by the planner for each
  // module instead, with no line or column and said of the .wasm.
  const unknown = unknownBuiltinErrors(parsed.sequence);
  if (unknown.length > 0) return unknown.map(located);
  return importBindingsOf(parsed.sequence.directives);
}

/**
 * Argument paths in order, directories expanded; a path that cannot be read is yielded too, and
 * so is a directory with no .wasm file in it, whose load() is then its error: it was asked for
 * and nothing in it was read, which used to be a line on stderr with exit status 0 (and, with
 * --json, no record at all), as if it had been inspected.
 */
async function* targets(paths: string[]): AsyncGenerator<Target> {
  for (const path of paths) {
    if (path === STDIN_PATH) {
      yield { file: path };
      continue;
    }
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      // Not there or not readable: yield it so reading it reports the error in order.
    }
    if (!isDir) {
      yield { file: path };
      continue;
    }
    let found = 0;
    for await (const f of findWasmFiles(path)) {
      found++;
      yield { file: f };
    }
    if (found === 0) yield { file: path, emptyDirectory: true };
  }
}

/**
 * Reads up to `depth` files ahead while yielding them strictly in order. Files are sized first
 * so that big modules are not read ahead together: at most READ_AHEAD_BYTES are held at once
 * (a single larger file is still read, alone).
 */
async function* readAhead(files: AsyncIterable<Target>, depth: number): AsyncGenerator<Loaded> {
  const pending: { size: number; loaded: Promise<Loaded> }[] = [];
  const iterator = files[Symbol.asyncIterator]();
  let held = 0;
  let next: { target: Target; size: number } | null = null;
  let exhausted = false;
  for (;;) {
    while (pending.length < depth) {
      if (!next) {
        if (exhausted) break;
        const r = await iterator.next();
        if (r.done) {
          exhausted = true;
          break;
        }
        next = { target: r.value, size: r.value.emptyDirectory ? 0 : await sizeOf(r.value.file) };
      }
      if (pending.length > 0 && held + next.size > READ_AHEAD_BYTES) break;
      pending.push({ size: next.size, loaded: load(next.target) });
      held += next.size;
      next = null;
    }
    const head = pending.shift();
    if (!head) return;
    held -= head.size;
    yield await head.loaded;
  }
}

async function sizeOf(file: string): Promise<number> {
  if (file === STDIN_PATH) return 0; // not known before it is read
  try {
    return (await stat(file)).size;
  } catch {
    return 0; // reading it will report why
  }
}

async function load({ file, emptyDirectory }: Target): Promise<Loaded> {
  if (emptyDirectory) return { file, bytes: null, error: { code: 'io', message: 'no .wasm files in this directory', where: { file } } };
  let bytes: Uint8Array;
  try {
    if (file === STDIN_PATH) return { file, bytes: await readStdin(MAX_MODULE_FILE_BYTES) }; // no folder to find glue in
    bytes = await readRegularFile(file, MAX_MODULE_FILE_BYTES);
  } catch (e) {
    return { file, bytes: null, error: fileReadError(file, e) };
  }
  // Another kind of file (a snapshot, a .bin, a sequence, glue) was "malformed module: header:
  // bad magic number". A coredump is a module and is inspected: its kind line says what it is.
  const wrong = hasWasmMagic(bytes) ? null : notAModule(file, bytes, false);
  if (wrong) return { file, bytes, error: { code: 'usage', message: wrong, where: { file } }, wrongKind: true };
  // A minified Emscripten module is shown by the names of the glue beside it (its real names).
  const names = await glueNamesBeside(file, bytes);
  if (names && !names.ok) return { file, bytes, error: names.error };
  return { file, bytes, ...(names ? { glue: names.value } : {}) };
}
