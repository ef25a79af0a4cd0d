// Command line of `memscope inspect`: paths (files or directories) and --json.

import { scanArgs } from './option-args.ts';

export const INSPECT_USAGE = `usage: memscope inspect FILE_OR_DIR... [--json] [--sequence FILE.wseq]

Reads each WebAssembly module and prints what it needs from a host: kind, toolchain (with the
evidence), allocator, memories, imports and exports with signatures, data segments, custom
sections. Directories are searched recursively for *.wasm files; - reads a module from
standard input (a file named - is ./-).
  --json        one JSON object per file per line, in argument order
  --sequence F  show import bindings as with F's \`import\` lines (default: none, as a run
                without them binds: WASI, AssemblyScript's abort/trace, stubs); - reads F
                from standard input
Exit status: 0 when every file was read, 2 when any was not (or the command line is wrong).`;

export interface InspectArgs {
  paths: string[];
  json: boolean;
  /** A .wseq whose `import` lines the bindings shown follow. */
  sequence?: string;
  help: boolean;
}

/** The parsed arguments, or a message saying what is wrong with them. */
export function parseInspectArgs(argv: string[]): InspectArgs | string {
  // Read by the rules every command shares (option-args.ts): `--sequence=F`, a second
  // --sequence refused, `--` ending the options.
  const scanned = scanArgs(argv, { values: { '--sequence': 'a file' }, flags: ['--json', '--help', '-h'] });
  if (typeof scanned === 'string') return scanned;
  const args: InspectArgs = { paths: scanned.positional, json: scanned.flags.has('--json'), help: scanned.flags.has('--help') || scanned.flags.has('-h') };
  const sequence = scanned.values.get('--sequence');
  if (sequence !== undefined) args.sequence = sequence;
  if (!args.help && args.paths.length === 0) return 'no files given';
  // Standard input is read once: a second - would find it empty.
  const stdin = args.paths.filter((p) => p === '-').length + (args.sequence === '-' ? 1 : 0);
  if (stdin > 1) return '- (standard input) given twice; give it once';
  return args;
}
