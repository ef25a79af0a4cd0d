// Runs the steps of a parsed sequence one at a time inside the worker, against a GuestPort.
// Owns the bound names and the regions; faults in a step become error values, while
// exceptions from guest calls (traps, proc_exit, timeouts) propagate to the runtime.

import type { BoundValue, HeapBlock, MemscopeError, Region, RegionEvent, ValType } from '../../shared/dto.ts';
import { formatSize } from '../../shared/byte-size.ts';
import { count } from '../../shared/count.ts';
import { hexAddress } from '../../shared/hex.ts';
import { float32Text, sequenceName } from '../../shared/value-format.ts';
import { MemoryFault } from '../memory/guest-memory.ts';
import type { Expr, Sequence, Span, Step } from './ast.ts';
import { allocEffect, callAlloc, callFree, freesBlocks, isCRealloc, sizeArguments } from './allocator.ts';
import { fromWasmResult, resultToBound, toWasmArg } from './convert.ts';
import { SequenceFault, locatedError, quoted } from './errors.ts';
import { fastEval, type ValueOf } from './fast-eval.ts';
import { compare, evaluate, fromBound, kindOf, namesF32, showValue, toBound, toOffset } from './expr.ts';
import type { Lookup, Value } from './expr.ts';
import { executeRead, executeWrite } from './memory-steps.ts';
import type { ReadOperands, StepContext, StepOutput } from './memory-steps.ts';
import type { GoArgument, GuestPort, HeapHooks } from './port.ts';
import { RegionTracker } from './regions.ts';
import { stepFailure, stepPlace } from './step-place.ts';
import { calleeKind } from './validate.ts';

export type { GuestPort } from './port.ts';

export interface ExecutedStep {
  bound: Record<string, BoundValue>;
  regionEvents: RegionEvent[];
  error?: MemscopeError;
  snapshotLabel?: string;
}

type CallStep = Extract<Step, { kind: 'call' }>;
type ReadStep = Extract<Step, { kind: 'read' }>;
type WriteStep = Extract<Step, { kind: 'write' }>;
/** A step's output, plus its bound names as expression values where the step had them. */
type RunOutput = StepOutput & { values?: Record<string, Value> };

/** Largest address toOffset accepts. */
const MAX_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);

const literal = (value: bigint, span: Span): Expr => ({ kind: 'int', value, span });

/** fromBound needs a span only for a tuple's fault, and tuples are never converted here. */
const NO_SPAN: Span = { line: 0, column: 0, length: 0 };

export class SequenceExecutor {
  private readonly bound = new Map<string, BoundValue>();
  private readonly tracker = new RegionTracker();
  /** Signatures never change during a session; the port may parse them on every ask. */
  private readonly sigs = new Map<string, ReturnType<GuestPort['signature']>>();
  /**
   * Bound names as expression values (integers as bigint), converted once when bound rather
   * than parsed from their decimal text on every use. Bytes, tuples and JavaScript values are
   * left out: their lookups take the slow path, which builds a fresh value (or the fault) each time.
   */
  private readonly values = new Map<string, Value>();
  private readonly valueOf: ValueOf = (n) => this.values.get(n);
  private readonly lookup: Lookup = (n) => this.bound.get(n);
  private readonly slow = (e: Expr): Value => evaluate(e, this.lookup);
  /** One context reused by every read and write step (steps run one at a time). */
  private readonly ctx: StepContext;
  /** The call step running: a `free!(p)` makes the free even when the ledger says it is wrong. */
  private callStep: CallStep | null = null;

  constructor(private readonly sequence: Sequence, private readonly port: GuestPort) {
    this.ctx = {
      mem: port.memory(),
      regions: this.tracker,
      lookup: this.lookup,
      step: 0,
      assemblyScript: port.allocator?.convention === 'assemblyscript',
    };
  }

  bindings(): Record<string, BoundValue> {
    return Object.fromEntries(this.bound);
  }

  regions(): Region[] {
    return this.tracker.all();
  }

  /** Copies of the regions these events created or freed (see RegionTracker.changedBy). */
  regionsChangedBy(events: readonly RegionEvent[]): Region[] {
    return this.tracker.changedBy(events);
  }

  /**
   * Step i freed `freed` (the heap walk after the step saw them): the regions on those blocks
   * end. A block the guest freed changed owner (`consume(buf)` freeing `buf`), and a read of
   * bytes in a guest block named what is gone; a block the host freed through a free that is
   * not told sizes (`free(r)`) ended at the call only the regions starting at `r`, and now the
   * rest inside it (`text` read at r + 4). A block freed and handed out again at the same
   * address in the same step is live again, so its regions stay (a realloc in place is
   * neither: the ledger calls it resized).
   */
  freedInStep(i: number, freed: readonly HeapBlock[], allocated: readonly HeapBlock[]): RegionEvent[] {
    const events: RegionEvent[] = [];
    for (const block of freed) {
      if (!allocated.some((b) => b.address === block.address)) events.push(...this.tracker.free(block.address, i, block.size));
    }
    return events;
  }

  /** Executes step i. Guest-call exceptions propagate; everything else is an error value. */
  execute(i: number): ExecutedStep {
    const step = this.sequence.steps[i];
    if (!step) throw new RangeError(`no step ${i}: the sequence has ${this.sequence.steps.length}`);
    // Made once the step has run: an empty bound and event list made first were garbage at
    // every step that ran.
    let out: ExecutedStep;
    let values: Record<string, Value> | undefined;
    try {
      const r = this.run(step, i);
      out = { bound: r.bound, regionEvents: r.regionEvents };
      values = r.values;
      if (step.kind === 'snapshot') out.snapshotLabel = step.label;
    } catch (e) {
      const error = this.asError(e, step);
      if (!error) throw e;
      out = { bound: {}, regionEvents: [], error };
    }
    for (const k in out.bound) this.bind(k, out.bound[k]!, values?.[k]);
    return out;
  }

  /** `value`: the bound value as an expression value, when the step already had it. */
  private bind(name: string, v: BoundValue, value: Value | undefined): void {
    this.bound.set(name, v);
    if (value !== undefined) this.values.set(name, value);
    else if (v.kind === 'bytes' || v.kind === 'tuple' || v.kind === 'js') this.values.delete(name);
    else this.values.set(name, fromBound(v, name, NO_SPAN));
  }

  /** A guest call's failure, which execute() lets through, as step i's error (stepFailure). */
  guestFailure(i: number, error: MemscopeError): MemscopeError {
    const step = this.sequence.steps[i];
    return step ? stepFailure(step, this.sequence.file, error) : error;
  }

  private asError(e: unknown, step: Step): MemscopeError | undefined {
    const ref = { file: this.sequence.file, source: step.source };
    if (e instanceof SequenceFault) return locatedError(e.code, e.message, ref, e.span ?? step.span);
    if (e instanceof MemoryFault) {
      const span = step.kind === 'read' || step.kind === 'write' ? step.address.span : step.span;
      return locatedError('out-of-bounds', e.message, ref, span);
    }
    return undefined;
  }

  private context(i: number): StepContext {
    this.ctx.mem = this.port.memory();
    this.ctx.step = i;
    return this.ctx;
  }

  private run(step: Step, i: number): RunOutput {
    switch (step.kind) {
      case 'call': return this.call(step, i);
      case 'read': return executeRead(step, this.readOperands(step), this.context(i));
      case 'write': return executeWrite(step, this.writeAddress(step), this.context(i));
      // `w = z` copies z's f32 mark; a computed value (`z * 1`) is an f64.
      case 'assign': return { bound: { [step.target.name]: toBound(this.eval(step.expr), step.expr.span, namesF32(step.expr, this.lookup)) }, regionEvents: [] };
      case 'expect': this.expect(step); return { bound: {}, regionEvents: [] };
      case 'snapshot': return { bound: {}, regionEvents: [] };
      case 'mark': this.port.heap?.mark(step.label, i); return { bound: {}, regionEvents: [] };
      case 'expect-no-leaks': this.expectNoLeaks(step); return { bound: {}, regionEvents: [] };
      case 'expect-no-heap-problems': this.expectNoHeapProblems(step); return { bound: {}, regionEvents: [] };
      case 'watch': return this.watch(step);
    }
  }

  /**
   * The read's address (and length) already evaluated over the converted values, as literals,
   * so executeRead does not walk the trees again. Evaluated in executeRead's order, and left as
   * they are wherever executeRead would fault, so it faults exactly as before. Not a copy of the
   * step with them in: spreading a step's AST node was most of what this cost.
   */
  private readOperands(step: ReadStep): ReadOperands {
    const address = this.eval(step.address);
    if (typeof address !== 'bigint') return step;
    const at = literal(address, step.address.span);
    if (step.length === null || address < 0n || address > MAX_OFFSET) return { address: at, length: step.length };
    const length = this.eval(step.length);
    return { address: at, length: typeof length === 'bigint' ? literal(length, step.length.span) : step.length };
  }

  /** The write's address evaluated (see readOperands); the value stays an expression. */
  private writeAddress(step: WriteStep): Expr {
    const address = this.eval(step.address);
    return typeof address === 'bigint' ? literal(address, step.address.span) : step.address;
  }

  /** `watch NAME @ ADDR [LEN] [stop]`: registers the range with write tracing (LEN default 4). */
  private watch(step: Extract<Step, { kind: 'watch' }>): RunOutput {
    const address = toOffset(this.eval(step.address), 'the address', step.address.span);
    // `watch t @ &table` watches the whole variable; any other address 4 bytes.
    const whole = step.address.kind === 'static' ? step.address.size : null;
    const size = step.length ? toOffset(this.eval(step.length), 'the length', step.length.span) : whole ?? 4;
    if (size === 0) throw new SequenceFault('eval-error', 'a watch needs at least 1 byte', step.length?.span ?? step.span);
    // As the live watch set refuses it (session-replay.ts checkWatch): a range past 4 GiB can
    // never be written, its hull would wrap in the rewrite's i32 globals (to all of memory) and
    // its old bytes would be a typed array too long to make. Said at the address when that is
    // past the end itself, else at the length that carries the range past it.
    if (address + size > 2 ** 32) {
      const at = address >= 2 ** 32 || !step.length ? step.address.span : step.length.span;
      throw new SequenceFault('out-of-bounds', `watch '${step.name}': [0x${address.toString(16)}, +${size}) is past the 4 GiB a 32-bit memory can address`, at);
    }
    if (!this.port.watch) throw new SequenceFault('usage', 'watches need write tracing, which needs recording on', step.span);
    this.port.watch(step.name, address, size, step.stop);
    return { bound: {}, regionEvents: [] };
  }

  private signature(name: string): ReturnType<GuestPort['signature']> {
    if (!this.sigs.has(name)) this.sigs.set(name, this.port.signature(name));
    return this.sigs.get(name);
  }

  private eval(e: Expr): Value {
    return fastEval(e, this.valueOf, this.slow);
  }

  private expect(step: Extract<Step, { kind: 'expect' }>): void {
    const l = this.eval(step.left);
    const r = this.eval(step.right);
    // At the step's place: the comparison (`a + 1 == b`).
    const comparison = stepPlace(step);
    // An f32 name beside a number: both as f32s (namesF32), so `expect z == 0.1` holds for the 0.1 stored.
    const f32 = [namesF32(step.left, this.lookup), namesF32(step.right, this.lookup)];
    const numeric = (v: Value): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';
    const asF32 = (f32[0] || f32[1]) && numeric(l) && numeric(r);
    if (asF32 ? compare(step.op, Math.fround(Number(l)), Math.fround(Number(r)), comparison) : compare(step.op, l, r, comparison)) return;
    const src = (s: Span): string => step.source.slice(s.column - 1, s.column - 1 + s.length);
    // The value of each side that is not a literal (`s is "hi"`; an f32 as an f32, `z is 0.1`); `1 is 1` would say nothing.
    const literal = (e: Expr): boolean => e.kind === 'string' || e.kind === 'int' || e.kind === 'float';
    const sides = ([[step.left, l], [step.right, r]] as const).flatMap(([e, v], k) =>
      (literal(e) ? [] : [`${src(e.span)} is ${f32[k] && typeof v === 'number' ? float32Text(v) : showValue(v)}`]));
    const but = sides.length > 0 ? sides.join(', ') : 'both sides are literals and it is false';
    throw new SequenceFault('expect-failed', `expected ${src(step.left.span)} ${step.op} ${src(step.right.span)}, but ${but}${signHint(l, r)}`, comparison);
  }

  /** Fails listing the heap problems the steps since the start (or the last mark) found. */
  private expectNoHeapProblems(step: Step): void {
    const found = this.port.heap?.problems() ?? 'the module\'s heap is not walked';
    if (typeof found === 'string') throw new SequenceFault('expect-failed', `cannot check for heap problems: ${found}`, step.span);
    const n = found.problems.length + found.more;
    if (n === 0) return;
    const list = found.problems.slice(0, 4);
    const more = n > list.length ? `; and ${n - list.length} more` : '';
    throw new SequenceFault('expect-failed', `expected no heap problems since ${found.since}, but ${count(n, 'was', 'were')} found: ${list.join('; ')}${more}`, step.span);
  }

  private expectNoLeaks(step: Step): void {
    const leaks = this.port.heap?.leaks() ?? 'the module\'s heap is not walked';
    if (typeof leaks === 'string') throw new SequenceFault('expect-failed', `cannot check for leaks: ${leaks}`, step.span);
    // Those allocated before the mark and lost since come after the mark's own, said so.
    const blocks = [...leaks.blocks, ...leaks.lostSince];
    if (blocks.length === 0) return;
    const earlier = new Set(leaks.lostSince);
    const heap = this.port.heap!;
    for (const b of blocks) {
      const by = b.owner === 'host' ? `the host's ${b.by ?? 'alloc'}` : `the guest in ${b.by ?? 'a call'}`;
      heap.report({ kind: 'leak', address: b.address, message: `${b.size} B at 0x${b.address.toString(16)}, allocated at line ${b.line} by ${by}, still live at the expect on line ${step.line}` });
    }
    const n = blocks.length;
    const list = blocks.slice(0, 8).map((b) => `${b.size} B at 0x${b.address.toString(16)} (line ${b.line}, ${b.owner === 'host' ? `host ${b.by ?? 'alloc'}` : `guest in ${b.by ?? 'a call'}`}${earlier.has(b) ? ', lost since the mark' : ''})`);
    const more = n > 8 ? `, and ${n - 8} more` : '';
    const reachable = leaks.reachable > 0 ? `; ${count(leaks.reachable, 'other block')} memory in use still points to ${leaks.reachable === 1 ? 'is' : 'are'} still reachable, not counted` : '';
    throw new SequenceFault('expect-failed', `expected no leaks since ${leaks.since}, but ${n} block${n === 1 ? ' is' : 's are'} still live and nothing in use points to ${n === 1 ? 'it' : 'them'}: ${list.join(', ')}${more}${reachable}`, step.span);
  }

  private call(step: CallStep, i: number): RunOutput {
    this.callStep = step;
    const events: RegionEvent[] = [];
    const kind = calleeKind(step.callee, this.signature(step.callee) !== undefined);
    const regionName = step.targets[0]?.name && step.targets[0].name !== '_' ? step.targets[0].name : step.text;
    let results: (bigint | number)[];
    const callee = kind === 'export' ? this.calleeOf(step) : step.callee;
    const go = kind === 'export' && !this.signature(callee) ? this.port.goFunction?.(callee) : null;
    if (go) return this.callGo(step, go);
    if (kind === 'export') {
      results = this.callExport(step, callee, i, regionName, events);
    } else {
      const invoke = (name: string, args: bigint[]): (bigint | number)[] => this.invokeExact(name, args, step.span, i, regionName, events);
      const paramCount = (name: string): number => this.signature(name)?.params.length ?? 1;
      const alloc = this.port.allocator;
      if (!alloc) throw new SequenceFault('no-such-export', `${step.callee}() needs the module's allocator, but it has none`, step.calleeSpan);
      if (step.args.length !== 1) throw new SequenceFault('eval-error', `${step.callee} takes 1 argument`, step.span);
      const v = this.eval(step.args[0]);
      if (typeof v !== 'bigint') throw new SequenceFault('eval-error', `${step.callee} needs an integer, not ${showValue(v)}`, step.args[0].span);
      if (kind === 'alloc') results = [callAlloc(alloc, v, invoke, paramCount)];
      else {
        // A free of no live block, when the heap is tracked, is a double or invalid free for
        // checkFree to report (and refuse unless forced): a forced double free goes ahead with
        // the size alloc() gave the block, as the host bug it repeats would; a free of what
        // alloc() never made goes ahead sized 0 rather than ask for a size that does not matter.
        const p = Number(v);
        const size = this.tracker.liveAllocAt(p)?.size
          ?? (this.port.heap?.checkFree(p) ? (this.tracker.freedAllocAt(p)?.size ?? 0) : undefined);
        callFree(alloc, v, size, invoke, paramCount);
        results = [];
      }
    }
    const bound: Record<string, BoundValue> = {};
    const values: Record<string, Value> = {};
    for (let k = 0; k < step.targets.length; k++) {
      const t = step.targets[k]!;
      if (t.name === '_') continue;
      if (k >= results.length) throw new SequenceFault('eval-error', `${sequenceName(step.callee)} returned ${results.length} value(s); nothing to bind to '${t.name}'`, t.span);
      bound[t.name] = resultToBound(results[k]!, kind === 'export' ? this.signature(callee)?.results[k] : undefined);
      values[t.name] = results[k]!;
    }
    return { bound, regionEvents: events, values };
  }

  /**
   * A call of a Go js.FuncOf function: its arguments go as JavaScript values (an integer as a
   * number, text as a string, bytes as a Uint8Array), and its one result binds as goFunction says.
   */
  private callGo(step: CallStep, go: (args: GoArgument[]) => BoundValue): RunOutput {
    const args = step.args.map((e, k): GoArgument => {
      const v = this.eval(e);
      if (typeof v === 'string' || typeof v === 'number' || v instanceof Uint8Array) return v;
      if (typeof v === 'bigint' && Number.isSafeInteger(Number(v))) return Number(v);
      const what = typeof v === 'bigint' ? `${v}, beyond a JavaScript number's exact integers` : kindOf(v);
      throw new SequenceFault('eval-error', `argument ${k + 1} of ${sequenceName(step.callee)} must be a number, text or bytes for a Go function, not ${what}`, e.span);
    });
    const extra = step.targets[1];
    if (extra) throw new SequenceFault('eval-error', `${sequenceName(step.callee)} is a Go function and returns one value; nothing to bind to '${extra.name}'`, extra.span);
    const result = go(args);
    const target = step.targets[0];
    return { bound: target && target.name !== '_' ? { [target.name]: result } : {}, regionEvents: [] };
  }

  /**
   * Before a host free (or C's realloc, which frees a block it moves): a double or invalid free
   * is reported, and refused (the step fails, the guest is not called) unless the step forces it
   * with `free!`.
   */
  private checkFree(heap: HeapHooks, name: string, exact: bigint[]): void {
    const a = this.port.allocator;
    if (!a || !freesBlocks(a, name)) return;
    const problem = heap.checkFree(Number(exact[0] ?? 0n));
    if (!problem) return;
    heap.report(problem);
    const step = this.callStep;
    if (step?.force) return;
    // The step as written with its '!': `dealloc!(p, 16)` where the allocator frees by dealloc.
    const at = step ? step.calleeSpan.column - step.span.column + step.callee.length : 0;
    const forced = step ? `${step.text.slice(0, at)}!${step.text.slice(at)}` : isCRealloc(a, name) ? 'realloc!(p, n)' : 'free!(p)';
    throw new SequenceFault('heap-problem', `${problem.message} (${name} was not called; ${forced} forces it)`, step?.calleeSpan);
  }

  /**
   * Before a call of one of the module's own exports: an i32 argument inside a block freed
   * earlier (and not reused since) is a dangling pointer handed to the guest, reported as a use
   * after free; the call still runs. The allocator's exports take sizes, or are checkFree's (realloc too);
   * calloc(n, size) and its kin take sizes too (`calloc(3, 300000)` was a use after free of
   * whatever block spanned 300000).
   */
  private checkPointerArgs(heap: HeapHooks, name: string, raw: (number | bigint)[], params: ValType[]): void {
    const a = this.port.allocator;
    if (a && (name === a.alloc.name || name === a.pin?.name || freesBlocks(a, name))) return;
    const sizes = sizeArguments(a, name);
    for (let k = 0; k < params.length; k++) {
      if (params[k] !== 'i32' || sizes.includes(k)) continue;
      const value = (raw[k] as number) >>> 0;
      const problem = heap.checkPointer(value, `argument ${k + 1} of ${sequenceName(name)} (0x${value.toString(16)})`);
      if (problem) return heap.report(problem);
    }
  }

  /**
   * The function a call step calls: `f/3` when the module registered an overload of `f` (with
   * embind, whose overloads JavaScript picks by argument count) taking as many arguments as the
   * step gives, else the step's own callee.
   */
  private calleeOf(step: CallStep): string {
    const sig = this.signature(step.callee);
    if (!sig || sig.params.length === step.args.length) return step.callee;
    const overload = `${step.callee}/${step.args.length}`;
    return this.signature(overload) ? overload : step.callee;
  }

  /** A direct export call of `name` (the step's callee, or its overload): arguments converted by its signature. */
  private callExport(step: CallStep, name: string, i: number, regionName: string, events: RegionEvent[]): (bigint | number)[] {
    const sig = this.signature(name);
    if (!sig) {
      throw new SequenceFault('no-such-export', this.port.noSuchFunction?.(name) ?? `the module exports no function ${quoted(name)}`, step.calleeSpan);
    }
    if (sig.params.length !== step.args.length) {
      // An error path: the counts embind overloads could have (a function takes at most a few dozen).
      const overloads = Array.from({ length: 33 }, (_, n) => n).filter((n) => n !== sig.params.length && this.signature(`${name}/${n}`));
      const or = overloads.length > 0 ? ` (or ${overloads.join(' or ')}, by an overload)` : '';
      throw new SequenceFault('eval-error', `${sequenceName(name)} takes ${sig.params.length} argument(s)${or}, but ${step.args.length} are given`, step.span);
    }
    const raw: (number | bigint)[] = [];
    const exact: bigint[] = [];
    for (let k = 0; k < step.args.length; k++) {
      const v = this.eval(step.args[k]!);
      raw.push(wasmArg(v, sig.params[k]!, k, name, step.args[k]!.span));
      exact.push(typeof v === 'bigint' ? v : 0n);
    }
    return this.record(name, raw, exact, sig, i, regionName, events);
  }

  /** Calls an export with exact integer args (the alloc/free pseudo-calls). */
  private invokeExact(name: string, args: bigint[], span: Span, i: number, regionName: string, events: RegionEvent[]): (bigint | number)[] {
    const sig = this.signature(name);
    if (!sig) throw new SequenceFault('no-such-export', `the allocator's export '${name}' is missing`, span);
    const raw = sig.params.map((t, k) => toWasmArg(args[k] ?? 0n, t, `argument ${k + 1} of ${sequenceName(name)}`, span));
    return this.record(name, raw, args, sig, i, regionName, events);
  }

  /** Makes the call, converts its results and turns allocator calls into region events. */
  private record(name: string, raw: (number | bigint)[], exact: bigint[], sig: { params: ValType[]; results: ValType[] },
    i: number, regionName: string, events: RegionEvent[]): (bigint | number)[] {
    const types = sig.results;
    const heap = this.port.heap;
    if (heap) {
      this.checkFree(heap, name, exact);
      this.checkPointerArgs(heap, name, raw, sig.params);
    }
    const out = this.port.call(name, raw);
    const results = out.map((r, k) => fromWasmResult(r, types[k] ?? 'i32'));
    const effect = allocEffect(this.port.allocator, name, exact, results);
    if (effect.alloc) this.checkInMemory(name, effect.alloc);
    if (heap) {
      for (const block of effect.freed) heap.hostFree(block.ptr);
      if (effect.pinned !== undefined) heap.hostPin(effect.pinned);
      if (effect.resized) heap.hostResize(effect.resized.ptr, name, effect.resized.size);
      if (effect.alloc) heap.hostAlloc(effect.alloc.ptr, name, effect.alloc.size);
    }
    for (const block of effect.freed) events.push(...this.tracker.free(block.ptr, i, block.size));
    if (effect.alloc) {
      events.push(this.tracker.create(i, regionName, 'alloc', effect.alloc.ptr, effect.alloc.size, name));
    }
    return results;
  }

  /**
   * A block the allocator handed out must lie in memory: one past its end was made a region no
   * step could read, and a snapshot holding it, which opening refuses (snapshot-regions.ts).
   */
  private checkInMemory(name: string, block: { ptr: number; size: number }): void {
    const size = this.port.memory().size;
    if (block.ptr + block.size <= size) return;
    throw new SequenceFault('eval-error', `${name} returned ${hexAddress(block.ptr)}: a ${block.size}-byte block there ends at `
      + `${hexAddress(block.ptr + block.size)}, past the end of memory at ${hexAddress(size)} (${formatSize(size)})`);
  }
}

const I32_MIN = -(1n << 31n);
const U32_MAX = (1n << 32n) - 1n;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

/**
 * toWasmArg with the in-range integer cases inline: those cannot fail, so they skip building
 * the error context text; everything else (and every error) goes through toWasmArg.
 */
function wasmArg(v: Value, type: ValType, k: number, callee: string, span: Span): number | bigint {
  if (typeof v === 'bigint') {
    if (type === 'i32' && v >= I32_MIN && v <= U32_MAX) return Number(BigInt.asIntN(32, v));
    if (type === 'i64' && v >= I64_MIN && v <= U64_MAX) return BigInt.asIntN(64, v);
  }
  // Named as the sequence writes it (`"my-func"`), as the call line names it.
  return toWasmArg(v, type, `argument ${k + 1} of ${sequenceName(callee)}`, span);
}

/** Results are bound unsigned, so `expect r == -1` fails on a C -1; say so when that is why. */
function signHint(a: Value, b: Value): string {
  if (typeof a !== 'bigint' || typeof b !== 'bigint' || (a < 0n) === (b < 0n)) return '';
  for (const bits of [32, 64]) {
    if (BigInt.asUintN(bits, a) === BigInt.asUintN(bits, b) && a >= -(1n << BigInt(bits)) && b >= -(1n << BigInt(bits))) {
      return ` (equal as ${bits}-bit values: call results are bound unsigned; compare with ${BigInt.asUintN(bits, a)})`;
    }
  }
  return '';
}
