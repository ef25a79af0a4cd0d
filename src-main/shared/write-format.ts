// Write provenance as text and as --json, one formatter for the CLI and the UI: who wrote a
// byte ("written by `greeting`+0x2f in step 4"), a step's writers, and watch hits.

import type { ModuleInfo, SourceLine, StaticVariable, StepRecord, TypedBlock, WatchHit, WriteRecord } from './dto.ts';
import { stopFrames, writerVariables } from './frame-locals.ts';
import { sourceText } from './source-text.ts';
import { blockParts } from './static-values.ts';
import { lastWriteStart } from './watch-hits.ts';
import { valueWritten } from './statics.ts';

/**
 * A host writer's name: `host` (a sequence's write step) or `module:import` (`wasi:fd_read`,
 * `env:emscripten_memcpy_big`, `go:runtime.getRandomData`). One colon: a guest function's name
 * may hold `::` (C++, Rust), never a single one after a plain word.
 */
export function isHostWriter(name: string): boolean {
  return name === 'host' || /^[\w$-]+:(?!:)/.test(name);
}

/** `greeting+0x2f`, `put+0x4b (statics.c:17:23)` with a DWARF line; host writers (`host`, `wasi:fd_read`) stand alone. */
export function formatWriter(w: { function: string; offset: number; source?: SourceLine }): string {
  if (isHostWriter(w.function)) return w.function;
  return `${w.function}+0x${w.offset.toString(16)}${w.source ? ` (${sourceText(w.source)})` : ''}`;
}

/** The write record covering `address` in a step, if the step traced one. */
export function writerAt(step: StepRecord, address: number): WriteRecord | undefined {
  const writes = step.writes;
  if (!writes) return undefined;
  let lo = 0;
  let hi = writes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (writes[mid]!.end <= address) lo = mid + 1;
    else hi = mid;
  }
  const w = writes[lo];
  return w && w.start <= address ? w : undefined;
}

/** `written by greeting+0x2f in step 4` for the last step at or before `upTo` that wrote `address`. */
export function describeLastWrite(steps: readonly StepRecord[], address: number, upTo = steps.length - 1): string | null {
  for (let i = Math.min(upTo, steps.length - 1); i >= 0; i--) {
    const w = writerAt(steps[i]!, address);
    if (w) return `written by ${formatWriter(w)} in step ${steps[i]!.index + 1} (line ${steps[i]!.line})`;
  }
  return null;
}

/** A step's writers summed by function: `point_init 8 B, dlmalloc 12 B`, biggest first. */
export function writersSummary(writes: readonly WriteRecord[]): { function: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const w of writes) bytes.set(w.function, (bytes.get(w.function) ?? 0) + w.end - w.start);
  return [...bytes].map(([fn, n]) => ({ function: fn, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * `watch mode @ 0x410 [1]: 00 → 01 by go+0x4d; mode = 5 (stored as 1), was 0 (stored as 0)`:
 * the bytes a watch saw written, and, when the module's statics are given and the bytes are
 * exactly one value of them, that value as the Statics panel reads it (valueWritten); with the
 * writer's frame or, at a stop, the stop's frames, also a local (`; i = 1, was 0`).
 */
export function formatWatchHit(hit: WatchHit, module?: ModuleStatics, step?: StepRecord): string {
  return `watch ${hit.name} @ 0x${hit.address.toString(16)} [${hit.size}]: ${hit.old} → ${hit.value} by ${formatWriter(hit)}${readingOf(hit, module, step)}`;
}

/** What names a watch hit's bytes: a module's statics, and the variables of the functions on the stack at a stop (ModuleInfo's). */
export type ModuleStatics = Pick<ModuleInfo, 'statics' | 'staticTypes' | 'frameLocals' | 'tableFunctions' | 'names'>;

/**
 * `; mode = 5, was 0`, or nothing: a watch hit's bytes read as the value they are (valueWritten),
 * a static's, a variable's of the writer's own frame (writerVariables: any hit whose writer's
 * frame the worker knew), or, when `step` stopped at this hit's write, a parameter's or local's
 * of a function further up the stack then (stopFrames: the callers' frames are known at a stop
 * alone), or a part of a heap block a static's pointer types (StepRecord.hitBlocks: `table[0].val`).
 */
export function readingOf(hit: WatchHit, module: ModuleStatics | undefined, step?: StepRecord): string {
  if (!module) return '';
  const [now, old] = [bytesOf(hit.value), bytesOf(hit.old)];
  const read = (variables: readonly StaticVariable[]): string | null => valueWritten(variables, module.staticTypes, hit.address, now, old, module);
  const byAddress = (variables: StaticVariable[]): StaticVariable[] => variables.sort((a, b) => a.address - b.address);
  const reading = (module.statics && read(module.statics))
    || (module.frameLocals && (read(byAddress(writerVariables(module, hit))) || read(byAddress(stopVariables(hit, module, step)))))
    || (step?.hitBlocks && read(step.hitBlocks.flatMap(blockVariable)));
  return reading ? `; ${reading}` : '';
}

/** A typed heap block as one variable over its elements (`table`, whose bytes read as `table[0].val`), or none (a node whose entry has no parts). */
function blockVariable(t: TypedBlock): StaticVariable[] {
  const parts = blockParts(t);
  return parts ? [{ name: parts.path, address: parts.address, size: null, type: null, unit: null, layout: parts.layout }] : [];
}

/** The variables of the stop's frames by address, when `hit` is of the write `step` stopped at (its last hits: the stop's and those of the same write before it). */
function stopVariables(hit: WatchHit, module: ModuleStatics, step: StepRecord | undefined): StaticVariable[] {
  const hits = step?.watchHits;
  if (!hits) return [];
  if (!hits.slice(lastWriteStart(hits)).includes(hit)) return [];
  return stopFrames(module, step).flatMap((f) => f.variables);
}

/** "2a 00" → its bytes (WatchHit's hex). */
function bytesOf(hex: string): Uint8Array {
  return hex === '' ? new Uint8Array(0) : Uint8Array.from(hex.split(' '), (h) => parseInt(h, 16));
}

/** The text lines `memscope run` prints under a traced step; `module`: its statics, which read the watched values. */
export function formatStepWrites(step: StepRecord, module?: ModuleStatics): string[] {
  const lines: string[] = [];
  if (step.writes && step.writes.length > 0) {
    const all = writersSummary(step.writes);
    const shown = all.slice(0, 6).map((w) => `${w.function} ${w.bytes} B`).join(', ');
    // A coarse step's writers count every byte written in its changed blocks, changed or not
    // (tracing.ts takeStep): said, since they can sum to more than the bytes the step changed.
    const counted = step.changesCoarse ? ' (bytes written in the changed 4 KiB blocks, changed or not)' : '';
    lines.push(`written by ${shown}${all.length > 6 ? `, … ${all.length - 6} more` : ''}${counted}`);
  }
  if (step.writesDropped) lines.push(`… ${step.writesDropped} more write records not kept`);
  for (const hit of step.watchHits ?? []) lines.push(formatWatchHit(hit, module, step));
  if (step.watchHitsDropped) lines.push(hitsDroppedText(step.watchHitsDropped));
  return lines;
}

/** `… 344 more watch hits not kept`: a step's hits past its limit (StepRecord.watchHitsDropped), as the CLI, the call log and the DAP say it. */
export function hitsDroppedText(dropped: number): string {
  return `… ${dropped} more watch hits not kept`;
}

/** --json: `writes`, `watchHits` and `watchHitsDropped` with exactly the documented fields. */
export function writesToJson(step: StepRecord): Record<string, unknown> {
  return {
    ...(step.writes ? { writes: step.writes.map(({ start, end, function: fn, offset, source }) => ({ start, end, function: fn, offset, ...(source ? { source } : {}) })) } : {}),
    ...(step.watchHits && step.watchHits.length > 0
      ? { watchHits: step.watchHits.map(({ name, address, size, value, function: fn, offset, source }) => ({ name, address, size, value, function: fn, offset, ...(source ? { source } : {}) })) }
      : {}),
    ...(step.watchHitsDropped ? { watchHitsDropped: step.watchHitsDropped } : {}),
  };
}
