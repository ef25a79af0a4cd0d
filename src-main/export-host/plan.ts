// What every exported host program needs from a sequence, whatever its language: each step's
// export calls with concrete arguments (the `alloc(n)` / `free(p)` pseudo-calls resolved to the
// module's allocator convention, as the engine resolves them), signatures, struct layouts,
// and the WASI set-up from the directives; and, once for all languages, the calls no host can
// make as `memscope run` does (refusals). The language emitters (js.ts, rust.ts, go.ts) only
// spell this out.

import { constantArgRefusal, functionNamesOf, isConstant, layoutOf, locatedError, NUMBERS, registersEmbindFunctions, stepPlace } from '../engine/index.ts';
import type { Expr, Sequence, Step, TypeLayout } from '../engine/index.ts';
import type { AllocatorInfo, MemscopeError, ModuleInfo, ValType } from '../shared/dto.ts';
import { sequenceName } from '../shared/value-format.ts';

/** An argument: a sequence expression, or a constant the allocator convention adds. */
export type Arg = { expr: Expr } | { constant: bigint };

/**
 * Whether the host must check an argument against its parameter's type when it runs, as run does
 * (in range, or the step fails), rather than pass it as it is: one with bound names. One without
 * has been checked here already (callRefusals, with constantArgRefusal).
 */
export function checkedWhenRun(a: Arg): boolean {
  return 'expr' in a && !isConstant(a.expr);
}

export interface HostCall {
  name: string;
  args: Arg[];
  params: ValType[];
  results: ValType[];
  /**
   * Emscripten legalised the i64 result for JavaScript: the export returns its low half as an
   * i32 and passes the high half to env.setTempRet0 (results says i64, the joined value).
   */
  legalized: boolean;
}

export type CallStep = Extract<Step, { kind: 'call' }>;

/**
 * The column run says a failure at the step's own place at (the engine's stepPlace: a call's
 * name, an expect's comparison, else the step). The hosts say those at `line L:C` as run's
 * `file:L:C` does; a part of the line that fails (an argument that does not fit, an address
 * outside memory) they say at its line, the part named in the message.
 */
export function stepColumn(s: Step): number {
  return stepPlace(s).column;
}

/** `alloc(n)` asks for this alignment where the convention takes one (engine: ALLOC_ALIGN). */
const ALLOC_ALIGN = 8n;
/** AssemblyScript's class id of ArrayBuffer, what `alloc(n)` makes there (engine: AS_ARRAYBUFFER_ID). */
const AS_ARRAYBUFFER_ID = 1n;

/** Why an exported host leaves embind's registrations empty and its functions uncalled. */
export const EMBIND_NOT_CALLED = "this host calls the module's exports, not the functions embind registers";

export class HostPlan {
  /** The size expression of each name bound by `alloc(n)`, for frees that need the size. */
  private readonly allocSizes = new Map<string, Expr>();
  /**
   * Each call step's export calls, worked out once, in step order (a `free(p)` takes its size
   * from the `alloc(n)` before it), so the refusals and every emitter see the same calls.
   */
  private readonly stepCalls = new Map<CallStep, HostCall[] | string>();
  /** Why no host can do what the sequence does, as located errors (file:line:column); empty when one can. */
  readonly refusals: MemscopeError[] = [];

  constructor(readonly sequence: Sequence, readonly info: ModuleInfo) {
    for (const step of sequence.steps) {
      if (step.kind !== 'call') continue;
      const calls = this.planCalls(step);
      this.stepCalls.set(step, calls);
      if (typeof calls !== 'string') this.refusals.push(...callRefusals(step, calls, sequence.file));
    }
  }

  get allocator(): AllocatorInfo | null {
    return this.info.allocator;
  }

  signature(name: string): { params: ValType[]; results: ValType[]; legalized: boolean } | null {
    const e = this.info.exports.find((x) => x.kind === 'func' && x.name === name);
    if (e?.kind !== 'func') return null;
    // Emscripten legalised the i64 result: the program joins it with setTempRet0's half.
    return e.legalizedResult ? { ...e.type, results: ['i64'], legalized: true } : { ...e.type, legalized: false };
  }

  /** Whether the program needs the tempRet0 cell: an import or an export of Emscripten's i64 legalisation. */
  get usesTempRet(): boolean {
    return this.info.imports.some((i) => i.binding === 'builtin' && i.builtin === 'tempret') || this.info.exports.some((e) => e.legalizedResult);
  }

  /** The export calls a call step makes, in order; or why it cannot be translated. */
  calls(step: CallStep): HostCall[] | string {
    return this.stepCalls.get(step) ?? this.planCalls(step);
  }

  private planCalls(step: CallStep): HostCall[] | string {
    const direct = this.signature(step.callee);
    const a = this.allocator;
    if (direct) {
      // A direct call of the allocator (`p = alloc(8)` on a Rust module) also sizes a later `free(p)`.
      const target = step.targets[0]?.name;
      const size = a?.convention === 'cabi_realloc' ? step.args[3] : step.args[0];
      if (a && step.callee === a.alloc.name && target && target !== '_' && size) this.allocSizes.set(target, size);
      return [{ name: step.callee, args: step.args.map((expr) => ({ expr })), ...direct }];
    }
    if (step.callee !== 'alloc' && step.callee !== 'free') {
      const embind = registersEmbindFunctions(this.info) ? ` (${EMBIND_NOT_CALLED}; memscope run calls those)` : '';
      return `the module exports no function '${step.callee}'${embind}`;
    }
    if (!a) return `${step.callee}() needs the module's allocator, and none was recognised (an \`allocator ALLOC FREE\` line names one)`;
    const arg = step.args[0];
    if (!arg) return `${step.callee} takes 1 argument`;
    return step.callee === 'alloc' ? this.alloc(a, step, arg) : this.free(a, arg);
  }

  private call(name: string, args: Arg[]): HostCall | string {
    const sig = this.signature(name);
    if (!sig) return `the allocator's export '${name}' is missing`;
    return { name, args: args.slice(0, Math.max(1, sig.params.length)), ...sig };
  }

  private alloc(a: AllocatorInfo, step: CallStep, n: Expr): HostCall[] | string {
    const target = step.targets[0]?.name;
    if (target && target !== '_') this.allocSizes.set(target, n);
    const size = { expr: n };
    let calls: (HostCall | string)[];
    switch (a.convention) {
      case 'cabi_realloc':
        calls = [this.call(a.alloc.name, [{ constant: 0n }, { constant: 0n }, { constant: ALLOC_ALIGN }, size])];
        break;
      case 'assemblyscript':
        // __new(size, ArrayBuffer id), then __pin so the collector keeps it (bound to the target).
        calls = [this.call(a.alloc.name, [size, { constant: AS_ARRAYBUFFER_ID }])];
        if (a.pin) calls.push(this.call(a.pin.name, [{ expr: { kind: 'name', name: target ?? '_', span: n.span } }]));
        break;
      case 'wbindgen':
      case 'declared': // size[, align]: call() keeps as many as the export takes
        calls = [this.call(a.alloc.name, [size, { constant: ALLOC_ALIGN }])];
        break;
      default:
        calls = [this.call(a.alloc.name, [size])];
    }
    const failed = calls.find((c): c is string => typeof c === 'string');
    return failed ?? (calls as HostCall[]);
  }

  private free(a: AllocatorInfo, p: Expr): HostCall[] | string {
    const fn = a.convention === 'assemblyscript' ? (a.unpin ?? a.free) : (a.free ?? a.unpin);
    if (!fn) return `the ${a.convention} allocator has no free function`;
    const sig = this.signature(fn.name);
    const size = p.kind === 'name' ? this.allocSizes.get(p.name) : undefined;
    if (sig && sig.params.length >= 2 && !size) return `${fn.name} needs the allocation's size; call ${fn.name}(p, size) directly in the sequence`;
    const args: Arg[] = [{ expr: p }, ...(size ? [{ expr: size }] : []), { constant: ALLOC_ALIGN }];
    const call = this.call(fn.name, args);
    return typeof call === 'string' ? call : [call];
  }
}

/**
 * The calls of a step that no host can make as `memscope run` does, known before anything runs
 * (validateSequence has refused what run refuses at once: an unknown export, a v128, a reference
 * argument): an argument without bound names that run's own evaluation and conversion refuse
 * when the step runs (Rust's `1.5 as i32` is 1, Go's `wrap(1.5)` does not compile), and a
 * reference result, which run binds as 0 and a host program has no type for.
 */
function callRefusals(step: CallStep, calls: HostCall[], file: string | undefined): MemscopeError[] {
  const at = file === undefined ? { source: step.source } : { file, source: step.source };
  const out: MemscopeError[] = [];
  for (const c of calls) {
    // The hosts bind what a sequence binds (NUMBERS): the same four types.
    const result = c.results.find((t) => !NUMBERS.includes(t));
    if (result) {
      // Refused even when the step binds nothing: a host program declares each export's
      // result types (Rust's typed funcs, Go's uint64 results), and has none for a reference.
      const message = `${sequenceName(c.name)} returns ${result === 'externref' ? 'an' : 'a'} ${result}, which the exported hosts cannot receive, bound or not: they call only exports whose results are i32, i64, f32 or f64`;
      out.push(locatedError('unsupported', message, at, step.calleeSpan));
      continue;
    }
    c.args.forEach((a, k) => {
      const type = c.params[k];
      const refused = 'expr' in a && type ? constantArgRefusal(a.expr, type, `argument ${k + 1} of ${sequenceName(c.name)}`, at) : null;
      if (refused) out.push(refused);
    });
  }
  return out;
}

/** Struct layout of a read type (offsets at natural alignment, as the engine reads them). */
export function structLayout(step: Extract<Step, { kind: 'read' }>): TypeLayout | null {
  return step.type.kind === 'struct' ? layoutOf(step.type) : null;
}

/** The module's own name for an output file: `x.wasm` → `x`. */
export function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.wasm$/i, '');
}

/**
 * The width run keeps with an integer a call step binds, whose signed reading it prints beside
 * it (`4294967295 (0xffffffff, signed -1)`): 32 or 64 for an export's i32 or i64 result; 0 for
 * alloc(n)'s pointer (the allocator's result, not an export the sequence named) and for floats.
 */
export function resultBits(s: CallStep, call: HostCall, type: ValType | undefined): number {
  if (s.callee === 'alloc' && call.name !== 'alloc') return 0;
  return type === 'i32' ? 32 : type === 'i64' ? 64 : 0;
}

const KIND_WORDS: Record<string, string> = { int: 'an integer', float: 'a float', text: 'text', bytes: 'bytes' };

/**
 * Run's fault for an expect whose sides it cannot compare, when their kinds say so before it
 * runs: text or bytes beside a number (`cannot compare text with an integer`); null when they
 * compare. A Go or Rust comparison of a string with a number did not build.
 */
export function incomparable(line: number, left: string, right: string): string | null {
  const numeric = (k: string) => k === 'int' || k === 'float';
  const words = (k: string) => KIND_WORDS[k];
  if ((numeric(left) && (right === 'text' || right === 'bytes')) || (numeric(right) && (left === 'text' || left === 'bytes'))) {
    return `line ${line}: cannot compare ${words(left)} with ${words(right)}`;
  }
  return null;
}

/**
 * The functions the name section does not name, by the name they are exported by, in index
 * order: run's names for them (functionNamesOf), which the Go and Rust programs name a trap's
 * function by where the runtimes have only its index.
 */
export function unnamedExports(plan: HostPlan): [number, string][] {
  const named = plan.info.names?.functions ?? {};
  return Object.entries(functionNamesOf(plan.info)).filter(([i]) => named[Number(i)] === undefined).map(([i, name]) => [Number(i), name]);
}

/** Whether the module has a linear memory, its own or imported (a module with none: each access fails as in run). */
export function hasMemory(plan: HostPlan): boolean {
  return plan.info.memories.length > 0 || plan.info.imports.some((i) => i.kind === 'memory');
}
