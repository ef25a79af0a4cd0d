// `memscope export-host SEQUENCE.wseq --lang js|rust|go [--module FILE] [--out FILE]`: writes
// the host program that does what the sequence does, for the user's own host.

import { dirname, resolve } from 'node:path';
import { formatSourceError, looksLikeCoredump, MAX_MODULE_FILE_BYTES, MAX_SEQUENCE_FILE_BYTES, modulePath, parseSequence, readFailureText, readRegularFile, unreadableModule } from '../engine/index.ts';
import { exportHost, HOST_LANGUAGES, type HostLanguage } from '../export-host/index.ts';
import { writeWhole } from '../write-whole.ts';
import { targetProblem } from './output-targets.ts';
import { scanArgs } from './option-args.ts';
import { sequenceText } from '../shared/sequence-text.ts';
import { notAModule, notASequence } from '../shared/file-kind.ts';

export const EXPORT_HOST_USAGE = `usage: memscope export-host SEQUENCE.wseq --lang js|rust|go [--module FILE] [--out FILE]
                            [--deterministic]

Writes a host program that does exactly what the sequence does: the same calls, reads, writes
and checks, through the runtime's own API.
  --lang js        Node: the WebAssembly JS API and node:wasi; runs as it is. Prints each binding
                   and, last, one JSON object of the final bindings (as memscope run --json)
  --lang rust      wasmtime (Memory::read/write, typed funcs); see the README for versions
  --lang go        wazero (api.Memory Read/ReadUint32Le, malloc/free exports)
  --module FILE    the .wasm (default: the sequence's "module" directive)
  --out FILE       write here (paths inside are relative to it); default: stdout, with paths
                   relative to the sequence's folder
  --deterministic  JS: fixed clocks and seeded random, as memscope run --deterministic
Exit status: 0 written; 2 usage, unreadable or invalid input.`;

interface Args { sequence: string; lang: HostLanguage; module?: string; out?: string; deterministic: boolean }

function parseArgs(argv: string[]): Args | string | 'help' {
  // Read by the rules every command shares (option-args.ts): `--lang=js` was an unknown option
  // and `--lang go --lang rust` wrote Rust without a word; now the first works and the second
  // is refused, as a second --module or --out.
  const scanned = scanArgs(argv, { values: { '--lang': 'a language', '--module': 'a file', '--out': 'a file' }, flags: ['--deterministic', '--help', '-h'] });
  if (typeof scanned === 'string') return scanned;
  const { values, flags, positional } = scanned;
  if (flags.has('--help') || flags.has('-h')) return 'help';
  if (positional.length !== 1) return positional.length === 0 ? 'no sequence file given' : 'one sequence file at a time';
  const lang = values.get('--lang');
  if (!lang || !(HOST_LANGUAGES as readonly string[]).includes(lang)) return `--lang must be one of ${HOST_LANGUAGES.join(', ')}${lang ? `, not "${lang}"` : ''}`;
  const args: Args = { sequence: positional[0]!, lang: lang as HostLanguage, deterministic: flags.has('--deterministic') };
  const module = values.get('--module');
  if (module !== undefined) args.module = module;
  const out = values.get('--out');
  if (out !== undefined) args.out = out;
  return args;
}

async function read(file: string, limit: number): Promise<Uint8Array | string> {
  try {
    return await readRegularFile(file, limit);
  } catch (e) {
    return `cannot read ${file}: ${readFailureText(e)}`;
  }
}

export default async function exportHostCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') { process.stdout.write(`${EXPORT_HOST_USAGE}\n`); return 0; }
  if (typeof args === 'string') { process.stderr.write(`memscope export-host: ${args}\n\n${EXPORT_HOST_USAGE}\n`); return 2; }
  const seqFile = resolve(args.sequence);
  const seqBytes = await read(seqFile, MAX_SEQUENCE_FILE_BYTES);
  if (typeof seqBytes === 'string') { process.stderr.write(`memscope export-host: ${seqBytes}\n`); return 2; }
  // Another kind of file where the sequence goes was parsed as one: a snapshot was "not UTF-8"
  // at byte 8, a coredump "a WebAssembly module … give it as the module", glue a parse error.
  const notSequence = notASequence(args.sequence, seqBytes, looksLikeCoredump(seqBytes));
  if (notSequence) { process.stderr.write(`memscope export-host: ${notSequence}\n`); return 2; }
  const decoded = sequenceText(seqBytes, args.sequence);
  if (!decoded.ok) { process.stderr.write(`${formatSourceError(decoded.error)}\n`); return 2; }
  const parsed = parseSequence(decoded.value, args.sequence);
  // Said as `memscope run` says them, before anything that needs the sequence (its module line).
  if (parsed.errors.length > 0) { process.stderr.write(`${parsed.errors.map(formatSourceError).join('\n')}\n`); return 2; }
  const moduleFile = args.module ? resolve(args.module) : modulePath(parsed.sequence.directives, dirname(seqFile));
  if (!moduleFile) { process.stderr.write(`memscope export-host: ${args.sequence} has no "module" directive; pass --module FILE\n`); return 2; }
  let moduleBytes: Uint8Array;
  try {
    moduleBytes = await readRegularFile(moduleFile, MAX_MODULE_FILE_BYTES);
  } catch (e) {
    // Named by the sequence: said at its module line, as memscope run says it.
    const error = unreadableModule(moduleFile, readFailureText(e), args.module ? undefined : { directives: parsed.sequence.directives, file: args.sequence });
    process.stderr.write(args.module ? `memscope export-host: ${error.message}\n` : `${formatSourceError(error)}\n`);
    return 2;
  }
  // A memory image or glue given as the module was "bad magic number" in the exporter's words; a
  // coredump is a module too, and the sequence's first call was refused as "the module exports no
  // function …".
  const notModuleInside = notAModule(args.module ?? moduleFile, moduleBytes, looksLikeCoredump(moduleBytes));
  if (notModuleInside) { process.stderr.write(`memscope export-host: ${notModuleInside}\n`); return 2; }
  const out = args.out ? resolve(args.out) : null;
  // Checked as run checks its files: `--out seq.wseq` replaced the sequence with the program, and
  // a missing directory was a bare ENOENT.
  const problem = out && targetProblem([{ option: '--out', path: args.out! }], undefined, { 'sequence file': seqFile, 'module file': moduleFile });
  if (problem) { process.stderr.write(`memscope export-host: ${problem}\n`); return 2; }
  const result = exportHost({
    language: args.lang, sequenceText: decoded.value, sequenceFile: seqFile, moduleBytes, moduleFile,
    outDir: out ? dirname(out) : dirname(seqFile), deterministic: args.deterministic,
  });
  if (!result.ok) { process.stderr.write(result.located ? `${result.message}\n` : `memscope export-host: ${result.message}\n`); return 2; }
  if (!out) { process.stdout.write(result.source); return 0; }
  try {
    await writeWhole(out, result.source);
  } catch (e) {
    process.stderr.write(`memscope export-host: cannot write ${out}: ${readFailureText(e)}\n`);
    return 2;
  }
  return 0;
}
