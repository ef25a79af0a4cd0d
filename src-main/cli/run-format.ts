// How `memscope run` shows steps: readable lines for a person, and the JSON shapes of --json
// (numbers where exactly representable, otherwise decimal strings; text as strings; bytes as hex).

import { initCallTitle, MAX_EXACT_RANGES, type BoundValue, type CallRecord, type MemscopeError, type Region, type StepRecord, type CallValue } from '../shared/dto.ts';
import { formatSourceError } from '../engine/index.ts';
import { errorText, stackLines } from '../shared/error-format.ts';
import { blockToJson, formatStepHeap, problemsListed } from '../shared/heap-format.ts';
import { formatStepWrites, writesToJson, type ModuleStatics } from '../shared/write-format.ts';
import { formatBinding, formatCallExpr, formatValue, formatValues, numberText, type KnownAddress } from '../shared/value-format.ts';
import { count } from '../shared/count.ts';
import { importsBeforeEndText } from '../shared/lost-imports.ts';

export type JsonBinding = number | string | JsonBinding[] | { [field: string]: JsonBinding };

/** A bound value as --json prints it. */
export function bindingToJson(value: BoundValue): JsonBinding {
  switch (value.kind) {
    case 'int': {
      const n = Number(value.value);
      return Number.isSafeInteger(n) ? n : value.value;
    }
    // JSON has no NaN or Infinity, and JSON.stringify writes -0 as 0: those as the text prints them.
    case 'float': return Number.isFinite(value.value) && !Object.is(value.value, -0) ? value.value : numberText(value.value);
    case 'text': return value.value;
    case 'bytes': return value.hex;
    case 'struct':
      return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, bindingToJson(v)]));
    case 'tuple': return value.items.map(bindingToJson);
    case 'js': return value.value;
  }
}

/**
 * A step's error: `✗ file:line:col: code: message`, then its line with a caret under the part
 * that failed (the call, a write's address, an expect's comparison), as a parse error is shown,
 * then the guest stack. It was `✗ code: message` alone, the step named by its line only.
 */
export function formatStepError(error: MemscopeError, indent = ''): string[] {
  const [head, ...caret] = formatSourceError({ ...error, message: errorText(error) }).split('\n');
  return [`${indent}✗ ${head}`, ...caret.map((l) => `${indent}  ${l}`), ...stackLines(error).map((l) => `${indent}    ${l}`)];
}

/** `known`: the i32 values printed in hex as addresses (known-addresses.ts). */
function formatCall(call: CallRecord, indent: string, known: KnownAddress = null): string[] {
  const results = call.results.length === 0 ? '' : ` = ${formatValues(call.results, known)}`;
  const lines = [`${indent}→ ${formatCallExpr(call.export, call.args, known)}${results}  [${call.durationMs.toFixed(2)} ms]`];
  for (const imp of call.imports) lines.push(`${indent}    ${'  '.repeat(imp.within ?? 0)}← ${imp.summary}`);
  if (call.importsDropped) lines.push(`${indent}    ← … ${call.importsDropped} more import calls not kept`);
  return lines;
}

function describeChanges(step: StepRecord): string {
  if (step.changes.length === 0) return 'memory unchanged';
  const runs = count(step.changes.length, 'run');
  const ranges = step.changesCoarse ? `over ${MAX_EXACT_RANGES} ranges, in ${runs} of 4 KiB blocks`
    : count(step.changes.length, 'range');
  const list = step.changes.slice(0, 4).map(([s, e]) => `0x${s.toString(16)}..0x${e.toString(16)}`).join(' ');
  const more = step.changes.length > 4 ? ' …' : '';
  return `wrote ${count(step.changedBytes, 'byte')} in ${ranges}: ${list}${more}`;
}

/**
 * A reactor's `_initialize` (or a module's exported constructors), called when the module was instantiated: the first entry, before
 * any step, as in the UI's call log. It has no sequence line, so that column is blank.
 */
export function formatInitCall(call: CallRecord): string[] {
  return [`     ${call.error ? '✗' : '✓'} ${initCallTitle(call)}`, ...formatCall(call, '       ')];
}

/**
 * The lines printed for one step (stdout/stderr of the guest are printed as they arrive);
 * `known`: the i32 call values printed in hex as addresses (known-addresses.ts), none by default;
 * `module`: its statics, which read what a watch saw written.
 */
export function formatStep(step: StepRecord, regions: readonly Region[], known: KnownAddress = null, module?: ModuleStatics): string[] {
  const mark = step.ok ? '✓' : '✗';
  const lines = [`${String(step.line).padStart(4)} ${mark} ${step.source}`];
  const indent = '       ';
  for (const call of step.calls) lines.push(...formatCall(call, indent, known));
  if (step.importsBeforeEnd) lines.push(`${indent}← ${importsBeforeEndText(step.importsBeforeEnd)}`);
  for (const [name, value] of Object.entries(step.bound)) lines.push(`${indent}${name} = ${formatBinding(value)}`);
  for (const ev of step.regionEvents) {
    const r = regions.find((x) => x.id === ev.region);
    if (r && ev.action !== 'read') {
      lines.push(`${indent}region ${r.name} ${ev.action}: [0x${r.start.toString(16)}, +${r.size})`);
    }
  }
  const growth = step.grew ? `; memory grew ${step.grew.fromPages} → ${step.grew.toPages} pages${step.grew.by ? ` (by ${step.grew.by})` : ''}` : '';
  // Memscope's capture of those changes: its own time, beside the guest's call durations.
  const capture = step.captureMs !== undefined ? `  [capture ${step.captureMs.toFixed(2)} ms]` : '';
  // A call into a module without memory changed nothing it could have: no line saying it did not.
  if ((step.calls.length > 0 && step.memorySize > 0) || step.changes.length > 0 || step.grew) lines.push(`${indent}${describeChanges(step)}${growth}${capture}`);
  for (const line of formatStepWrites(step, module)) lines.push(`${indent}${line}`);
  // Problems the step's error says just below (a refused free, a failed `expect no leaks`'s leaks) are not said twice.
  if (step.heap) for (const line of formatStepHeap({ ...step.heap, problems: problemsListed(step) }, undefined, step.line)) lines.push(`${indent}${line}`);
  if (step.exitCode !== undefined) lines.push(`${indent}proc_exit(${step.exitCode})`);
  if (step.goFunctions) {
    lines.push(`${indent}${step.goFunctions.length > 0 ? `Go set ${step.goFunctions.join(', ')} with js.FuncOf: steps call them by name` : 'Go has no js.FuncOf function set any more'}`);
  }
  if (step.error) lines.push(...formatStepError(step.error, indent));
  return lines;
}

/**
 * The one line for the steps a proc_exit left (exit() in C ends the program; the steps after it
 * never run), in the column of the step lines and in `memscope heap`'s words for the exit: the
 * listing ended at the exit step and said nothing of them, so an `expect` after it read as not
 * there at all. `lines`: the not-run steps' lines, in order (at least one).
 */
export function formatNotRun(lines: readonly number[], exit: { line: number; exitCode: number }): string {
  const which = lines.length === 1 ? `line ${lines[0]}`
    // A long tail as its first and last line: every step line in between is one of them.
    : lines.length <= 4 ? `lines ${lines.join(', ')}` : `lines ${lines[0]} to ${lines.at(-1)} (${count(lines.length, 'step')})`;
  return `     – ${which}: not run (line ${exit.line} called proc_exit(${exit.exitCode}): the guest exited)`;
}

/** A call as --json prints it: its values, and its import calls' values, as their text (i64 exact), the rest as recorded. */
export function callToJson(call: CallRecord): Record<string, unknown> {
  const text = <T extends { args: CallValue[]; results: CallValue[] }>(c: T) => ({ ...c, args: c.args.map(formatValue), results: c.results.map(formatValue) });
  return { ...text(call), imports: call.imports.map(text) };
}

/** One step as --json prints it. */
export function stepToJson(step: StepRecord, regions: readonly Region[]): Record<string, unknown> {
  return {
    line: step.line,
    source: step.source,
    ok: step.ok,
    ...(step.error ? { error: step.error } : {}),
    calls: step.calls.map(callToJson),
    bound: Object.fromEntries(Object.entries(step.bound).map(([k, v]) => [k, bindingToJson(v)])),
    changes: step.changes,
    changedBytes: step.changedBytes,
    ...(step.changesCoarse ? { changesCoarse: true } : {}),
    ...(step.grew ? { grew: step.grew } : {}),
    regions: step.regionEvents.map((ev) => {
      const r = regions.find((x) => x.id === ev.region);
      return { action: ev.action, id: ev.region, name: r?.name, kind: r?.kind, start: r?.start, size: r?.size };
    }),
    durationMs: step.durationMs,
    ...(step.captureMs !== undefined ? { captureMs: step.captureMs } : {}),
    memorySize: step.memorySize,
    ...(step.importsBeforeEnd !== undefined ? { importsBeforeEnd: step.importsBeforeEnd } : {}),
    ...(step.exitCode !== undefined ? { exitCode: step.exitCode } : {}),
    ...(step.heap ? {
      heap: {
        allocated: step.heap.allocated.map(blockToJson), freed: step.heap.freed.map(blockToJson), problems: step.heap.problems,
        ...(step.heap.resized ? { resized: step.heap.resized.map((b) => ({ ...blockToJson(b), from: b.from })) } : {}),
      },
    } : {}),
    ...(step.stackPointer !== undefined ? { stackPointer: step.stackPointer } : {}),
    ...writesToJson(step),
  };
}
