// `memscope new MODULE.wasm [> module.wseq]`: prints a commented starter sequence for a module,
// from what inspect detects (allocator, exports, known string ABIs); the UI opens own modules
// with the same text.

import { readlinkSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { inspectFile, starterSequence } from '../engine/index.ts';
import { formatFileError } from './inspect-format.ts';
import { scanArgs } from './option-args.ts';
import { wrongKindText } from '../shared/file-kind.ts';

export const NEW_USAGE = `usage: memscope new MODULE.wasm

Prints a starter call sequence (.wseq) for MODULE.wasm to stdout: the allocator it found (or an
\`allocator ALLOC FREE\` line naming exports that look like one), every export with its signature,
and ready-to-step calls for exports whose signature and name match a known string ABI (result
pointer, (ptr, len) packed in an i64, text in by (ptr, len), canonical ABI, AssemblyScript
strings, C strings, a WASI command's _start), freeing what they allocate. Save it with
\`memscope new x.wasm > x.wseq\`: its module line names MODULE.wasm relative to the file it is
saved to (or, where the system does not say, the current directory).`;

export default async function newSequence(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${NEW_USAGE}\n`);
    return 0;
  }
  // Read by the rules every command shares (option-args.ts): `--` ends the options, and a
  // near miss (`--hepl`) names the option it is close to.
  const scanned = scanArgs(argv, { flags: ['--help', '-h'] });
  const positional = typeof scanned === 'string' ? [] : scanned.positional;
  if (typeof scanned === 'string' || positional.length !== 1 || positional[0] === '-') {
    // `-` is no option: it was "unknown option -". Standard input is not read, since the starter's
    // `module "…"` line names the module's file, which a module on standard input has none of.
    const why = typeof scanned === 'string' ? scanned
      : positional[0] === '-' && positional.length === 1 ? 'reads a module file, not standard input (-): the sequence\'s module line names the file'
        : 'give exactly one module';
    process.stderr.write(`memscope new: ${why}\n\n${NEW_USAGE}\n`);
    return 2;
  }
  const file = positional[0]!;
  // Another kind of file by its name was read as a module: a snapshot or a .bin was "malformed
  // module: header: bad magic number", glue the same.
  const byName = wrongKindText(file, 'module');
  if (byName) {
    process.stderr.write(`memscope new: ${byName}\n`);
    return 2;
  }
  const info = await inspectFile(file);
  if (!info.ok) {
    process.stderr.write(`memscope new: ${formatFileError(file, info.error)}\n`);
    return 2;
  }
  // A coredump is a valid module (its memory as data segments): a starter sequence was printed
  // for it, with exit status 0, whose every step would then be refused.
  if (info.value.customSections.some((s) => s.name === 'core')) {
    process.stderr.write(`memscope new: ${wrongKindText(file, 'module', 'coredump')}\n`);
    return 2;
  }
  process.stdout.write(starterSequence(info.value, moduleLinePath(file)));
  return 0;
}

/**
 * The module as the sequence's `module` line names it: relative to where the sequence is
 * written, since a module line is read relative to its sequence file. That is the file standard
 * output is redirected to when the system says (Linux's /proc), else the current directory. The
 * bare file name it wrote before worked only for a sequence saved beside the module:
 * `memscope new build/x.wasm > x.wseq` then `memscope run x.wseq` could not find ./x.wasm.
 * A path that would climb out of that directory stays absolute when it was given so.
 */
export function moduleLinePath(file: string, outputDir = stdoutDir()): string {
  const path = relative(outputDir, resolve(file));
  if (isAbsolute(file) && path.startsWith('..')) return file;
  return path.split(sep).join('/');
}

/** The directory of the regular file standard output is redirected to, else the current one. */
function stdoutDir(): string {
  try {
    const target = readlinkSync('/proc/self/fd/1');
    if (isAbsolute(target) && statSync(target).isFile()) return dirname(target);
  } catch {
    // Not Linux, or not a file: the sequence is meant for the current directory.
  }
  return process.cwd();
}
