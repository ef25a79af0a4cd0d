// Command line of `memscope inspect`: paths (files or directories) and --json.

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
  const args: InspectArgs = { paths: [], json: false, help: false };
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (optionsDone || !a.startsWith('-') || a === '-') args.paths.push(a);
    else if (a === '--sequence' || a.startsWith('--sequence=')) {
      // `--sequence=F` as run, heap and serve take their options; it was "unknown option --sequence=F".
      const file = a === '--sequence' ? argv[++i] : a.slice('--sequence='.length);
      if (!file) return '--sequence needs a file';
      // A second one used to replace the first without a word (snapshot refuses the same).
      if (args.sequence !== undefined) return '--sequence given twice; give it once';
      args.sequence = file;
    }
    else if (a === '--') optionsDone = true;
    else if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else return `unknown option ${a}`;
  }
  if (!args.help && args.paths.length === 0) return 'no files given';
  // Standard input is read once: a second - would find it empty.
  const stdin = args.paths.filter((p) => p === '-').length + (args.sequence === '-' ? 1 : 0);
  if (stdin > 1) return '- (standard input) given twice; give it once';
  return args;
}
