// Data breakpoints of `memscope dap`: what range of linear memory a variable, an expression or an
// address names (dataBreakpointInfo), and the dataId that carries it to setDataBreakpoints,
// where each becomes a live `watch … stop` (Session.setWatches). Only writes can be watched:
// write tracing sees stores, not loads.

import type { DebugProtocol } from '@vscode/debugprotocol';
import { layoutOf, parseSequence } from '../engine/index.ts';
import type { Session, TypeLayout, WatchSpec } from '../engine/index.ts';
import type { BoundValue } from '../shared/dto.ts';
import { expressionError } from './expression-error.ts';
import { memoryReference, parseMemoryReference } from './memory-ref.ts';
import type { VariableSource } from './variables.ts';
import { partPath } from '../shared/static-values.ts';
import { stopLocals } from '../shared/frame-locals.ts';

/** A watched range and the name it is shown (and reported) under. */
export interface DataTarget {
  address: number;
  size: number;
  label: string;
  /**
   * A local's bytes: the step (0-based) whose guest call has the stack frame they are in. The
   * breakpoint ends when that call returns, as gdb deletes a watchpoint on a local when its
   * frame is left: later calls reuse the bytes for their own frames.
   */
  frameStep?: number;
}

/** Bytes watched when only an address is given (as `watch NAME @ ADDR` does). */
const DEFAULT_SIZE = 4;
const ADDRESSABLE = 2 ** 32;

/**
 * `0x1040/4/pt.y`: the range in the id itself, so it outlives the stop it was made in; a local's
 * also names the step whose call holds its frame: `0x10f8c/4@3/i (in the stack frame)`.
 */
export function encodeDataId(t: DataTarget): string {
  return `${memoryReference(t.address)}/${t.size}${t.frameStep !== undefined ? `@${t.frameStep}` : ''}/${t.label}`;
}

export function decodeDataId(id: string): DataTarget | null {
  const m = /^(0x[0-9a-f]+)\/(\d+)(?:@(\d+))?\/(.+)$/is.exec(id);
  if (!m) return null;
  const address = parseMemoryReference(m[1]!);
  const size = Number(m[2]);
  if (address === null || size < 1 || address + size > ADDRESSABLE) return null;
  return { address, size, label: m[4]!, ...(m[3] !== undefined ? { frameStep: Number(m[3]) } : {}) };
}

type Info = DebugProtocol.DataBreakpointInfoResponse['body'];

/**
 * The answer to dataBreakpointInfo: a dataId for write access, or null and why not. `source`:
 * what args.variablesReference names (the adapter refuses one this stop did not give out).
 */
export function dataBreakpointInfo(session: Session, args: DebugProtocol.DataBreakpointInfoArguments, source: VariableSource | undefined): Info {
  const inFrame = source ? null : frameName(session, args);
  const target = source ? childTarget(session, source, args.name)
    : inFrame ? childTarget(session, inFrame, args.name.trim()) : expressionTarget(session, args);
  if (typeof target === 'string') return { dataId: null, description: target };
  // `bytes` from the variable's address too (the spec: "from the address or variable"): dropped
  // for a variable, the breakpoint watched the variable's own size and said nothing.
  const sized = args.bytes !== undefined ? { ...target, size: args.bytes } : target;
  // A 0-byte type (C's `struct empty {}`, Rust's `()`, a zero-length array) shares its address
  // with whatever follows: watched as 1 byte, it stopped at writes to that other variable.
  if (sized.size === 0 && args.bytes === undefined) return { dataId: null, description: `${sized.label} takes 0 bytes: there is nothing of it to watch (a data breakpoint needs at least 1 byte)` };
  if (!Number.isSafeInteger(sized.size) || sized.size < 1) return { dataId: null, description: `${sized.label}: a data breakpoint needs at least 1 byte` };
  if (sized.address + sized.size > ADDRESSABLE) return { dataId: null, description: `${sized.label}: [${memoryReference(sized.address)}, +${sized.size}) is past 4 GiB` };
  // Said here, where VS Code asks before offering the breakpoint: a range past memory now is
  // most likely a slip. setDataBreakpoints sets a kept id past it (see watchesFor).
  const past = pastMemory(sized, session.memorySize);
  if (past) return { dataId: null, description: past };
  return {
    dataId: encodeDataId(sized),
    description: `${sized.label} [${memoryReference(sized.address)}, +${sized.size})`,
    accessTypes: ['write'],
    // An address range means the same in the next session of the same program; a frame's bytes do not.
    canPersist: sized.frameStep === undefined,
  };
}

/** A child of a Variables container: a binding, a struct field, a region, a heap block or a static. */
function childTarget(session: Session, source: VariableSource, name: string): DataTarget | string {
  switch (source.kind) {
    case 'bindings': {
      const value = session.bindings[name];
      return value ? valueTarget(name, value) : `no binding named '${name}'`;
    }
    case 'value': {
      if (source.value.kind !== 'struct') return `${name} is not in memory`;
      const field = fieldTarget(source.value, name);
      return field ?? `${name} is not a field of ${source.value.type}`;
    }
    case 'regions': {
      const region = session.regions.find((r) => r.name === name && !r.freed);
      if (!region || region.size < 1) return `no live region named '${name}'`;
      return { address: region.start, size: region.size, label: name };
    }
    case 'heap': {
      const block = source.heap.live.find((b) => memoryReference(b.address) === name);
      return block ? { address: block.address, size: block.size, label: `block ${name}` } : `no live heap block at ${name}`;
    }
    case 'statics': {
      const v = session.info.statics?.find((s) => s.name === name);
      if (!v) return `the module's DWARF names no static '${name}'`;
      return { address: v.address, size: v.size ?? 1, label: name };
    }
    case 'locals': {
      // Its bytes in the paused frame: once the function returns, later calls' frames reuse them.
      const v = source.variables.find((s) => s.name === name);
      if (!v) return `no local named '${name}' in this frame`;
      const frameStep = session.pausedInStep;
      if (frameStep === null) return `${name} is a local of a call that is no longer paused: its frame is gone`;
      return { address: v.address, size: v.size ?? 1, label: `${name} (in the stack frame)`, frameStep };
    }
    case 'part': {
      const l = source.layout;
      // An element of a slice of a long array (arraySlices) is named by its index in the whole array.
      const element = /^\[(\d+)\]$/.exec(name);
      const index = element ? Number(element[1]) - (source.first ?? 0) : -1;
      if (l.kind === 'array' && index >= 0 && (l.count === null || index < l.count)) {
        return { address: source.address + index * l.stride, size: l.stride, label: partPath(source.path, name) };
      }
      // A Rust enum's fields are its variants': each at its own offset whichever variant is there.
      const fields = l.kind === 'struct' ? [...l.fields, ...(l.variants?.cases.flatMap((c) => c.layout?.fields ?? []) ?? [])] : [];
      const f = fields.find((field) => (field.name || '(anonymous)') === name);
      return f ? { address: source.address + f.offset, size: f.size ?? 1, label: partPath(source.path, name) } : `no part named '${name}' in ${source.path}`;
    }
    case 'entries': {
      const entry = source.shown?.find((e) => e.name === name);
      return entry ? { address: entry.address, size: entry.part.size ?? 1, label: partPath(source.path, name) } : `no entry named '${name}' in ${source.path}`;
    }
  }
}

/**
 * A name in a guest frame (frameId 1…: VS Code's Watch view's "Break on Value Change" in a C or
 * Rust source) as evaluate reads it there: the frame's local of that name, else a static; null
 * for anything else, which is the sequence's expression. It was always the sequence's: a local
 * was an unknown name, though evaluate showed its value in the same frame.
 */
function frameName(session: Session, args: DebugProtocol.DataBreakpointInfoArguments): VariableSource | null {
  const name = args.name.trim();
  if (args.frameId === undefined || args.frameId < 1 || args.asAddress) return null;
  const locals = stopLocals(session.info, session.lastRecord, args.frameId - 1)?.variables ?? [];
  if (locals.some((v) => v.name === name)) return { kind: 'locals', variables: locals };
  const count = session.info.statics?.length ?? 0;
  return session.info.statics?.some((v) => v.name === name) ? { kind: 'statics', from: 0, to: count } : null;
}

/** The memory a bound value was read from; numbers are the sequence's own copies, not memory. */
function valueTarget(label: string, value: BoundValue): DataTarget | string {
  switch (value.kind) {
    case 'struct': return { address: value.address, size: value.size, label };
    case 'text': return { address: value.address, size: Math.max(1, value.byteLength), label };
    case 'bytes': return { address: value.address, size: Math.max(1, value.hex.length / 2), label };
    default: return `${label} is a value the sequence holds, not memory: watch the address it came from (e.g. "p + 4" with a size)`;
  }
}

/** A field of a struct read, at the offset C's layout rule gives it (the type the read named). */
function fieldTarget(struct: Extract<BoundValue, { kind: 'struct' }>, name: string): DataTarget | null {
  const layout = structLayout(struct.type);
  const field = layout?.fields.find((f) => f.name === name);
  if (!field) return null;
  return { address: struct.address + field.offset, size: field.layout.size, label: name };
}

/** The layout of a struct type as a binding shows it (`{x: i32, y: i32}`), through the sequence parser. */
function structLayout(typeText: string): TypeLayout | null {
  const parsed = parseSequence(`v = read ${typeText} @ 0\n`);
  const step = parsed.sequence.steps[0];
  if (parsed.errors.length > 0 || step?.kind !== 'read' || step.type.kind !== 'struct') return null;
  return layoutOf(step.type);
}

/** An expression (a binding, or arithmetic over them, giving an address) or, with asAddress, an address. */
function expressionTarget(session: Session, args: DebugProtocol.DataBreakpointInfoArguments): DataTarget | string {
  const text = args.name.trim();
  if (args.asAddress) {
    const address = parseMemoryReference(text);
    return address === null ? `"${text}" is not an address` : { address, size: DEFAULT_SIZE, label: memoryReference(address) };
  }
  const bound = session.bindings[text];
  if (bound && bound.kind !== 'int') return valueTarget(text, bound);
  const value = session.evaluate(text);
  if (!value.ok) return expressionError(value.error, false);
  const address = Number(value.value);
  if (!Number.isSafeInteger(address) || address < 0) return `${text} = ${value.value} is not an address`;
  // A number (a pointer binding such as `p`, or `p + 4`) is the address to watch.
  return { address, size: DEFAULT_SIZE, label: text };
}

/** Why `target` is not inside linear memory of `memorySize` bytes, or null when it is. */
function pastMemory(target: DataTarget, memorySize: number): string | null {
  const range = `[${memoryReference(target.address)}, +${target.size})`;
  if (target.address >= memorySize) return `${target.label}: ${range} starts past the end of memory at ${memoryReference(memorySize)}`;
  if (target.address + target.size > memorySize) {
    return `${target.label}: ${range} runs past the end of memory at ${memoryReference(memorySize)}: at most ${memorySize - target.address} bytes fit there`;
  }
  return null;
}

/**
 * setDataBreakpoints' list as watches that stop, with each breakpoint's answer; ids count up per
 * adapter. `pausedIn`: the step paused in at a watch's stop (its call's frames are live), or null.
 * `memorySize`: linear memory's size now. A range past it is set whole, not clipped, and its
 * answer says so: the engine watches memory the guest has not grown yet, and memory is smaller
 * now after going back before a memory.grow, or at the launch a persisted id is sent again in.
 * Refused, the breakpoint the client re-sends with every change of its list was dropped there,
 * and the write into the grown page ran past it.
 */
export function watchesFor(breakpoints: readonly DebugProtocol.DataBreakpoint[], nextId: () => number, pausedIn: number | null, memorySize: number): {
  watches: WatchSpec[];
  answers: DebugProtocol.Breakpoint[];
  /** Watch name → breakpoint id, for the stopped event's hitBreakpointIds. */
  ids: Map<string, number>;
} {
  const watches: WatchSpec[] = [];
  const ids = new Map<string, number>();
  const answers = breakpoints.map((bp): DebugProtocol.Breakpoint => {
    const target = decodeDataId(bp.dataId);
    if (!target) return { verified: false, message: `"${bp.dataId}" is not a data breakpoint id from dataBreakpointInfo` };
    if (target.frameStep !== undefined && target.frameStep !== pausedIn) {
      return { verified: false, message: `${target.label}: the call of step ${target.frameStep + 1} whose frame held it has returned, and later calls reuse its bytes` };
    }
    if ((bp.accessType ?? 'write') !== 'write') return { verified: false, message: `only writes can be watched (write tracing sees stores, not loads); "${bp.accessType}" is not supported` };
    if (bp.condition || bp.hitCondition) return { verified: false, message: 'conditions on data breakpoints are not supported: it stops at every write' };
    // Names are unique in a watch set: a second breakpoint on the same label gets a suffix.
    let name = target.label;
    for (let k = 2; ids.has(name); k++) name = `${target.label}#${k}`;
    const id = nextId();
    ids.set(name, id);
    // On a local: the session ends it when the paused call returns (WatchSpec.frameStep).
    watches.push({ name, address: target.address, size: target.size, stop: true, ...(target.frameStep !== undefined ? { frameStep: target.frameStep } : {}) });
    const past = pastMemory({ ...target, label: name }, memorySize);
    return { id, verified: true, message: past ? `${past}: it stops at writes there once the guest grows memory over it` : `${name} [${memoryReference(target.address)}, +${target.size})` };
  });
  return { watches, answers, ids };
}
