// The session's regions, bindings and Go functions as they were right after an earlier step, for
// exporting that step (a snapshot of step 5 must not carry what steps 6… bound, created or
// freed) and for the views of a step looked back at.

import type { BoundValue, Region, StepRecord } from './dto.ts';

/** Regions created by then, with a later free undone. */
export function regionsAfter(regions: readonly Region[], step: number): Region[] {
  return regions.filter((r) => r.createdStep <= step).map((r) => {
    if (r.freedStep === undefined || r.freedStep <= step) return r;
    const { freedStep: _later, ...live } = r;
    return { ...live, freed: false };
  });
}

/** A step's own bindings (StepRecord.bound), for the steps that bound any. */
export type StepBindings = Pick<StepRecord, 'index' | 'bound'>;

/** Each step's own bindings over the earlier ones, up to and including `step`; `records` ascend. */
export function bindingsAt(records: readonly StepBindings[], step: number): Record<string, BoundValue> {
  const out: Record<string, BoundValue> = {};
  for (const record of records) {
    if (record.index > step) break;
    Object.assign(out, record.bound);
  }
  return out;
}

/** The functions a Go js/wasm module had set with js.FuncOf after `step` (StepRecord.goFunctions); `records` ascend. */
export function goFunctionsAt(records: readonly Pick<StepRecord, 'index' | 'goFunctions'>[], step: number): readonly string[] {
  let out: readonly string[] = [];
  for (const record of records) {
    if (record.index > step) break;
    if (record.goFunctions) out = record.goFunctions;
  }
  return out;
}
