// Command line of `memscope run`: a sequence file and the options that override its directives.

import { MAX_TIMEOUT_MS, TIMEOUT_RANGE } from '../engine/index.ts';
import { wholeNumber } from './whole-number.ts';
import { scanArgs, type OptionSpec } from './option-args.ts';

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

/** run's options, read by the rules every command shares (option-args.ts). */
export const RUN_OPTIONS = {
  values: {
    '--module': 'a file name', '--snapshot': 'a file name', '--coredump': 'a file name', '--output-dir': 'a file name',
    '--timeout': 'a value', '--history-mb': 'a value', '--capture-limit': 'a value',
  },
  flags: ['--json', '--deterministic', '--strict', '--strict-heap', '--trace-writes', '--explain', '--help', '-h'],
} as const satisfies OptionSpec;

/** The longest --capture-limit: a day, as the longest `timeout`. */
export const MAX_CAPTURE_LIMIT_S = 86_400;

/** The parsed arguments, or a message saying what is wrong with them. */
export function parseRunArgs(argv: string[]): RunArgs | string {
  const scanned = scanArgs(argv, RUN_OPTIONS);
  if (typeof scanned === 'string') return scanned;
  const { values, flags, positional } = scanned;
  const args: RunArgs = {
    sequence: '', json: flags.has('--json'), deterministic: flags.has('--deterministic'), strict: flags.has('--strict'),
    strictHeap: flags.has('--strict-heap'), traceWrites: flags.has('--trace-writes'), explain: flags.has('--explain'),
    help: flags.has('--help') || flags.has('-h'),
    module: values.get('--module'), snapshot: values.get('--snapshot'), outputDir: values.get('--output-dir'), coredump: values.get('--coredump'),
  };
  const timeout = values.get('--timeout');
  if (timeout !== undefined) {
    const ms = wholeNumber(timeout);
    if (ms === null || ms <= 0 || ms > MAX_TIMEOUT_MS) return `--timeout takes ${TIMEOUT_RANGE}, not "${timeout}"`;
    args.timeoutMs = ms;
  }
  const history = values.get('--history-mb');
  if (history !== undefined) {
    const mb = wholeNumber(history);
    if (mb === null || mb <= 0) return `--history-mb takes a positive whole number of MiB, not "${history}"`;
    args.historyMb = mb;
  }
  const capture = values.get('--capture-limit');
  if (capture !== undefined) {
    const seconds = wholeNumber(capture);
    if (seconds === null || seconds <= 0) return `--capture-limit takes a positive whole number of seconds, not "${capture}"`;
    if (seconds > MAX_CAPTURE_LIMIT_S) return `--capture-limit takes at most ${MAX_CAPTURE_LIMIT_S} seconds (a day), not "${capture}"`;
    args.captureLimitS = seconds;
  }
  if (args.help) return args;
  const sequence = sequenceArgument(positional);
  if (sequence.error !== undefined) return sequence.error;
  args.sequence = sequence.file;
  return args;
}

/** The one sequence file a command's arguments name (run, heap), or what is wrong with them. */
export function sequenceArgument(positional: readonly string[]): { file: string; error?: undefined } | { error: string } {
  if (positional.length !== 1) return { error: positional.length === 0 ? 'no sequence file given' : `one sequence file at a time (got ${positional.length})` };
  // `-` was "cannot read sequence -: no such file or directory". A sequence's module line and
  // paths are relative to its file, which standard input has none of.
  if (positional[0] === '-') return { error: "reads a sequence file, not standard input (-): give the sequence's path (a file named - is ./-)" };
  return { file: positional[0]! };
}
