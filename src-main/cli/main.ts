// `memscope <command> …`: the dispatcher. Each command lives in its own module, loaded only
// when asked for, whose default export takes the remaining arguments and resolves to an exit
// code. Adding a command is one line in COMMANDS.

import { packageVersion } from '../paths.ts';
import { closeNames } from '../shared/close-names.ts';

export type Command = (argv: string[]) => Promise<number>;

interface CommandEntry {
  summary: string;
  load: () => Promise<{ default: Command }>;
}

const COMMANDS: Record<string, CommandEntry> = {
  inspect: { summary: 'summarise .wasm modules (imports, exports, memory, toolchain, allocator)', load: () => import('./inspect-command.ts') },
  run: { summary: 'run a call sequence (.wseq) and print each step, or --json', load: () => import('./run-command.ts') },
  heap: { summary: 'run a sequence, then print the memory map and the live heap blocks', load: () => import('./heap-command.ts') },
  snapshot: { summary: 'view a snapshot (.msnap), coredump or raw .bin dump, hex-dump it, or diff two', load: () => import('./snapshot-command.ts') },
  'export-host': { summary: 'write the host program (js, rust, go) that does what a sequence does', load: () => import('./export-host-command.ts') },
  dap: { summary: 'Debug Adapter Protocol server for VS Code (stdio, or --port N on 127.0.0.1)', load: () => import('./dap-command.ts') },
  new: { summary: 'print a commented starter sequence (.wseq) for a module', load: () => import('./new-command.ts') },
  serve: { summary: 'serve the Memscope UI on 127.0.0.1 with a per-run token (web shell)', load: () => import('./serve-command.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: memscope <command> [arguments]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `memscope <command> --help` for a command\'s options; `memscope --version` for the version.',
  ].join('\n');
}

/**
 * `unknown command "rnu" (did you mean run?)`; a file given where the command goes (the usual slip:
 * `memscope demo.wseq`) is answered with the command that takes it.
 */
export function unknownCommand(word: string): string {
  const head = `unknown command "${word}"`;
  const lower = word.toLowerCase();
  if (/\.core\.wasm$|\.(msnap|bin)$/.test(lower)) return `${head}: to view a snapshot or coredump, memscope snapshot ${word}`;
  if (lower.endsWith('.wseq')) return `${head}: to run a sequence, memscope run ${word}`;
  if (lower.endsWith('.wasm')) return `${head}: to summarise a module, memscope inspect ${word}; a starter sequence for it: memscope new ${word}`;
  const [close] = closeNames(word, Object.keys(COMMANDS), 1);
  return close === undefined ? head : `${head} (did you mean ${close}?)`;
}

/**
 * A reader that went away (`memscope run … | head`) ends us quietly with 141, the status of a
 * process ended by SIGPIPE, instead of an unhandled EPIPE stack trace.
 */
function quitOnBrokenPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(141);
    process.stderr.write(`memscope: cannot write to stdout: ${e.code ?? e.message}\n`);
    process.exit(74);
  });
}

export async function main(argv: string[]): Promise<number> {
  quitOnBrokenPipe();
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] && COMMANDS[rest[0]]) return run(COMMANDS[rest[0]]!, ['--help']);
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write(`memscope ${packageVersion()}\n`);
    return 0;
  }
  const entry = first === undefined ? undefined : COMMANDS[first];
  if (!entry) {
    if (first !== undefined) process.stderr.write(`memscope: ${unknownCommand(first)}\n\n`);
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  return run(entry, rest);
}

/** Runs a command; anything it throws is our bug, reported in one line (stack only on request). */
async function run(entry: CommandEntry, argv: string[]): Promise<number> {
  try {
    const command = await entry.load();
    return await command.default(argv);
  } catch (e) {
    const detail = process.env.MEMSCOPE_DEBUG && e instanceof Error ? `\n${e.stack}` : '';
    process.stderr.write(`memscope: internal error (a bug in memscope): ${e instanceof Error ? e.message : String(e)}${detail}\n`);
    return 70;
  }
}
