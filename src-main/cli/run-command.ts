// `memscope run SEQUENCE …`: parse the sequence, load its module into a Session (guest in a
// worker, real WASI), run every step, print them (or one JSON object), optionally write a
// snapshot. Exit 0 all steps ok, 1 a step failed, 2 usage/parse/load errors, 130/143 interrupted
// by SIGINT/SIGTERM (what ran still printed).

import { basename, dirname, resolve } from 'node:path';
import {
  formatSourceError, glueBeside, looksLikeCoredump, MAX_MODULE_FILE_BYTES, MAX_SEQUENCE_FILE_BYTES, modulePath, parseSequence, readFailureText, readRegularFile, Session, unreadableModule,
  snapshotFormatForPath,
} from '../engine/index.ts';
import type { SessionConfig } from '../engine/index.ts';
import type { HeapSummary, MemscopeError, StepRecord } from '../shared/dto.ts';
import { explainStep } from '../shared/explain.ts';
import { KnownAddresses } from '../shared/known-addresses.ts';
import { formatStopLocals, readStopLocals } from '../shared/frame-locals.ts';
import { blockToJson, formatHeapSummary, leaksJson } from '../shared/heap-format.ts';
import { sequenceOver } from '../shared/sequence-over.ts';
import { readerOf } from '../shared/static-follow.ts';
import { whereSuffix } from './error-where.ts';
import { parseRunArgs, RUN_USAGE, type RunArgs } from './run-args.ts';
import { refuseCommandLine, writeRefusal, type Refusal } from './refusal.ts';
import { signalStatus, stopOnSignal } from './interrupt.ts';
import { RunOutput } from './run-output.ts';
import { targetProblem, type Target } from './output-targets.ts';
import { bindingToJson, callToJson, formatInitCall, formatNotRun, formatStepError, formatStep, stepToJson } from './run-format.ts';
import { writeWhole } from '../write-whole.ts';
import { errorText, stackLines } from '../shared/error-format.ts';
import { count } from '../shared/count.ts';
import { sequenceText } from '../shared/sequence-text.ts';
import { notAModule, notASequence } from '../shared/file-kind.ts';

const EXIT_OK = 0;
const EXIT_STEP_FAILED = 1;
const EXIT_USAGE = 2;

export default async function runCommand(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv);
  if (typeof args === 'string') return refuseCommandLine('run', argv, args, RUN_USAGE);
  if (args.help) {
    process.stdout.write(`${RUN_USAGE}\n`);
    return EXIT_OK;
  }
  const opened = await openSession(args);
  if (!opened.ok) {
    writeRefusal(opened, args.json);
    return EXIT_USAGE;
  }
  const session = opened.session;
  try {
    return await runAll(session, args);
  } finally {
    await session.dispose();
  }
}

/** A session to run, or why not: the lines to print, and the errors for --json. */
type Opened = { ok: true; session: Session } | Refusal;

function refused(messages: string[], ...errors: MemscopeError[]): Refusal {
  return { ok: false, messages, errors };
}

/**
 * The first line names the file; a start function's trap follows with the guest's stack. A
 * refusal of the inputs ('usage': glue beside the module that is not its glue) is a sentence that
 * names its own file, so it is said alone: behind the module's path and a "usage:" it read
 * `m.wasm: usage: m.js is not …`, two files, or one twice.
 */
function describeLoadError(file: string, error: MemscopeError): string[] {
  const first = error.code === 'usage' ? error.message : `${file}: ${errorText(error)}`;
  return [`memscope run: ${first}${whereSuffix(error.where)}`, ...stackLines(error).map((l) => `    ${l}`)];
}

export async function openSession(args: RunArgs): Promise<Opened> {
  const seqFile = resolve(args.sequence);
  let seqBytes: Uint8Array;
  try {
    seqBytes = await readRegularFile(seqFile, MAX_SEQUENCE_FILE_BYTES);
  } catch (e) {
    return refused([`memscope run: cannot read sequence ${args.sequence}: ${readFailureText(e)}`], { code: 'io', message: `cannot read sequence ${args.sequence}: ${readFailureText(e)}`, where: { file: args.sequence } });
  }
  // A memory image or glue given where the sequence goes (run or heap) was read as a sequence: a
  // snapshot refused as "not UTF-8" at some byte of its binary, a coredump as a module to give as
  // the module, glue as a parse error; none said what it is or what reads it.
  const wrong = notASequence(args.sequence, seqBytes, looksLikeCoredump(seqBytes));
  if (wrong) return refused([`memscope run: ${wrong}`], { code: 'usage', message: wrong, where: { file: args.sequence } });
  const decoded = sequenceText(seqBytes, args.sequence);
  if (!decoded.ok) return refused([formatSourceError(decoded.error)], decoded.error);
  const text = decoded.value;
  const baseDir = dirname(seqFile);
  const parsed = parseSequence(text, args.sequence);
  if (parsed.errors.length > 0) return refused(parsed.errors.map(formatSourceError), ...parsed.errors);

  const modFile = args.module ? resolve(args.module) : modulePath(parsed.sequence.directives, baseDir);
  if (!modFile) return refused([`memscope run: ${args.sequence} has no "module" directive; pass --module FILE`], { code: 'usage', message: `${args.sequence} has no "module" directive; pass --module FILE`, where: { file: args.sequence } });
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(modFile, MAX_MODULE_FILE_BYTES);
  } catch (e) {
    // Named by the sequence: said at its module line, as a parse error is.
    const error = unreadableModule(modFile, readFailureText(e), args.module ? undefined : { directives: parsed.sequence.directives, file: args.sequence });
    return refused([args.module ? `memscope run: ${error.message}` : formatSourceError(error)], error);
  }

  // A memory image or glue given as the module, by its name or its contents, in the words
  // export-host and the debug adapter use, naming it as given (or as the module line resolves):
  // a snapshot was "malformed-module: bad magic number", and a coredump reached the engine's
  // refusal, which knows only its base name, so `memscope snapshot crash.wasm` missed it from
  // another directory.
  const notModule = notAModule(args.module ?? modFile, bytes, looksLikeCoredump(bytes));
  if (notModule) return refused([`memscope run: ${notModule}`], { code: 'usage', message: notModule, where: { file: modFile } });

  const targets: Target[] = [];
  if (args.snapshot !== undefined) targets.push({ option: '--snapshot', path: args.snapshot });
  if (args.coredump !== undefined) targets.push({ option: '--coredump', path: args.coredump });
  // Read first so that it is an input too: a minified module's names come from the .js beside it.
  const glue = await glueBeside(modFile, bytes);
  const problem = targetProblem(targets, args.outputDir, { 'sequence file': seqFile, 'module file': modFile, ...(glue ? { 'glue file': glue.file } : {}) });
  if (problem) return refused([`memscope run: ${problem}`], { code: 'usage', message: problem, where: { file: targets.find((t) => problem.startsWith(t.option))?.path ?? args.outputDir ?? args.sequence } });

  const config: Partial<SessionConfig> = {};
  if (args.timeoutMs !== undefined) config.timeoutMs = args.timeoutMs;
  if (args.deterministic) config.deterministic = true;
  if (args.strict) config.strictImports = true;
  if (args.traceWrites) config.traceWrites = true;
  if (args.historyMb !== undefined) config.historyBudgetBytes = args.historyMb * 1024 * 1024;
  if (args.captureLimitS !== undefined) config.captureLimitMs = args.captureLimitS * 1000;
  const result = await Session.open({
    moduleBytes: bytes, moduleName: basename(modFile), config,
    sequence: { text, file: args.sequence, baseDir, parsed }, ...(glue ? { glue } : {}),
  });
  if (!result.ok) return refused(describeLoadError(modFile, result.error), { ...result.error, where: { file: modFile, ...result.error.where } });
  const errors = result.value.sequenceErrors;
  if (errors.length > 0) {
    await result.value.dispose();
    return refused(errors.map(formatSourceError), ...errors);
  }
  return { ok: true, session: result.value };
}

/** Runs every step of an opened session and prints them (or the JSON object); the exit status. */
export async function runAll(session: Session, args: RunArgs): Promise<number> {
  const print = !args.json;
  const output = new RunOutput(print, args.json);
  const dirError = args.outputDir ? output.openDir(args.outputDir) : null;
  if (dirError) {
    writeRefusal(refused([`memscope run: ${dirError}`], { code: 'io', message: dirError, where: { file: args.outputDir! } }), args.json);
    return EXIT_USAGE;
  }
  const restoreStdout = args.snapshot || args.coredump || args.outputDir ? output.outliveStdout() : null;
  try {
    const status = await runSteps(session, args, output);
    return output.stdoutGone ? STATUS_STDOUT_GONE : status;
  } finally {
    restoreStdout?.();
  }
}

/** A reader of our stdout went away: the status of a process ended by SIGPIPE, as main.ts ends with. */
const STATUS_STDOUT_GONE = 141;

async function runSteps(session: Session, args: RunArgs, output: RunOutput): Promise<number> {
  const print = !args.json;
  const names = session.info.namesFrom ? ` (its names from ${session.info.namesFrom})` : '';
  if (print) process.stdout.write(`memscope run ${args.sequence}: ${session.moduleName}${names}, ${count(session.stepLines.length, 'step')}\n`);
  // What `_initialize` printed, then its entry: a step's output likewise comes before its lines.
  for (const chunk of session.startupOutput) output.push(chunk);
  if (print && session.initCall) process.stdout.write(output.ownLine(`${formatInitCall(session.initCall).join('\n')}\n`));
  // Step text is batched (one write per turn of the event loop, not per step); guest output
  // flushes it first, so the two stay in order.
  const pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length > 0) process.stdout.write(output.ownLine(pending.join('')));
    pending.length = 0;
  };
  const unsubscribe = session.on('output', (chunk) => {
    flush();
    // A reader slower than the guest: the guest waits in its write until ours has drained, so
    // nothing piles up here (issue 13, item 5); the wait is not charged to the step's limit.
    const full = output.push(chunk);
    if (full) void full.then(session.holdOutput());
  });
  // Text mode prints each record and drops it, so a long run holds none of them here; --json
  // needs them all for its one object (which it writes with the final regions).
  const steps: StepRecord[] = [];
  let ran = 0;
  let failed: StepRecord | undefined;
  let last: StepRecord | undefined;
  /** The line of each heap problem the steps reported, in order (one entry per problem). */
  const problemLines: number[] = [];
  const addresses = new KnownAddresses();
  const unsubscribeStep = session.on('step', (step) => {
    ran++;
    last = step;
    if (!step.ok) failed ??= step;
    for (let i = 0; i < (step.heap?.problems.length ?? 0); i++) problemLines.push(step.line);
    if (!print) {
      steps.push(step);
      return;
    }
    const known = addresses.next(step, session.regions).at(step.index);
    pending.push(`${formatStep(step, session.regions, known, session.info).join('\n')}\n`);
    if (args.explain) pending.push(`${explainStep(step, session.regions, known).map((l) => `       ≈ ${l}`).join('\n')}\n`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
  // Ctrl+C: the running step is stopped and the run still reported (interrupt.ts).
  const interrupt = stopOnSignal(session);
  try {
    await session.run({ collect: false });
    // Paused at a watch's stop: the writer's variables and its callers', read now (memory is as right after the write).
    const frames = await readStopLocals(session.info, session.lastRecord, readerOf(session));
    if (print) for (const locals of frames) pending.push(`           ${formatStopLocals(locals)}\n`);
    // The steps a proc_exit left, said once where they would have been listed.
    const lines = session.stepLines;
    if (print && last?.exitCode !== undefined && ran < lines.length) pending.push(`${formatNotRun(lines.slice(ran), { line: last.line, exitCode: last.exitCode })}\n`);
    flush();
    unsubscribe();
    unsubscribeStep();
    output.close();

    const interrupted = interrupt.signal;
    // A Ctrl+C from here on ends the report; it used to "stop" a session with nothing running,
    // so the heap was lost and the status still said the run was fine.
    interrupt.ended();
    // Both, whatever became of the first: a snapshot that failed used to skip the coredump unsaid.
    const unwritten: { what: string; file: string; line: string }[] = [];
    const snapshotLine = args.snapshot ? await writeSnapshot(session, args.snapshot) : null;
    if (snapshotLine) unwritten.push({ what: 'the snapshot', file: args.snapshot!, line: snapshotLine });
    const coredumpLine = args.coredump ? await writeCoredump(session, args.coredump) : null;
    if (coredumpLine) unwritten.push({ what: 'the coredump', file: args.coredump!, line: coredumpLine });
    const snapshotError = unwritten.length > 0 ? unwritten.map((u) => u.line).join('\n') : null;
    const heap = await session.heap({ references: true });
    // Leaks only once the sequence is over (sequenceOver owns the rule): a step that failed part
    // way left steps unrun that may free what it allocated, and at a watch's stop the paused call
    // has not returned (a block only its wasm locals hold is freed a line later); what they kept
    // is shown as not freed yet, in the words `memscope heap` and the Heap panel use there.
    const final = sequenceOver(session.state, session.nextStep, session.stepLines.length, session.exitCode !== undefined);
    /** With --strict-heap, leaks fail the run as problems do, and so do leaks a failed walk left unknown. */
    const leaks: LeakCount = !heap.ok || !final ? 0 : heap.value.leaksUnknown ? 'unknown' : heap.value.leaks.length;
    const strictHeapFails = args.strictHeap && (problemLines.length > 0 || leaks !== 0);
    if (args.json) {
      const [locals, ...callerLocals] = frames;
      const json: Record<string, unknown> = { ...toJson(session, steps, output, heap.ok ? heap.value : null, final), ...(locals ? { locals } : {}), ...(callerLocals.length ? { callerLocals } : {}) };
      // A file asked for and not written fails the run (status 2): `"ok": true` said otherwise.
      const errors: MemscopeError[] = unwritten.map((u) => ({ code: 'io', message: u.line.replace(/^memscope run: /, ''), where: { file: u.file } }));
      // --strict-heap's failure (status 1) said `"ok": true` with every step green.
      if (strictHeapFails) errors.push({ code: 'heap-problem', message: `--strict-heap: ${heapTally(problemLines, leaks)}` });
      if (errors.length > 0) {
        json.ok = false;
        json.errors = errors;
      }
      process.stdout.write(`${JSON.stringify(interrupted ? { ...json, interrupted } : json)}\n`);
    } else {
      // Not final (see above), the scan is still shown: the live blocks are real.
      if (heap.ok) process.stdout.write(output.ownLine(`${formatHeapSummary(heap.value, final).join('\n')}\n`));
      const tally = `${ran} of ${session.stepLines.length} steps ran`;
      const summary = interrupted
        ? `✗ interrupted by ${interrupted}${failed ? ` in step ${failed.index + 1} (line ${failed.line})` : ''}; ${tally}`
        : failed ? `✗ step ${failed.index + 1} (line ${failed.line}) failed; ${tally}`
        // The steps went well but a file was not written (the status is 2): "✓" said all was well.
        : unwritten.length > 0 ? `✗ ${okTally(ran, session.stepLines.length - ran, session.exitCode !== undefined)}; ${unwritten.map((u) => u.what).join(' and ')} not written`
        : okSummary(okTally(ran, session.stepLines.length - ran, session.exitCode !== undefined), problemLines, args.strictHeap ? leaks : null);
      process.stdout.write(output.ownLine(`${summary}${session.exitCode !== undefined ? `, exit code ${session.exitCode}` : ''}\n`));
    }
    if (snapshotError) process.stderr.write(`${snapshotError}\n`);
    if (interrupted) return signalStatus(interrupted);
    if (failed) return EXIT_STEP_FAILED;
    if (strictHeapFails) {
      if (args.json) process.stderr.write(`memscope run: --strict-heap: ${heapTally(problemLines, leaks)}\n`);
      return EXIT_STEP_FAILED;
    }
    return snapshotError ? EXIT_USAGE : EXIT_OK;
  } finally {
    interrupt.dispose();
  }
}

/**
 * No step failed: `✓ 11 steps ok`, or with heap problems `⚠ 11 steps ok, 2 heap problems (lines
 * 20, 25)`; with --strict-heap (`strictLeaks`: the leaks it counts, else null) problems and leaks
 * make it a failure (✗). `ok` is okTally's.
 */
function okSummary(ok: string, problemLines: number[], strictLeaks: LeakCount | null): string {
  if (strictLeaks !== null && (problemLines.length > 0 || strictLeaks !== 0)) return `✗ ${ok}, ${heapTally(problemLines, strictLeaks)} (--strict-heap)`;
  return problemLines.length === 0 ? `✓ ${ok}` : `⚠ ${ok}, ${heapTally(problemLines, 0)}`;
}

/**
 * `11 steps ok`; after a proc_exit(0) that ended the run early (a success, as the exit status
 * says), also the steps it left: `1 step ok, 1 step not run (the guest exited)`, so a green
 * summary never hides an `expect` that was never checked.
 */
function okTally(ran: number, notRun: number, exited: boolean): string {
  const ok = `${count(ran, 'step')} ok`;
  return notRun > 0 ? `${ok}, ${count(notRun, 'step')} not run${exited ? ' (the guest exited)' : ''}` : ok;
}

/** The leaks at the end: how many, or 'unknown' after a failed heap walk (HeapSummary.leaksUnknown). */
type LeakCount = number | 'unknown';

/** `2 heap problems (lines 20, 25)`, `1 leak` … for the summary and --strict-heap's message. */
function heapTally(problemLines: number[], leaks: LeakCount): string {
  const parts: string[] = [];
  if (problemLines.length > 0) {
    const lines = [...new Set(problemLines)];
    parts.push(`${count(problemLines.length, 'heap problem')} (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})`);
  }
  if (leaks === 'unknown') parts.push('leaks unknown (the heap walk failed)');
  else if (leaks > 0) parts.push(count(leaks, 'leak'));
  return parts.join(', ');
}

function toJson(session: Session, steps: StepRecord[], output: RunOutput, heap: HeapSummary | null, final: boolean): Record<string, unknown> {
  return {
    // proc_exit(0) before the last step ends the run successfully (as the exit status says).
    ok: steps.every((s) => s.ok) && (steps.length === session.stepLines.length || session.exitCode === 0),
    module: session.moduleName,
    moduleSha256: session.moduleSha256,
    // A reactor's `_initialize`, run at instantiation (the text's first entry); absent otherwise.
    ...(session.initCall ? { initCall: callToJson(session.initCall) } : {}),
    steps: steps.map((s) => stepToJson(s, session.regions)),
    // The steps after the last one in `steps` (after a failure, an interrupt or a proc_exit), and
    // their lines (the text lists them after a proc_exit: `– lines 3, 4: not run`): absent when all ran.
    ...(steps.length < session.stepLines.length ? { notRun: session.stepLines.length - steps.length, notRunLines: session.stepLines.slice(steps.length) } : {}),
    bindings: Object.fromEntries(Object.entries(session.bindings).map(([k, v]) => [k, bindingToJson(v)])),
    regions: session.regions,
    ...output.json(),
    // Always present: the proc_exit code, or null when the guest never called proc_exit (a
    // command whose _start returns normally skips proc_exit(0) in wasi-libc and Rust's std).
    exitCode: session.exitCode ?? null,
    // The heap at the end (FORMAT.md): null allocator and walker when it is not walked.
    heap: {
      allocator: heap?.allocator ?? null,
      walker: heap?.walker ?? null,
      live: (heap?.live ?? []).map(blockToJson),
      ...leaksJson(heap, final),
    },
    ...(session.terminated ? { terminated: session.terminated } : {}),
  };
}

/** Writes a Wasm coredump of the final state; returns an error line, or null when written. */
async function writeCoredump(session: Session, file: string): Promise<string | null> {
  const exported = await session.exportCoredump();
  if (!exported.ok) return formatStepError(exported.error).join('\n');
  try {
    await writeWhole(file, exported.value.bytes);
  } catch (e) {
    return `memscope run: cannot write coredump ${file}: ${readFailureText(e)}`;
  }
  // Written, but a debugger reading it would take these for the values at the end (Go's stack
  // pointer read as 0): said, not a failure.
  const initial = exported.value.initialOnly;
  if (initial.length > 0) {
    process.stderr.write(`memscope run: note: coredump ${file}: ${initial.length === 1 ? 'global' : 'globals'} ${initial.join(', ')} written with ${initial.length === 1 ? 'its initial value' : 'their initial values'} (the guest keeps ${initial.length === 1 ? 'it' : 'them'} private, so the value at the end could not be read)\n`);
  }
  return null;
}

/** Writes the final memory; returns an error line, or null when written. */
async function writeSnapshot(session: Session, file: string): Promise<string | null> {
  const exported = await session.exportSnapshot({ format: snapshotFormatForPath(file) });
  // Which file was not written, as when writing fails: a bare "✗ the memory is empty" named none.
  if (!exported.ok) return `memscope run: cannot write snapshot ${file}: ${exported.error.message}`;
  try {
    await writeWhole(file, exported.value.bytes);
    return null;
  } catch (e) {
    return `memscope run: cannot write snapshot ${file}: ${readFailureText(e)}`;
  }
}
