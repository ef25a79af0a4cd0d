// Builds the contract's SessionView (whole) and SessionDelta (small) from the engine session,
// which owns every fact in them; the backend adds only the id that tells sessions apart and the
// sequence text saved to a file (which the engine, knowing no files written, cannot know).

import type { SequenceView, SessionDelta, SessionView } from '../shared/contract.ts';
import { MemoryImage, type Session } from '../engine/index.ts';

/** What the backend adds to the engine's session. */
export interface SessionMeta {
  id: string;
  /** The sequence as last opened from or saved to a file (SequenceView.savedText); '': none. */
  savedText: string;
}

export function sessionDelta(meta: SessionMeta, s: Session | MemoryImage): SessionDelta {
  if (s instanceof MemoryImage) return imageDelta(meta, s);
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
  if (s.pausedInStep !== null) delta.pausedInStep = s.pausedInStep;
  if (s.watches.length > 0) delta.watches = s.watches.map((w) => ({ ...w }));
  return delta;
}

export function sessionView(meta: SessionMeta, s: Session | MemoryImage): SessionView {
  if (s instanceof MemoryImage) return imageView(meta, s);
  const { id, state, nextStep, regions, bindings, memorySize, cannotStep, terminated, exitCode, pausedInStep, watches } = sessionDelta(meta, s);
  const view: SessionView = {
    id,
    moduleName: s.moduleName,
    moduleSha256: s.moduleSha256,
    info: s.info,
    sequence: sequenceView(meta, s),
    state,
    nextStep,
    steps: [...s.steps],
    regions,
    bindings,
    memorySize,
    breakpoints: [...s.breakpoints],
    cannotStep,
    output: s.output,
    initCall: s.initCall,
    traceWrites: s.traceWrites,
  };
  if (terminated) view.terminated = terminated;
  if (exitCode !== undefined) view.exitCode = exitCode;
  if (pausedInStep !== undefined) view.pausedInStep = pausedInStep;
  if (watches) view.watches = watches;
  if (s.registered.length > 0) view.registered = [...s.registered];
  return view;
}

function sequenceView(meta: SessionMeta, s: Session): SequenceView | null {
  const text = s.sequenceText;
  if (text === null) return null;
  const view: SequenceView = { name: s.sequenceName!, text, errors: [...s.sequenceErrors], stepLines: [...s.stepLines], bookmarks: s.bookmarks };
  if (s.otherModule) view.otherModule = s.otherModule;
  if (meta.savedText !== text) view.savedText = meta.savedText;
  return view;
}

/** A read-only image: its memory, the call log and names it was saved with, never a next step. */
function imageDelta(meta: SessionMeta, s: MemoryImage): SessionDelta {
  return {
    id: meta.id, state: s.state, nextStep: s.nextStep, regions: [...s.regions], bindings: { ...s.bindings },
    memorySize: s.memorySize, cannotStep: s.whyCannotStep(),
  };
}

function imageView(meta: SessionMeta, s: MemoryImage): SessionView {
  return {
    ...imageDelta(meta, s),
    moduleName: s.moduleName, moduleSha256: s.moduleSha256, info: s.info, sequence: null, steps: [...s.steps],
    breakpoints: [], output: [], initCall: null, traceWrites: false, image: s.imageInfo,
  };
}
