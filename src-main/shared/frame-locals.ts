// The parameters and locals of the functions on the stack at a watch's stop, from DWARF's frame
// variables (FrameLocals): the writer's at the frame base the stop saw, each caller's at its
// callee's frame base plus the callee's frame size (frame-size.ts says why). Each variable is a
// StaticVariable at its place in memory, so whatever reads a static (the Statics panel, the
// DAP's Variables, the CLI) reads it.

import type { FrameLocals, ModuleInfo, StaticVariable, StepRecord, WatchHit } from './dto.ts';
import { staticValue, type ReadMemory } from './static-follow.ts';

/** A function's name and its variables in scope at the write (or, out a frame, at the call), parameters first. */
export interface StopLocals {
  function: string;
  /** Its frame on the stop's stack: 0 the writer's, 1 its caller's, … */
  depth: number;
  variables: StaticVariable[];
}

/**
 * The variables of guest frame `depth` at a watch's stop (0: the writer, paused at the write; 1:
 * its caller, at that call; …). Null when the step did not stop at a watch, DWARF does not place
 * that function's variables, or a frame inside it has no frame size to step out by.
 */
export function stopLocals(info: Pick<ModuleInfo, 'frameLocals'>, record: StepRecord | null | undefined, depth = 0): StopLocals | null {
  return placedFrames(info, record, depth + 1)[depth] ?? null;
}

/** The frames of a watch's stop with variables to show, innermost first (stopLocals at depth 0, 1, … until one cannot be placed). */
export function stopFrames(info: Pick<ModuleInfo, 'frameLocals'>, record: StepRecord | null | undefined): StopLocals[] {
  return placedFrames(info, record, Infinity).filter((locals) => locals.variables.length > 0);
}

/** The stop's first `limit` frames that can be placed, innermost first: each caller's frame base is its callee's plus the callee's frame size. */
function placedFrames(info: Pick<ModuleInfo, 'frameLocals'>, record: StepRecord | null | undefined, limit: number): StopLocals[] {
  if (record?.error?.code !== 'watchpoint') return [];
  const stack = record.error.stack ?? [];
  const out: StopLocals[] = [];
  let base = record.watchHits?.at(-1)?.frame?.base;
  for (let depth = 0; depth < limit && base !== undefined; depth++) {
    const top = stack[depth];
    const frame = frameOf(info, top);
    if (!top || !frame) break;
    out.push({ function: top.name, depth, variables: frameVariables(frame, base, top.offset) });
    base = frame.frameSize === undefined ? undefined : base + frame.frameSize;
  }
  return out;
}

/**
 * The variables of a hit's writer in scope at its write, when the worker knew its frame (a
 * function whose variables DWARF places from a frame base): what names the writer's own frame's
 * bytes at any hit, a stop's or not.
 */
export function writerVariables(info: Pick<ModuleInfo, 'frameLocals'>, hit: WatchHit): StaticVariable[] {
  const frame = hit.frame && frameOf(info, hit.frame);
  return frame ? frameVariables(frame, hit.frame!.base, hit.frame!.at) : [];
}

/** `frame`'s variables in scope at code offset `at` (undefined: all), placed from frame base `base`, parameters first. */
function frameVariables(frame: FrameLocals, base: number, at: number | undefined): StaticVariable[] {
  const inScope = frame.variables.filter((v) => !v.scope || at === undefined || (at >= v.scope[0] && at < v.scope[1]));
  // A name declared again in an inner block hides the outer one there: the narrowest scope wins.
  const width = (v: (typeof inScope)[number]): number => (v.scope ? v.scope[1] - v.scope[0] : Infinity);
  const byName = new Map<string, (typeof inScope)[number]>();
  for (const v of inScope) {
    const seen = byName.get(v.name);
    if (!seen || width(v) < width(seen)) byName.set(v.name, v);
  }
  const shown = [...byName.values()].sort((a, b) => Number(b.parameter ?? false) - Number(a.parameter ?? false));
  return shown.map(({ offset, parameter: _p, scope: _s, ...v }) => ({ ...v, address: (base + offset) >>> 0, unit: null }));
}

/** Each module's FrameLocals by function, made on first use: every watch hit a run prints looks its writer up. */
const byFunction = new WeakMap<readonly FrameLocals[], Map<number, FrameLocals>>();

function frameOf(info: Pick<ModuleInfo, 'frameLocals'>, frame: { funcIndex: number | null } | undefined): FrameLocals | undefined {
  const all = info.frameLocals;
  if (frame?.funcIndex == null || !all) return undefined;
  let map = byFunction.get(all);
  if (!map) byFunction.set(all, (map = new Map(all.map((f) => [f.funcIndex, f]))));
  return map.get(frame.funcIndex);
}

/** A stop's variable as read: its value as the Statics panel reads it (null when its bytes do not read as one: its type stands in). */
export interface LocalValue {
  name: string;
  type: string | null;
  address: number;
  value: string | null;
}

/** The variables of each frame stopFrames places, read through `read` (memory is as right after the write). */
export async function readStopLocals(info: Pick<ModuleInfo, 'frameLocals' | 'staticTypes' | 'tableFunctions' | 'names'>, record: StepRecord | null | undefined,
  read: ReadMemory): Promise<{ function: string; variables: LocalValue[] }[]> {
  return Promise.all(stopFrames(info, record).map(async (locals) => ({
    function: locals.function,
    variables: await Promise.all(locals.variables.map(async (v): Promise<LocalValue> =>
      ({ name: v.name, type: v.type, address: v.address, value: (await staticValue(v, info.staticTypes, read, info))?.text ?? null }))),
  })));
}

/** `locals of scale: p = 0x400, factor = 2, scaled = { x: 6, y: 8 }` (`memscope run`'s line under a stop's frame). */
export function formatStopLocals(locals: { function: string; variables: readonly LocalValue[] }): string {
  return `locals of ${locals.function}: ${locals.variables.map((v) => `${v.name} = ${v.value ?? v.type ?? '?'}`).join(', ')}`;
}
