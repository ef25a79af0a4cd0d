// Builds the contract's SessionView (whole) and SessionDelta (small) from the engine session,
// which owns every fact in them; the backend adds only the id that tells sessions apart.

import type { SessionDelta, SessionView } from '../shared/contract.ts';
import type { Session } from '../engine/index.ts';

/** What the backend adds to the engine's session: an id per opened session. */
export interface SessionMeta {
  id: string;
}

export function sessionDelta(meta: SessionMeta, s: Session): SessionDelta {
  const delta: SessionDelta = {
    id: meta.id,
    state: s.state,
    nextStep: s.nextStep,
    regions: [...s.regions],
    bindings: { ...s.bindings },
    memorySize: s.memorySize,
    cannotStep: s.whyCannotStep(),
  };
  if (s.terminated) delta.terminated = s.terminated;
  if (s.exitCode !== undefined) delta.exitCode = s.exitCode;
  return delta;
}

export function sessionView(meta: SessionMeta, s: Session): SessionView {
  const { id, state, nextStep, regions, bindings, memorySize, cannotStep, terminated, exitCode } = sessionDelta(meta, s);
  const view: SessionView = {
    id,
    moduleName: s.moduleName,
    moduleSha256: s.moduleSha256,
    info: s.info,
    sequence: s.sequenceText !== null
      ? { name: s.sequenceName!, text: s.sequenceText, errors: [...s.sequenceErrors], stepLines: [...s.stepLines] }
      : null,
    state,
    nextStep,
    steps: [...s.steps],
    regions,
    bindings,
    memorySize,
    breakpoints: [...s.breakpoints],
    cannotStep,
    startupOutput: [...s.startupOutput],
    initCall: s.initCall,
    traceWrites: s.traceWrites,
  };
  if (terminated) view.terminated = terminated;
  if (exitCode !== undefined) view.exitCode = exitCode;
  return view;
}
