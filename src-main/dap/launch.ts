// The `launch` request of `memscope dap`: the arguments a launch.json gives, checked, and the
// Session they open (the .wseq is the program; the module comes from its `module` directive
// unless `module` overrides it). Every failure is a message that names the file and the place.

import { basename, dirname, resolve } from 'node:path';
import {
  formatSourceError, glueBeside, looksLikeCoredump, MAX_MODULE_FILE_BYTES, MAX_SEQUENCE_FILE_BYTES, modulePath, parseSequence,
  readFailureText, readRegularFile, Session, unreadableModule,
} from '../engine/index.ts';
import type { SessionConfig } from '../engine/index.ts';
import { errorText } from '../shared/error-format.ts';
import { sequenceText } from '../shared/sequence-text.ts';
import { notAModule, notASequence } from '../shared/file-kind.ts';

/** What a `memscope` launch configuration may say (package.json's configurationAttributes). */
export interface LaunchArgs {
  program: string;
  module?: string;
  deterministic?: boolean;
  stopOnEntry?: boolean;
  traceWrites?: boolean;
  /** Set by the client, not launch.json: Run Without Debugging (VS Code's Ctrl+F5). */
  noDebug?: boolean;
}

/** `moduleFile`: where the guest's relative DWARF source paths are looked for (a build usually writes the module beside its sources). */
export type Launched = { ok: true; session: Session; program: string; moduleFile: string } | { ok: false; message: string };

/** The launch arguments from an untyped request, or what is wrong with them (the adapter puts "launch: " first). */
export function checkLaunchArgs(raw: unknown): LaunchArgs | string {
  if (typeof raw !== 'object' || raw === null) return 'needs arguments: { "program": "file.wseq" }';
  const a = raw as Record<string, unknown>;
  if (typeof a.program !== 'string' || a.program === '') return '"program" must be the path of a .wseq sequence file';
  if (a.module !== undefined && typeof a.module !== 'string') return '"module" must be the path of a .wasm file';
  for (const flag of ['deterministic', 'stopOnEntry', 'traceWrites', 'noDebug'] as const) {
    if (a[flag] !== undefined && typeof a[flag] !== 'boolean') return `"${flag}" must be true or false`;
  }
  return {
    program: a.program,
    ...(typeof a.module === 'string' ? { module: a.module } : {}),
    ...(a.deterministic === true ? { deterministic: true } : {}),
    ...(a.stopOnEntry === true ? { stopOnEntry: true } : {}),
    ...(a.traceWrites === true ? { traceWrites: true } : {}),
    ...(a.noDebug === true ? { noDebug: true } : {}),
  };
}

async function read(file: string, limit: number, what: string): Promise<Uint8Array | string> {
  try {
    return await readRegularFile(file, limit);
  } catch (e) {
    return `cannot read ${what} ${file}: ${readFailureText(e)}`;
  }
}

export async function openLaunch(args: LaunchArgs, cwd: string): Promise<Launched> {
  const program = resolve(cwd, args.program);
  const seqBytes = await read(program, MAX_SEQUENCE_FILE_BYTES, 'sequence');
  if (typeof seqBytes === 'string') return { ok: false, message: seqBytes };
  // Another kind of file as the program was parsed as a sequence: a snapshot was "not UTF-8" at
  // byte 8, a coredump "a WebAssembly module … give it as the module", glue a parse error.
  const notSequence = notASequence(program, seqBytes, looksLikeCoredump(seqBytes));
  if (notSequence) return { ok: false, message: notSequence };
  const decoded = sequenceText(seqBytes, program);
  if (!decoded.ok) return { ok: false, message: formatSourceError(decoded.error) };
  const text = decoded.value;
  const baseDir = dirname(program);
  const parsed = parseSequence(text, program);
  if (parsed.errors.length > 0) return { ok: false, message: parsed.errors.map(formatSourceError).join('\n') };
  const moduleFile = args.module ? resolve(cwd, args.module) : modulePath(parsed.sequence.directives, baseDir);
  if (!moduleFile) return { ok: false, message: `${program} has no "module" directive; give "module" in the launch configuration` };
  let moduleBytes: Uint8Array;
  try {
    moduleBytes = await readRegularFile(moduleFile, MAX_MODULE_FILE_BYTES);
  } catch (e) {
    // Named by the sequence: said at its module line, as a parse error is. Named by "module":
    // the message alone, which names the file (formatSourceError put the path before it again).
    const error = unreadableModule(moduleFile, readFailureText(e), args.module ? undefined : { directives: parsed.sequence.directives, file: program });
    return { ok: false, message: args.module ? error.message : formatSourceError(error) };
  }
  // By its name or its contents: a snapshot or glue as the module was "bad magic number".
  const notModule = notAModule(moduleFile, moduleBytes, looksLikeCoredump(moduleBytes));
  if (notModule) return { ok: false, message: notModule };
  const config: Partial<SessionConfig> = {
    ...(args.deterministic ? { deterministic: true } : {}),
    ...(args.traceWrites ? { traceWrites: true } : {}),
  };
  const glue = await glueBeside(moduleFile, moduleBytes);
  const opened = await Session.open({
    moduleBytes, moduleName: basename(moduleFile), config, sequence: { text, file: program, baseDir }, ...(glue ? { glue } : {}),
  });
  if (!opened.ok) return { ok: false, message: `${moduleFile}: ${errorText(opened.error)}` };
  const errors = opened.value.sequenceErrors;
  if (errors.length > 0) {
    await opened.value.dispose();
    return { ok: false, message: errors.map(formatSourceError).join('\n') };
  }
  return { ok: true, session: opened.value, program, moduleFile };
}
