// Command line of `memscope run`: a sequence file and the options that override its directives.

import { MAX_TIMEOUT_MS, TIMEOUT_RANGE } from '../engine/index.ts';
import { wholeNumber } from './whole-number.ts';

export const RUN_USAGE = `usage: memscope run SEQUENCE [--module FILE] [--json] [--timeout MS] [--deterministic]
                    [--snapshot FILE] [--coredump FILE] [--strict] [--strict-heap] [--output-dir DIR]
                    [--trace-writes] [--history-mb MB] [--capture-limit SECONDS] [--explain]

Runs a call sequence (.wseq) against its module, one step at a time, in a worker thread with
WASI, and prints every step: what it called, what the guest called back, the values it bound,
and exactly which bytes of memory changed. The module's stdout/stderr are interleaved in order.
  --module FILE     the .wasm to load (overrides the sequence's "module" directive)
  --json            print one JSON object instead (steps, bindings, stdout, stderr, exitCode:
                    the proc_exit code, or null when the guest never called proc_exit);
                    a stream over 2 MiB keeps its first and last MiB and the count left out
  --output-dir DIR  also write the guest's whole stdout and stderr to DIR/stdout and DIR/stderr
  --timeout MS      per-step time limit (default 5000; overrides "timeout")
  --deterministic   fixed WASI clocks and seeded random_get, so runs repeat exactly
  --snapshot FILE   write the final memory: sparse .msnap with manifest, or raw when FILE ends in .bin
  --coredump FILE   write a standard Wasm coredump (tool-conventions Coredump.md) of the final
                    state; after a trap it holds the guest stack (function index, code offset)
  --strict          fail on an import that is neither WASI nor bound to a builtin
  --strict-heap     heap problems fail the run (exit status 1): a use after free, a heap
                    overflow, a block handed out twice, a double or invalid free forced with
                    free!, and leaks: blocks the sequence allocated and left live at its end
                    that nothing in use points to (still reachable ones are listed, not counted)
  --trace-writes    name the writer of every changed byte: the guest function and the offset of
                    its store in the function body, or host / the import (wasi:fd_read…);
                    --json adds "writes" (and "watchHits") to each step
  --history-mb MB   memory history kept for earlier steps (default 256); past it old steps'
                    blocks are compressed, then dropped (the latest 16 steps stay exact)
  --capture-limit SECONDS
                    time limit of Memscope's change capture after a step (default 60; overrides
                    "capture limit"); --timeout leaves the capture out; each step shows its
                    capture time as [capture … ms] (captureMs in --json)
  --explain         after each step, a plain sentence or two on what it did (the UI's
                    "Explain this step")
Exit status: 0 every step succeeded; 1 a step failed (trap, expect, timeout, non-zero
proc_exit), or with --strict-heap a heap problem or leak; 2 usage, parse or load errors, or
a --snapshot, --coredump or --output-dir file that could not be written.`;

export interface RunArgs {
  sequence: string;
  module?: string;
  json: boolean;
  timeoutMs?: number;
  deterministic: boolean;
  snapshot?: string;
  outputDir?: string;
  coredump?: string;
  strict: boolean;
  strictHeap: boolean;
  traceWrites: boolean;
  historyMb?: number;
  captureLimitS?: number;
  explain: boolean;
  help: boolean;
}

const VALUE_OPTIONS = new Set(['--module', '--timeout', '--snapshot', '--coredump', '--output-dir', '--history-mb', '--capture-limit']);
const PATH_OPTIONS = new Set(['--module', '--snapshot', '--coredump', '--output-dir']);
const FLAGS = new Set(['--json', '--deterministic', '--strict', '--strict-heap', '--trace-writes', '--explain', '--help', '-h']);

/** An argument's option name: `--timeout` of `--timeout=5`; any other argument as it is. */
function optionName(arg: string): string {
  const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
  return eq > 0 ? arg.slice(0, eq) : arg;
}

/** One of our options (`--json`, `--timeout=5`), not a value that merely starts with a dash. */
function isOption(arg: string): boolean {
  const name = optionName(arg);
  return FLAGS.has(name) || VALUE_OPTIONS.has(name);
}
/** The longest --capture-limit: a day, as the longest `timeout`. */
export const MAX_CAPTURE_LIMIT_S = 86_400;

/** The parsed arguments, or a message saying what is wrong with them. */
export function parseRunArgs(argv: string[]): RunArgs | string {
  const args: RunArgs = { sequence: '', json: false, deterministic: false, strict: false, strictHeap: false, traceWrites: false, explain: false, help: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const name = optionName(raw);
    let value: string | undefined = name !== raw ? raw.slice(name.length + 1) : undefined;
    if (VALUE_OPTIONS.has(name) && value === undefined) {
      value = argv[++i];
      if (value === undefined) return `${name} needs a value`;
      // `--snapshot --json` (FILE forgotten) wrote the snapshot to a file named "--json".
      if (isOption(value)) return `${name} needs a value before ${value}`;
    }
    // An empty FILE or DIR (`--snapshot ""`, `--output-dir=`) was taken as no option at all: the
    // run said it succeeded and wrote nothing.
    if (value === '' && PATH_OPTIONS.has(name)) return `${name} needs a file name, not ""`;
    switch (name) {
      case '--module': args.module = value; break;
      case '--snapshot': args.snapshot = value; break;
      case '--output-dir': args.outputDir = value; break;
      case '--coredump': args.coredump = value; break;
      case '--timeout': {
        const ms = wholeNumber(value);
        if (ms === null || ms <= 0 || ms > MAX_TIMEOUT_MS) return `--timeout takes ${TIMEOUT_RANGE}, not "${value}"`;
        args.timeoutMs = ms;
        break;
      }
      case '--history-mb': {
        const mb = wholeNumber(value);
        if (mb === null || mb <= 0) return `--history-mb takes a positive whole number of MiB, not "${value}"`;
        args.historyMb = mb;
        break;
      }
      case '--capture-limit': {
        const seconds = wholeNumber(value);
        if (seconds === null || seconds <= 0) return `--capture-limit takes a positive whole number of seconds, not "${value}"`;
        if (seconds > MAX_CAPTURE_LIMIT_S) return `--capture-limit takes at most ${MAX_CAPTURE_LIMIT_S} seconds (a day), not "${value}"`;
        args.captureLimitS = seconds;
        break;
      }
      case '--json': args.json = true; break;
      case '--deterministic': args.deterministic = true; break;
      case '--strict': args.strict = true; break;
      case '--strict-heap': args.strictHeap = true; break;
      case '--trace-writes': args.traceWrites = true; break;
      case '--explain': args.explain = true; break;
      case '--help': case '-h': args.help = true; break;
      default:
        if (raw.startsWith('-') && raw !== '-') return `unknown option ${raw}`;
        positional.push(raw);
    }
  }
  if (args.help) return args;
  if (positional.length !== 1) return positional.length === 0 ? 'no sequence file given' : `one sequence file at a time (got ${positional.length})`;
  args.sequence = positional[0];
  return args;
}
