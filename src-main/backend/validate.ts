// Checks the params of every contract request as they arrive from outside the process (renderer,
// browser tab). A bad request becomes a 'usage' error value here, so handlers only see good data.

import type { Params, RequestName, StepOptions } from '../shared/contract.ts';
import { MAX_READ_BYTES, type Result, type WatchSpec } from '../shared/dto.ts';
import { TOO_LARGE_INSTEAD } from '../shared/too-large.ts';
import { formatSize } from '../shared/byte-size.ts';
import { lastPathPart } from '../shared/path-name.ts';

/** Largest module or sequence accepted from a client (the wire limit is a little above this). */
export const MAX_MODULE_BYTES = 32 << 20;
export const MAX_SEQUENCE_CHARS = 1 << 20;
/** Largest memory image (coredump, .msnap, .bin) accepted from a client. */
export const MAX_IMAGE_BYTES = 32 << 20;
const MAX_NAME_CHARS = 255;
const MAX_EXPRESSION_CHARS = 1000;
const MAX_BREAKPOINTS = 10_000;
const MAX_WATCHES = 1_000;
/** wasm32 addresses; memory64 is not hosted by the engine. */
const MAX_ADDRESS = 2 ** 32;

type Obj = Record<string, unknown>;
type Check<K extends RequestName> = (p: Obj) => Params<K> | string;

function usage<T>(message: string): Result<T> {
  return { ok: false, error: { code: 'usage', message } };
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function int(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function str(v: unknown, maxLength: number): v is string {
  return typeof v === 'string' && v.length <= maxLength;
}

/** Rejects keys the request does not define, so typos fail loudly instead of being ignored. */
function onlyKeys(p: Obj, keys: string[]): string | null {
  const extra = Object.keys(p).filter((k) => !keys.includes(k));
  return extra.length > 0 ? `unknown parameter ${JSON.stringify(extra[0])}` : null;
}

function fileName(v: unknown): string | null {
  if (!str(v, MAX_NAME_CHARS) || v.length === 0) return null;
  // A display name only; strip any directory part a client may send.
  return lastPathPart(v) || null;
}

/**
 * "image is 40.01 MiB, more than the 32 MiB the app opens; view an image this large with …": a
 * count of bytes named the limit but not the way round it (the page's message limit is higher,
 * so an image between the two reached this refusal).
 */
function tooLarge(what: string, bytes: number, max: number): string {
  const instead = what === 'image' ? TOO_LARGE_INSTEAD.image : what === 'module' ? TOO_LARGE_INSTEAD.module : undefined;
  return `${what} is ${formatSize(bytes)}, more than the ${formatSize(max)} the app opens${instead ? `; ${instead}` : ''}`;
}

/** A file from the client: a display name and its bytes, at most `max` bytes. */
function fileData(v: unknown, what: string, max: number): { name: string; bytes: Uint8Array } | string {
  if (!isObj(v)) return `${what} must be {name, bytes}`;
  const name = fileName(v.name);
  if (name === null) return `${what}.name must be a file name of 1..${MAX_NAME_CHARS} characters`;
  if (!(v.bytes instanceof Uint8Array)) return `${what}.bytes must be bytes`;
  if (v.bytes.length > max) return tooLarge(what, v.bytes.length, max);
  return { name, bytes: v.bytes };
}

/**
 * A sequence {name, text}: openModule's `sequence` parameter (`at` is "sequence."), or the params
 * of setSequence themselves (`at` is ""), so a message names the key the client actually sent.
 */
function sequence(v: unknown, at: string): { name: string; text: string } | string {
  if (!isObj(v)) return 'sequence must be an object {name, text}';
  const name = fileName(v.name);
  if (name === null) return `${at}name must be a file name of 1..${MAX_NAME_CHARS} characters`;
  if (!str(v.text, MAX_SEQUENCE_CHARS)) return `${at}text must be a string of at most ${MAX_SEQUENCE_CHARS} characters`;
  return { name, text: v.text };
}

function optionalStep(p: Obj): number | undefined | string {
  if (p.step === undefined) return undefined;
  return int(p.step, -1, 1e9) ? p.step : 'step must be an integer >= -1 (-1: before the first step)';
}

const none = (p: Obj): Record<string, never> | string => onlyKeys(p, []) ?? {};
/** A request whose only parameter is an optional step (the current one when absent). */
function stepOnly(p: Obj): { step?: number } | string {
  const bad = onlyKeys(p, ['step']);
  if (bad) return bad;
  const step = optionalStep(p);
  if (typeof step === 'string') return step;
  return step === undefined ? {} : { step };
}

/** The options of the requests that run steps or make a fresh session: a `window` a readMemory could ask for, `heap`. */
function withOptions<T extends object>(p: Obj, given: T): (T & StepOptions) | string {
  if (p.heap !== undefined && typeof p.heap !== 'boolean') return 'heap must be true or false';
  const rest = p.heap ? { ...given, heap: true } : given;
  if (p.window === undefined) return rest;
  const w = p.window;
  if (!isObj(w) || onlyKeys(w, ['address', 'length']) || !int(w.address, 0, MAX_ADDRESS) || !int(w.length, 0, MAX_READ_BYTES)) {
    return `window must be {address, length} with an address in [0, 2^32] and a length in [0, ${MAX_READ_BYTES}]`;
  }
  return { ...rest, window: { address: w.address, length: w.length } };
}

/**
 * The check of a request that takes StepOptions besides its own `keys`: `own` checks those
 * (or says what is wrong), then the options are checked and added.
 */
function stepping<T extends object>(keys: string[], own: (p: Obj) => T | string): (p: Obj) => (T & StepOptions) | string {
  return (p) => {
    const bad = onlyKeys(p, [...keys, 'window', 'heap']);
    if (bad) return bad;
    const given = own(p);
    return typeof given === 'string' ? given : withOptions(p, given);
  };
}

const noParams = (): Record<string, never> => ({});

const CHECKS: { [K in RequestName]: Check<K> } = {
  listDemos: none,
  getSession: none,
  heap: stepOnly,
  step: stepping([], noParams),
  run: stepping([], noParams),
  reset: stepping([], noParams),
  stepBack: stepping(['to'], (p) =>
    p.to === undefined ? {} : int(p.to, 0, 1e9) ? { to: p.to } : 'to must be a step index >= 0 (the step that runs next)'),
  reverseContinue: stepping([], noParams),
  setTraceWrites: stepping(['on'], (p) => (typeof p.on === 'boolean' ? { on: p.on } : 'on must be true or false')),
  stop: none,
  openDemo: stepping(['id'], (p) =>
    str(p.id, 100) && /^[a-z0-9][a-z0-9-]*$/.test(p.id) ? { id: p.id } : 'id must be a demo id like "return-string"'),
  openModule: stepping(['module', 'sequence'], (p) => {
    if (!isObj(p.module)) return 'module must be {name, bytes}';
    const m = p.module;
    const name = fileName(m.name);
    if (name === null) return `module.name must be a file name of 1..${MAX_NAME_CHARS} characters`;
    if (!(m.bytes instanceof Uint8Array)) return 'module.bytes must be bytes';
    if (m.bytes.length > MAX_MODULE_BYTES) return tooLarge('module', m.bytes.length, MAX_MODULE_BYTES);
    const glue = m.glue === undefined ? undefined : fileData(m.glue, 'module.glue', MAX_SEQUENCE_CHARS);
    if (typeof glue === 'string') return glue;
    const module = { name, bytes: m.bytes, ...(glue ? { glue } : {}) };
    if (p.sequence === undefined) return { module };
    const seq = sequence(p.sequence, 'sequence.');
    return typeof seq === 'string' ? seq : { module, sequence: seq };
  }),
  openImage: stepping(['image', 'module'], (p) => {
    // Images from a page travel in one frame with the module (see wire.ts): larger ones are for
    // the CLI's `memscope snapshot`, which reads files of any size.
    const image = fileData(p.image, 'image', MAX_IMAGE_BYTES);
    if (typeof image === 'string') return image;
    if (p.module === undefined) return { image };
    const module = fileData(p.module, 'module', MAX_MODULE_BYTES);
    return typeof module === 'string' ? module : { image, module };
  }),
  diffImage: (p) => {
    const bad = onlyKeys(p, ['image', 'step']);
    if (bad) return bad;
    const image = fileData(p.image, 'image', MAX_IMAGE_BYTES);
    if (typeof image === 'string') return image;
    const step = optionalStep(p);
    if (typeof step === 'string') return step;
    return step === undefined ? { image } : { image, step };
  },
  setSequence: stepping(['name', 'text', 'saved', 'whenIdle'], (p) => {
    const given = sequence(p, '');
    if (typeof given === 'string') return given;
    if (p.saved !== undefined && typeof p.saved !== 'boolean') return 'saved must be true or false';
    const seq = p.saved ? { ...given, saved: true } : given;
    if (p.whenIdle === undefined) return seq;
    const w = p.whenIdle;
    if (!isObj(w) || onlyKeys(w, ['nextStep']) || !int(w.nextStep, 0, 1e9)) return 'whenIdle must be {nextStep} with the step count the page knows (an integer >= 0)';
    return { ...seq, whenIdle: { nextStep: w.nextStep } };
  }),
  sequenceSaved: (p) =>
    onlyKeys(p, ['text']) ?? (str(p.text, MAX_SEQUENCE_CHARS) ? { text: p.text } : `text must be a string of at most ${MAX_SEQUENCE_CHARS} characters`),
  setBreakpoints: (p) => {
    const bad = onlyKeys(p, ['lines']);
    if (bad) return bad;
    if (!Array.isArray(p.lines) || p.lines.length > MAX_BREAKPOINTS || !p.lines.every((l) => int(l, 1, 1e7))) {
      return `lines must be an array of at most ${MAX_BREAKPOINTS} line numbers (1-based)`;
    }
    return { lines: [...new Set(p.lines as number[])].sort((a, b) => a - b) };
  },
  runToLine: stepping(['line'], (p) => (int(p.line, 1, 1e7) ? { line: p.line } : 'line must be a 1-based line number')),
  readMemory: (p) => {
    const bad = onlyKeys(p, ['address', 'length', 'step']);
    if (bad) return bad;
    if (!int(p.address, 0, MAX_ADDRESS)) return `address must be an integer in [0, 2^32]`;
    if (!int(p.length, 0, MAX_READ_BYTES)) return `length must be an integer in [0, ${MAX_READ_BYTES}] (1 MiB per request)`;
    const step = optionalStep(p);
    if (typeof step === 'string') return step;
    return step === undefined ? { address: p.address, length: p.length } : { address: p.address, length: p.length, step };
  },
  writeMemory: (p) => {
    const bad = onlyKeys(p, ['address', 'bytes']);
    if (bad) return bad;
    if (!int(p.address, 0, MAX_ADDRESS)) return `address must be an integer in [0, 2^32]`;
    if (!(p.bytes instanceof Uint8Array) || p.bytes.length === 0 || p.bytes.length > MAX_READ_BYTES) return `bytes must be 1 to ${MAX_READ_BYTES} bytes`;
    return { address: p.address, bytes: p.bytes };
  },
  setWatches: (p) => {
    const bad = onlyKeys(p, ['watches']);
    if (bad) return bad;
    if (!Array.isArray(p.watches) || p.watches.length > MAX_WATCHES) return `watches must be an array of at most ${MAX_WATCHES} watches`;
    const watches: WatchSpec[] = [];
    for (const [i, w] of p.watches.entries()) {
      const wrong = !isObj(w) || onlyKeys(w, ['name', 'address', 'size', 'stop', 'frameStep']) !== null || !str(w.name, MAX_NAME_CHARS) || w.name === ''
        || !int(w.address, 0, MAX_ADDRESS) || !int(w.size, 1, MAX_ADDRESS) || typeof w.stop !== 'boolean' || (w.frameStep !== undefined && !int(w.frameStep, 0, 1e9));
      if (wrong) return `watches[${i}] must be { name, address, size, stop, frameStep? }: a non-empty name, an address in [0, 2^32], a size of at least 1, stop true or false, a step index`;
      watches.push({ name: w.name as string, address: w.address as number, size: w.size as number, stop: w.stop as boolean, ...(w.frameStep !== undefined ? { frameStep: w.frameStep as number } : {}) });
    }
    return { watches };
  },
  pageMap: stepOnly,
  evaluate: (p) => {
    const bad = onlyKeys(p, ['expression', 'step']);
    if (bad) return bad;
    if (!str(p.expression, MAX_EXPRESSION_CHARS) || p.expression.trim() === '') {
      return `expression must be a non-empty string of at most ${MAX_EXPRESSION_CHARS} characters`;
    }
    const step = optionalStep(p);
    if (typeof step === 'string') return step;
    return step === undefined ? { expression: p.expression } : { expression: p.expression, step };
  },
  exportCoredump: stepOnly,
  exportHost: (p) => {
    const bad = onlyKeys(p, ['language']);
    if (bad) return bad;
    if (p.language !== 'js' && p.language !== 'rust' && p.language !== 'go') return 'language must be "js", "rust" or "go"';
    return { language: p.language };
  },
  exportSnapshot: (p) => {
    const bad = onlyKeys(p, ['step', 'format']);
    if (bad) return bad;
    if (p.format !== 'bin' && p.format !== 'sparse') return `format must be "bin" or "sparse"`;
    const step = optionalStep(p);
    if (typeof step === 'string') return step;
    return step === undefined ? { format: p.format } : { format: p.format, step };
  },
};

/** What a value that should have been an object is, for the message refusing it. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'bytes';
  return `a ${typeof v}`;
}

/** Validates `params` for request `name`; returns clean params or a 'usage' error. */
export function validateParams<K extends RequestName>(name: K, params: unknown): Result<Params<K>> {
  if (!Object.hasOwn(CHECKS, name)) return usage(`unknown request ${JSON.stringify(name)}`);
  const p = params === undefined ? {} : params;
  if (!isObj(p)) return usage(`${name}: params must be an object, not ${kindOf(p)}`);
  const checked = (CHECKS[name] as Check<K>)(p);
  return typeof checked === 'string' ? usage(`${name}: ${checked}`) : { ok: true, value: checked };
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(CHECKS, name);
}
