// Builds and validates the JSON manifest of a sparse snapshot (what module, which step, the call log).

import type { Region, SnapshotManifest, WasmValue } from '../../shared/dto.ts';
import { hexAddress } from '../../shared/hex.ts';
import { fromJs } from '../../shared/value-format.ts';

/**
 * What a caller knows about a snapshot, as the manifest spells it; the rest is filled in (empty
 * regions, bindings and steps when absent, createdAt now).
 */
export interface ManifestInput extends
  Pick<SnapshotManifest, 'moduleName' | 'moduleSha256' | 'step' | 'line' | 'source' | 'label'>,
  Partial<Pick<SnapshotManifest, 'regions' | 'bindings' | 'steps'>> {
  /** When it was taken; text is a loaded manifest's own, kept as it was (it need not parse as a date). */
  createdAt?: Date | string;
}

/**
 * The label of a snapshot of a coredump's or raw dump's memory (MemoryImage's export): the file
 * it came from. Its one spelling, as snapshotStepText reads it back.
 */
export function dumpLabel(kind: 'coredump' | 'raw', fileName: string): string {
  return `from ${kind === 'coredump' ? 'coredump' : 'raw memory dump'} ${fileName}`;
}

const DUMP_LABEL = /^from (coredump|raw memory dump) /;

/**
 * When a snapshot's memory was taken, with its label, in words: "after step 5 (line 24: text =
 * …)", "before the first step", then `, "label"`. A dump's memory exported as a snapshot (step
 * -1, labelled by dumpLabel) was taken at no step of a sequence: it read "before the first step,
 * "from coredump trap.step9.core.wasm"", of memory taken at a trap; it is said as what it is.
 */
export function snapshotStepText(m: Pick<SnapshotManifest, 'step' | 'line' | 'source' | 'label'>): string {
  if (m.step < 0 && m.label !== undefined && DUMP_LABEL.test(m.label)) return `memory ${m.label}, not taken at a step`;
  const at = m.step < 0 ? 'before the first step' : `after step ${m.step + 1}${m.line ? ` (line ${m.line}: ${m.source})` : ''}`;
  return `${at}${m.label ? `, "${m.label}"` : ''}`;
}

export function makeManifest(input: ManifestInput, memorySize: number, blockSize: number): SnapshotManifest {
  const manifest: SnapshotManifest = {
    format: 'memscope-snapshot',
    version: 1,
    moduleName: input.moduleName,
    moduleSha256: input.moduleSha256,
    step: input.step,
    memorySize,
    blockSize,
    regions: input.regions ?? [],
    bindings: input.bindings ?? {},
    steps: (input.steps ?? []).filter((record) => record.index <= input.step),
    createdAt: typeof input.createdAt === 'string' ? input.createdAt : (input.createdAt ?? new Date()).toISOString(),
  };
  if (input.line !== undefined) manifest.line = input.line;
  if (input.source !== undefined) manifest.source = input.source;
  if (input.label !== undefined) manifest.label = input.label;
  return manifest;
}

/** A checked manifest with only its own fields, in the order Memscope writes them. */
export function ownManifest(m: SnapshotManifest): SnapshotManifest {
  return makeManifest(m, m.memorySize, m.blockSize);
}

/** Checks a parsed manifest's shape; returns a description of the first problem, or null. */
export function manifestProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the manifest is not a JSON object';
  if (value.format !== 'memscope-snapshot') return 'manifest "format" is not "memscope-snapshot"';
  if (value.version !== 1) return `manifest "version" ${JSON.stringify(value.version)} is not supported (expected 1)`;
  for (const key of ['moduleName', 'moduleSha256', 'createdAt'] as const) {
    if (typeof value[key] !== 'string') return `manifest "${key}" must be a string`;
  }
  if (!/^[0-9a-f]{64}$/.test(value.moduleSha256 as string) && value.moduleSha256 !== '') {
    return 'manifest "moduleSha256" must be 64 lowercase hex digits (or empty when unknown)';
  }
  if (!isInt(value.step) || (value.step as number) < -1) return 'manifest "step" must be an integer >= -1';
  if (!isInt(value.memorySize) || (value.memorySize as number) < 0) return 'manifest "memorySize" must be a non-negative integer';
  if (!isInt(value.blockSize) || (value.blockSize as number) <= 0) return 'manifest "blockSize" must be a positive integer';
  if (value.line !== undefined && !isInt(value.line)) return 'manifest "line" must be an integer';
  for (const key of ['source', 'label'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') return `manifest "${key}" must be a string`;
  }
  if (!Array.isArray(value.regions) || !value.regions.every(isRegion)) {
    return 'manifest "regions" must be a list of regions {id, name, kind, start, size, freed, createdStep}';
  }
  const outside = regionOutside(value.regions as Region[], value.memorySize as number);
  if (outside) return outside;
  if (!isObject(value.bindings)) return 'manifest "bindings" must be an object of bound values';
  for (const [name, bound] of Object.entries(value.bindings)) {
    const problem = boundValueProblem(bound, 0);
    if (problem) return `manifest "bindings" → ${JSON.stringify(name)}: ${problem}`;
  }
  if (!Array.isArray(value.steps) || !value.steps.every(isStepRecord)) {
    return 'manifest "steps" must be a list of step records {index, line, source, ok, calls, changes, ...}';
  }
  // Memscope's call log holds the record of every step up to the snapshot's own (makeManifest
  // keeps those; no record is dropped when old memory history is), so a step past the last record
  // is no file Memscope wrote: shown, it read "after step 1000000001 (line 22: …)" of a log of 8 steps.
  // An empty list is a manifest written without its call log, which says nothing of the step.
  const last = value.steps.reduce((max: number, r: { index: number }) => Math.max(max, r.index), -1);
  if (value.steps.length > 0 && (value.step as number) > last) {
    return `manifest "step" ${value.step as number} is past its "steps", whose last record is of step index ${last}`;
  }
  return null;
}

/**
 * The first region not inside [0, memorySize), said with its index; null when all are. A region
 * past the end was listed as if the memory had it (`region p alloc [0xfffa, +64)` of 64 KiB).
 * Overlapping regions are no problem: Memscope writes them (a struct read inside an alloc, a
 * freed block handed out again at the same address).
 */
function regionOutside(regions: readonly Region[], memorySize: number): string | null {
  const k = regions.findIndex((r) => r.start < 0 || r.size < 0 || r.start + r.size > memorySize);
  if (k < 0) return null;
  const r = regions[k]!;
  const why = r.start < 0 ? `starts at ${r.start}, below address 0`
    : r.size < 0 ? `has a negative size (${r.size})`
    : `[${hexAddress(r.start)}, +${r.size}) ends at ${hexAddress(r.start + r.size)}, past the end of the memory (${memorySize} bytes)`;
  return `manifest region ${k} (${JSON.stringify(r.name)}, ${r.kind}) ${why}`;
}

/** Bound values nest (struct fields, tuple items); deeper than this is not something we wrote. */
const MAX_BOUND_DEPTH = 64;

/** The types a `js` bound value (a Go function's result) may have. */
const JS_TYPES: readonly string[] = ['string', 'boolean', 'null', 'undefined', 'object', 'function', 'other'];

/** What is wrong with a BoundValue (dto.ts), or null: every kind with every field it needs. */
function boundValueProblem(v: unknown, depth: number): string | null {
  if (depth > MAX_BOUND_DEPTH) return `nested more than ${MAX_BOUND_DEPTH} levels deep`;
  if (!isObject(v)) return 'not an object';
  switch (v.kind) {
    case 'int':
      return typeof v.value === 'string' && /^-?\d+$/.test(v.value) ? null : '"int" needs "value" as a decimal string';
    case 'float':
      return typeof v.value === 'number' ? null : '"float" needs a numeric "value"';
    case 'text':
      return typeof v.value === 'string' && (v.encoding === 'utf8' || v.encoding === 'utf16') && isInt(v.address) && isInt(v.byteLength)
        ? null : '"text" needs "value", "encoding" (utf8 or utf16), "address" and "byteLength"';
    case 'bytes':
      return typeof v.hex === 'string' && /^([0-9a-f]{2})*$/i.test(v.hex) && isInt(v.address) ? null : '"bytes" needs "hex" (pairs of hex digits) and "address"';
    case 'struct': {
      if (typeof v.type !== 'string' || !isInt(v.address) || !isInt(v.size) || !isObject(v.fields)) {
        return '"struct" needs "type", "address", "size" and "fields"';
      }
      for (const [field, inner] of Object.entries(v.fields)) {
        const problem = boundValueProblem(inner, depth + 1);
        if (problem) return `field ${JSON.stringify(field)}: ${problem}`;
      }
      return null;
    }
    case 'js':
      return typeof v.value === 'string' && JS_TYPES.includes(v.type as string) ? null : `"js" needs "value" and "type" (${JS_TYPES.join(', ')})`;
    case 'tuple': {
      if (!Array.isArray(v.items)) return '"tuple" needs "items"';
      for (const [i, inner] of v.items.entries()) {
        const problem = boundValueProblem(inner, depth + 1);
        if (problem) return `item ${i}: ${problem}`;
      }
      return null;
    }
    default:
      return `unknown kind ${JSON.stringify(v.kind)}`;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isRegion(value: unknown): boolean {
  return isObject(value) && isInt(value.id) && typeof value.name === 'string' && typeof value.kind === 'string' &&
    isInt(value.start) && isInt(value.size) && typeof value.freed === 'boolean' && isInt(value.createdStep);
}

function isStepRecord(value: unknown): boolean {
  return isObject(value) && isInt(value.index) && isInt(value.line) && typeof value.source === 'string' &&
    typeof value.ok === 'boolean' && Array.isArray(value.calls) && value.calls.every(upgradeCall) && Array.isArray(value.changes) &&
    (value.bound === undefined || (isObject(value.bound) && Object.values(value.bound).every((b) => boundValueProblem(b, 0) === null))) &&
    value.changes.every((r) => Array.isArray(r) && r.length === 2 && isInt(r[0]) && isInt(r[1]));
}

/**
 * Checks a call record, and turns its values (and its import calls' values) into WasmValue data
 * where they are decimal text, as manifests written before values travelled as structure held
 * them (the version is still 1).
 */
function upgradeCall(value: unknown): boolean {
  if (!isObject(value) || typeof value.export !== 'string' || !upgradeValues(value, legacyValue)) return false;
  return value.imports === undefined || (Array.isArray(value.imports) && value.imports.every((i) => isObject(i) && upgradeValues(i, legacyImportValue)));
}

function upgradeValues(call: Record<string, unknown>, legacy: (text: string) => WasmValue): boolean {
  if (!Array.isArray(call.args) || !Array.isArray(call.results)) return false;
  for (const list of [call.args, call.results]) {
    for (const [i, v] of list.entries()) {
      if (typeof v === 'string') list[i] = legacy(v);
      else if (!isCallValue(v)) return false;
    }
  }
  return true;
}

/** A CallValue (dto.ts): a wasm value, or a Go function's JavaScript value as its text. */
function isCallValue(v: unknown): boolean {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'js': return typeof v.text === 'string';
    case 'i32': case 'f32': return isInt(v.bits) && (v.bits as number) >= 0 && (v.bits as number) <= 0xffffffff;
    case 'i64': case 'f64': return typeof v.bits === 'string' && /^[0-9a-f]{16}$/.test(v.bits);
    case 'v128': return typeof v.bits === 'string' && /^[0-9a-f]{32}$/.test(v.bits);
    case 'funcref': return v.func === null || isInt(v.func);
    case 'externref': return typeof v.isNull === 'boolean';
    default: return false;
  }
}

/** Old text, typed as best it says: an integer is an i32 when it fits one, else an i64; other text an f64. */
function legacyValue(text: string): WasmValue {
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    return n >= -(1n << 31n) && n < 1n << 31n ? fromJs('i32', Number(n)) : fromJs('i64', n);
  }
  return fromJs('f64', Number(text));
}

/** An import call's old text: WASI wrote i32s unsigned, so 2^31..2^32-1 is an i32 too. */
function legacyImportValue(text: string): WasmValue {
  return /^\d+$/.test(text) && BigInt(text) < 1n << 32n ? fromJs('i32', Number(text)) : legacyValue(text);
}
