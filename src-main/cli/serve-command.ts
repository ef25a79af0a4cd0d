// `memscope serve [MODULE] [--sequence FILE] [--port N] [--no-open]`: the web shell. Prints the
// URL (with its token) on stdout, opens a browser unless told not to, and shuts down cleanly on
// Ctrl-C, SIGTERM, stdin closing, or the parent process going away.

import { spawn } from 'node:child_process';
import { existsSync, fstatSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { startWebShell } from '../web/server.ts';
import { errorText } from '../shared/error-format.ts';
import { whereSuffix } from './error-where.ts';
import { count } from '../shared/count.ts';
import { formatSourceError, modulePath, parseSequence } from '../engine/index.ts';
import { watchOpened, type OpenedFile } from './serve-watch.ts';
import { wholeNumber } from './whole-number.ts';
import { scanArgs } from './option-args.ts';
import { fileKindByName, wrongKindText } from '../shared/file-kind.ts';

/** The port tried first when none is given: stable, so the page's origin (and its storage) is too. */
export const DEFAULT_PORT = 7357;

const USAGE = `usage: memscope serve [MODULE.wasm] [--sequence FILE.wseq] [--port N] [--no-open]

Serves the Memscope UI on http://127.0.0.1:PORT/ with a per-run token in the URL.
  MODULE            open this module at start (a .wseq or .txt here is taken as --sequence)
  --sequence FILE   open this sequence at start (its \`module "…"\` line names the module if
                    MODULE is not given)
  --port N          listen on port N (default: ${DEFAULT_PORT} when free, else a random free
                    port; 0: always a random free port). The browser keeps recent files and
                    settings per port, so a stable port keeps them from run to run.
  --no-open         do not open a browser
Stops on Ctrl-C, SIGTERM, when stdin closes (if it is a pipe), or when the parent exits.`;

interface ServeArgs {
  module?: string;
  sequence?: string;
  /** null: DEFAULT_PORT if free, else random. 0: random. */
  port: number | null;
  open: boolean;
}

export function parseServeArgs(argv: string[]): ServeArgs | string {
  // Read by the rules every command shares (option-args.ts): `--port 1 --port 2` was port 2
  // without a word; now a second one is refused.
  const scanned = scanArgs(argv, { values: { '--sequence': 'a file', '--port': 'a port number 0..65535' }, flags: ['--no-open', '--help', '-h'] });
  if (typeof scanned === 'string') return scanned;
  const args: ServeArgs = { port: null, open: !scanned.flags.has('--no-open') };
  const sequence = scanned.values.get('--sequence');
  if (sequence !== undefined) args.sequence = sequence;
  const port = scanned.values.get('--port');
  if (port !== undefined) {
    const n = wholeNumber(port);
    // In dap's words for the same option (it was "needs a number 0..65535, got …" here).
    if (n === null || n > 65535) return `--port takes a port number 0..65535, not "${port}"`;
    args.port = n;
  }
  for (const a of scanned.positional) {
    // A sequence by its name (.wseq, or .txt as the Open Sequence dialog takes it): a .txt here
    // was taken as the module and refused as "a call sequence, not a module".
    if (fileKindByName(a) === 'sequence') {
      // `serve a.wseq --sequence b.wseq` opened b without a word about a.
      if (args.sequence) return `only one sequence may be given (got ${args.sequence} and ${a})`;
      args.sequence = a;
    } else if (args.module) return `only one MODULE may be given (got ${args.module} and ${a})`;
    else args.module = a;
  }
  // Another kind of file by its name was opened as the wrong one, and the page served with a
  // word in the wrong kind's terms: a snapshot or glue as MODULE was "bad magic number", a module
  // as --sequence "has no `module "…"` line; give the module too".
  return (args.module !== undefined ? wrongKindText(args.module, 'module') : null)
    ?? (args.sequence !== undefined ? wrongKindText(args.sequence, 'sequence') : null)
    ?? args;
}

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return null;
}

/** Best effort: a missing or failing opener is reported on stderr, never fatal. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? null : 'xdg-open';
  // Without a display, xdg-open may fall back to a text browser fighting us for the terminal.
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const path = opener && !headless ? findOnPath(opener) : null;
  if (!path) {
    process.stderr.write(`memscope: ${headless ? 'no display' : 'no browser opener found'}; open the URL above yourself\n`);
    return;
  }
  try {
    const child = spawn(path, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write('memscope: could not open a browser; open the URL above yourself\n'));
    child.unref();
  } catch {
    process.stderr.write('memscope: could not open a browser; open the URL above yourself\n');
  }
}

/** Only a pipe or socket on stdin is a parent's lifeline; /dev/null or a TTY would end at once or never. */
function stdinIsPipe(): boolean {
  try {
    const info = fstatSync(0);
    return info.isFIFO() || info.isSocket();
  } catch {
    return false;
  }
}

/** Resolves when it is time to stop: a signal, stdin closing (only if piped), or parent gone. */
function waitForShutdown(): Promise<string> {
  return new Promise((done) => {
    const stop = (why: string) => () => done(why);
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
    process.once('SIGHUP', stop('SIGHUP'));
    process.once('disconnect', stop('parent disconnected'));
    if (stdinIsPipe()) {
      process.stdin.on('end', stop('stdin closed'));
      process.stdin.on('error', stop('stdin closed'));
      process.stdin.resume();
    }
    // Orphaned (parent died without closing our stdin): we are re-parented, so ppid changes.
    const parent = process.ppid;
    const timer = setInterval(() => {
      if (process.ppid !== parent) done('parent exited');
    }, 1000);
    timer.unref();
  });
}

export default async function serve(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseServeArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`memscope serve: ${args}\n${USAGE}\n`);
    return 2;
  }
  // Listen for the way out first, so a signal during start-up also ends in a clean close.
  const shutdown = waitForShutdown();
  // A start function that never returns keeps opening MODULE going until its time limit (up to
  // a day): the way out must end that too, not wait for it.
  const stopping = new AbortController();
  void shutdown.then(() => stopping.abort());
  const start = (port: number) => startWebShell({ port, module: args.module, sequence: args.sequence, host: '127.0.0.1', signal: stopping.signal });
  let shell;
  try {
    try {
      shell = await start(args.port ?? DEFAULT_PORT);
    } catch (error) {
      if (args.port !== null || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      process.stderr.write(`memscope serve: port ${DEFAULT_PORT} is in use; using a random free port (recent files and settings saved in the browser are per port)\n`);
      shell = await start(0);
    }
  } catch (error) {
    process.stderr.write(`memscope serve: cannot listen on 127.0.0.1:${args.port ?? DEFAULT_PORT}: ${(error as Error).message}\n`);
    process.stdin.pause();
    return 2;
  }
  // Stopped while opening: the open's "stopped" is not a failure to report, nor is there a page to serve.
  if (!stopping.signal.aborted && shell.opened && !shell.opened.ok) {
    const e = shell.opened.error;
    // A file that could not be read is named by the message itself ("cannot read …"): with a guess
    // in front, `serve m.wasm --sequence gone.wseq` said "m.wasm: io: cannot read gone.wseq".
    const namesItself = e.code === 'io' && e.message.startsWith('cannot read ');
    const file = namesItself ? undefined : e.where?.file ?? (e.code === 'parse-error' ? args.sequence : args.module);
    // At a sequence line (its module line names a file that cannot be read): file:line:col and the line, as run says it.
    if (e.where?.line !== undefined) process.stderr.write(`${formatSourceError(e)}\nmemscope serve: serving the start screen instead\n`);
    else process.stderr.write(`memscope serve: ${file ? `${file}: ` : ''}${errorText(e)}${whereSuffix(e.where)} (serving the start screen instead)\n`);
  } else if (shell.opened?.ok && shell.opened.value.sequence && shell.opened.value.sequence.errors.length > 0) {
    // The page shows them in the editor; say so here too, where the command was typed.
    const errors = shell.opened.value.sequence.errors;
    process.stderr.write(`${errors.slice(0, 3).map(formatSourceError).join('\n')}\n`
      + `memscope serve: ${count(errors.length, 'error')} in the sequence, shown in the editor; it runs once they are fixed\n`);
  }
  let unwatch = (): void => undefined;
  if (!stopping.signal.aborted && shell.opened?.ok) {
    const files: OpenedFile[] = [];
    const seq = shell.opened.value.sequence;
    if (args.sequence) {
      const path = resolve(args.sequence);
      files.push({ path, shown: args.sequence, kind: 'sequence', ...(seq ? { text: seq.text } : {}) });
      // Trusted as it was opened (by path): the page's Reload sends it back with the new module,
      // and its `dir` lines must still resolve beside it.
      if (seq) shell.handle.trustFile({ name: seq.name, text: seq.text, baseDir: dirname(path) });
    }
    // The module the sequence's `module "…"` line named, found as opening found it (open-files.ts).
    const named = !args.module && args.sequence && seq ? modulePath(parseSequence(seq.text, seq.name).sequence.directives, dirname(resolve(args.sequence))) : undefined;
    const module = args.module ? resolve(args.module) : named;
    if (module) files.push({ path: module, shown: args.module ?? module, kind: 'module', sha256: shell.opened.value.moduleSha256 });
    const web = shell;
    unwatch = watchOpened(files, {
      say: (line) => process.stderr.write(`${line}\n`),
      changed: (change) => {
        // A sequence read from disk, like one opened by path: Load from disk keeps its `dir` lines.
        if (change.sequence) web.handle.trustFile({ name: change.sequence.name, text: change.sequence.text, baseDir: dirname(resolve(args.sequence!)) });
        web.fileChanged(change);
      },
    });
  }
  if (!stopping.signal.aborted) {
    process.stdout.write(`${shell.url}\n`);
    if (args.open) openBrowser(shell.url);
  }
  const why = await shutdown;
  unwatch();
  process.stderr.write(`memscope serve: stopping (${why})\n`);
  await shell.close();
  process.stdin.pause();
  return 0;
}
