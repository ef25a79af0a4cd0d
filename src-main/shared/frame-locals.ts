// The parameters and locals of the function a watch's stop paused in, from DWARF's frame
// variables (FrameLocals) and the frame base the stop saw: each a StaticVariable at its place in
// memory, so whatever reads a static (the Statics panel, the DAP's Variables, the CLI) reads it.

import type { ModuleInfo, StaticVariable, StepRecord } from './dto.ts';
import { staticValue, type ReadMemory } from './static-follow.ts';

/** The paused function's name and its variables in scope at the write, parameters first; null when the step did not stop at a watch or DWARF does not place that function's variables. */
export interface StopLocals {
  function: string;
  variables: StaticVariable[];
}

export function stopLocals(info: Pick<ModuleInfo, 'frameLocals'>, record: StepRecord | null | undefined): StopLocals | null {
  if (record?.error?.code !== 'watchpoint') return null;
  const base = record.watchHits?.at(-1)?.frameBase;
  const top = record.error.stack?.[0];
  if (base === undefined || top === undefined || top.funcIndex === null) return null;
  const frame = info.frameLocals?.find((f) => f.funcIndex === top.funcIndex);
  if (!frame) return null;
  const at = top.offset;
  const inScope = frame.variables.filter((v) => !v.scope || at === undefined || (at >= v.scope[0] && at < v.scope[1]));
  // A name declared again in an inner block hides the outer one there: the narrowest scope wins.
  const width = (v: (typeof inScope)[number]): number => (v.scope ? v.scope[1] - v.scope[0] : Infinity);
  const byName = new Map<string, (typeof inScope)[number]>();
  for (const v of inScope) {
    const seen = byName.get(v.name);
    if (!seen || width(v) < width(seen)) byName.set(v.name, v);
  }
  const shown = [...byName.values()].sort((a, b) => Number(b.parameter ?? false) - Number(a.parameter ?? false));
  return {
    function: top.name,
    variables: shown.map(({ offset, parameter: _p, scope: _s, ...v }) => ({ ...v, address: (base + offset) >>> 0, unit: null })),
  };
}

/** A stop's variable as read: its value as the Statics panel reads it (null when its bytes do not read as one: its type stands in). */
export interface LocalValue {
  name: string;
  type: string | null;
  address: number;
  value: string | null;
}

/** The stop's variables read through `read` (memory is as right after the write); null when the record has none (stopLocals). */
export async function readStopLocals(info: Pick<ModuleInfo, 'frameLocals' | 'staticTypes'>, record: StepRecord | null | undefined,
  read: ReadMemory): Promise<{ function: string; variables: LocalValue[] } | null> {
  const locals = stopLocals(info, record);
  if (!locals || locals.variables.length === 0) return null;
  const variables = await Promise.all(locals.variables.map(async (v): Promise<LocalValue> =>
    ({ name: v.name, type: v.type, address: v.address, value: (await staticValue(v, info.staticTypes, read))?.text ?? null })));
  return { function: locals.function, variables };
}

/** `locals of scale: p = 0x400, factor = 2, scaled = { x: 6, y: 8 }` (`memscope run`'s line under a stop's frame). */
export function formatStopLocals(locals: { function: string; variables: readonly LocalValue[] }): string {
  return `locals of ${locals.function}: ${locals.variables.map((v) => `${v.name} = ${v.value ?? v.type ?? '?'}`).join(', ')}`;
}
