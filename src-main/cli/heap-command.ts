// `memscope heap SEQUENCE [--step N]`: run a sequence (all of it, or its first N steps), then
// print the memory map and the live heap blocks as tables — for scripts and classes.

import { blockMaker, blockToJson, leaksJson, formatHeapSummary, formatMemoryMap, formatProblem, problemsOf, typedText } from '../shared/heap-format.ts';
import { hexAddress } from '../shared/hex.ts';
import { signalStatus, stopOnSignal } from './interrupt.ts';
import { RUN_OPTIONS, sequenceArgument, type RunArgs } from './run-args.ts';
import { scanArgs, type OptionSpec } from './option-args.ts';
import { refuseCommandLine, writeRefusal } from './refusal.ts';
import { openSession } from './run-command.ts';
import { count } from '../shared/count.ts';
import { sequenceOver } from '../shared/sequence-over.ts';
import { errorText } from '../shared/error-format.ts';
import { ownStaticsFirst, shortType } from '../shared/statics.ts';
import { readerOf, staticValue } from '../shared/static-follow.ts';
import { wholeNumber } from './whole-number.ts';
import type { Session } from '../engine/index.ts';
import type { MemscopeError, StepRecord } from '../shared/dto.ts';

export const HEAP_USAGE = `usage: memscope heap SEQUENCE [--step N] [--module FILE] [--json] [--deterministic]

Runs a call sequence (all steps, or the first N with --step N) and prints the memory map (static
data, stack, heap, never-used space), the static variables a -g build's DWARF names with their
values then, every live heap block with its owner, size and the line that allocated it, and the
heap problems the steps found (a use after free, an overflow…), each with its line. --json
prints the map, the statics, the blocks and the problems as one JSON object, with "failed":
{step, line, code, message} when a step failed. After a heap walk that failed (a corrupt heap)
the leaks cannot be known: it says so, and --json has null "leaks" and "stillReachable" and
the reason as "leaksUnknown". Before the sequence is over (--step N, a step failed part way, a
watch's stop) what the steps kept is not freed yet, not leaked: --json lists it as "notFreedYet"
and has null "leaks".
  --step N          run the first N steps only (0: the heap before any step)
  --module FILE     the .wasm to load (overrides the sequence's "module" directive)
  --json            print one JSON object instead
  --deterministic   fixed WASI clocks and seeded random_get, as \`memscope run --deterministic\`
A step that ends the guest's worker (past its time limit, over the memory cap) leaves no heap to
walk: it says which step and why (--json: an "error" object instead of the heap).
Exit status: 0 printed; 1 a step failed before step N; 2 usage, parse or load errors; 130 (Ctrl+C)
or 143 (SIGTERM): interrupted, the running step stopped (its guest gone, so no heap to walk).`;

export default async function heapCommand(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') return refuseCommandLine('heap', argv, parsed, HEAP_USAGE);
  if (parsed.args.help) {
    process.stdout.write(`${HEAP_USAGE}\n`);
    return 0;
  }
  const opened = await openSession(parsed.args);
  if (!opened.ok) {
    writeRefusal({ ...opened, messages: opened.messages.map((m) => m.replaceAll('memscope run:', 'memscope heap:')) }, parsed.args.json);
    return 2;
  }
  const session = opened.session;
  try {
    const lines = session.stepLines;
    if (parsed.step !== undefined && parsed.step > lines.length) {
      // As the other refusals: with --json, `{"ok":false,"errors":[…]}` on stdout too.
      const message = `--step ${parsed.stepText}, but ${parsed.args.sequence} has ${count(lines.length, 'step')}`;
      writeRefusal({ ok: false, messages: [`memscope heap: ${message}`], errors: [{ code: 'usage', message, where: { file: parsed.args.sequence } }] }, parsed.args.json);
      return 2;
    }
    const untilLine = parsed.step !== undefined ? lines[parsed.step] : undefined;
    // Ctrl+C stops the running step (interrupt.ts); a signal between steps still prints the heap.
    const interrupt = stopOnSignal(session);
    const steps = await session.run(untilLine !== undefined ? { untilLine } : {}).finally(() => interrupt.dispose());
    const interrupted = interrupt.signal;
    const failed = steps.find((s) => !s.ok);
    const stoppedBy = interrupted ? `interrupted by ${interrupted}${failed ? ` at line ${failed.line}` : ''}` : null;
    const heap = await session.heap({ references: true });
    if (!heap.ok) {
      const lost = heapLost(stoppedBy, failed, session.terminated !== undefined, heap.error, `after ${steps.length} of ${count(lines.length, 'step')}`);
      if (parsed.args.json) {
        process.stdout.write(`${JSON.stringify({
          ok: false, steps: steps.length, ...(interrupted ? { interrupted } : {}), error: lost.error, ...(session.terminated ? { terminated: session.terminated } : {}),
        })}\n`);
      } else {
        process.stderr.write(lost.lines.map((l) => `memscope heap: ${l}\n`).join(''));
      }
      return interrupted ? signalStatus(interrupted) : 1;
    }
    const h = heap.value;
    const problems = problemsOf(steps);
    // The step that failed, and why: without it --json read the same after a failure as after
    // a clean run (only the exit status differed), and the text named the line but not the error.
    const failure = failed ? { step: failed.index, line: failed.line, ...(failed.error ? { code: failed.error.code, message: failed.error.message } : {}) } : null;
    const statics = await staticValues(session, parsed.args.json ? Infinity : STATICS_LISTED);
    // proc_exit (exit() in C) ends the program: the steps after it never run, so its heap is the
    // final one. It read "after 1 of 2 steps" with no why, and its leaks as "not freed yet".
    const exited = session.exitCode !== undefined && steps.at(-1)?.exitCode !== undefined ? steps.at(-1)! : undefined;
    const final = sequenceOver(session.state, steps.length, lines.length, exited !== undefined);
    if (parsed.args.json) {
      // `ok` as run's and every refusal's: the exit status's verdict (0 exactly when true).
      process.stdout.write(`${JSON.stringify({
        ok: !failure && !interrupted, steps: steps.length, ...(interrupted ? { interrupted } : {}), ...(failure ? { failed: failure } : {}), ...(exited ? { exitCode: exited.exitCode } : {}), allocator: h.allocator, walker: h.walker, status: h.status, ...(h.reason ? { reason: h.reason } : {}),
        stackPointer: h.stackPointer, map: h.map, ...(statics.listed.length > 0 ? { statics: statics.listed } : {}), live: h.live.map(blockToJson),
        ...leaksJson(h, final),
        ...(h.typedBlocks ? { typedBlocks: h.typedBlocks.map((t) => ({ address: t.address, size: t.size, name: t.name, type: t.pointee.type, ...(t.node === undefined ? {} : { node: t.node }) })) } : {}),
        problems: problems.map((p) => ({ step: p.step, line: p.line, ...p.problem })),
      })}\n`);
    } else {
      const notRun = lines.length - steps.length;
      const exit = exited ? ` (line ${exited.line} called proc_exit(${exited.exitCode}): the guest exited${notRun > 0 ? `, ${count(notRun, 'step')} not run` : ''})` : '';
      const why = stoppedBy ? ` (${stoppedBy})` : failed ? ` (line ${failed.line} failed${failed.error ? `: ${errorText(failed.error)}` : ''})` : exit;
      const out = [`memscope heap ${parsed.args.sequence}: after ${steps.length} of ${count(lines.length, 'step')}${why}`, '', 'memory map:'];
      out.push(...(h.map.length > 0 ? formatMemoryMap(h.map).map((l) => `  ${l}`) : ['  (nothing to name: no data segments, stack pointer or heap)']));
      if (h.stackPointer !== null) out.push(`stack pointer: ${hexAddress(h.stackPointer)}`);
      if (statics.listed.length > 0) {
        out.push('', `statics (${statics.total}, the program's own first):`);
        for (const v of statics.listed) out.push(`  ${hexAddress(v.address).padStart(10)}  ${v.name} = ${v.value ?? `(${v.size ?? '?'} B)`}${v.type ? `  (${shortType(v.type)})` : ''}`);
        if (statics.total > statics.listed.length) out.push(`  … ${statics.total - statics.listed.length} more (--json lists them all)`);
      }
      out.push('', ...formatHeapSummary(h, final));
      // The causes beside the damage: a corrupt walk above often follows an overflow listed here.
      if (problems.length > 0) out.push('', `heap problems (${problems.length}):`, ...problems.map((p) => `  line ${p.line}: ${formatProblem(p.problem)}`));
      if (h.live.length > 0) {
        out.push('', '   address        size  owner  line  made by, what it is');
        const what = typedText(h);
        for (const b of h.live) {
          out.push(`  ${hexAddress(b.address).padStart(10)} ${String(b.size).padStart(9)} B  ${b.owner.padEnd(5)}  ${String(b.line ?? '-').padStart(4)}  ${blockMaker(b)}${what(b.address)}`);
        }
      }
      process.stdout.write(`${out.join('\n')}\n`);
    }
    if (interrupted) return signalStatus(interrupted);
    return failed ? 1 : 0;
  } finally {
    await session.dispose();
  }
}

/**
 * Why there is no heap to show, in the CLI's words: the heap is walked in the guest's worker, and
 * a step that ran past its limit, hit the memory cap or was interrupted took the worker with it.
 * The text's lines, and the same as `--json`'s `error` (the step's code, one message, its line).
 */
function heapLost(stoppedBy: string | null, failed: StepRecord | undefined, terminated: boolean, error: MemscopeError, after: string): {
  lines: string[]; error: { code: string; message: string; line?: number };
} {
  if (stoppedBy) {
    const line = `${stoppedBy}: the guest was stopped, and its heap cannot be walked without it`;
    return { lines: [line], error: { code: failed?.error?.code ?? error.code, message: line, ...(failed ? { line: failed.line } : {}) } };
  }
  if (!terminated || !failed?.error) return { lines: [errorText(error)], error: { code: error.code, message: error.message } };
  // `--step N` runs the first N steps: the heap just before the one that ended the worker.
  const ended = `step ${failed.index + 1} (line ${failed.line}) ended the guest's worker`;
  const none = `the heap is walked in that worker, so there is none to show; --step ${failed.index} shows the heap before line ${failed.line}`;
  return {
    lines: [`${after}: ${ended}: ${errorText(failed.error)}`, none],
    error: { code: failed.error.code, message: `${ended}: ${failed.error.message}; ${none}`, line: failed.line },
  };
}

/** Statics listed in the text (--json lists all): a Rust std or libc++ build names dozens. */
const STATICS_LISTED = 20;

/** The module's DWARF statics, the program's own first, with their values now (`max` of them read). */
async function staticValues(session: Session, max: number): Promise<{ total: number; listed: { name: string; address: number; size: number | null; type: string | null; value: string | null }[] }> {
  const all = ownStaticsFirst(session.info.statics ?? []);
  const read = readerOf(session);
  const listed = await Promise.all(all.slice(0, max).map(async (v) => ({
    name: v.name, address: v.address, size: v.size, type: v.type,
    value: (await staticValue(v, session.info.staticTypes, read, session.info))?.text ?? null,
  })));
  return { total: all.length, listed };
}

/** The options heap takes (its usage's); run's others (--coredump, --explain…) did nothing here. */
const HEAP_OPTIONS = {
  values: { '--step': 'a step count (0 or more)', '--module': RUN_OPTIONS.values['--module'] },
  flags: ['--json', '--deterministic', '--help', '-h'],
} as const satisfies OptionSpec;

function parseArgs(argv: string[]): { args: RunArgs; step?: number; stepText?: string } | string {
  // Read once, by the rules every command shares (option-args.ts): a second --step or --module
  // is refused, `--` ends the options. The options were read a second time by run's reading,
  // from an argv rebuilt out of the first, which two readings had to keep agreeing on.
  const scanned = scanArgs(argv, HEAP_OPTIONS);
  if (typeof scanned === 'string') return scanned;
  const { values, flags, positional } = scanned;
  const value = values.get('--step');
  // Digits past what a number holds exactly are a count, only larger than any sequence's: refused
  // below as any count past the sequence's steps is, with the steps it has (it once read as
  // "--step takes a step count (0 or more)", which it is).
  const step = value !== undefined && /^[0-9]+$/.test(value) ? wholeNumber(value) ?? Infinity : wholeNumber(value);
  if (value !== undefined && step === null) return `--step takes a step count (0 or more), not "${value}"`;
  const help = flags.has('--help') || flags.has('-h');
  // The sequence file by run's rule (one file, not -).
  const sequence = help ? { file: '' } : sequenceArgument(positional);
  if (sequence.error !== undefined) return sequence.error;
  const args: RunArgs = {
    sequence: sequence.file, module: values.get('--module'), json: flags.has('--json'), deterministic: flags.has('--deterministic'), help,
    strict: false, strictHeap: false, traceWrites: false, explain: false,
  };
  return step === null ? { args } : { args, step, stepText: value };
}
