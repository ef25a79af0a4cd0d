// One instantiated guest (worker side): compiles with the memory cap applied, links WASI,
// builtins and stubs, runs `_initialize`, and makes recorded export calls. Every call leaves
// exactly one CallRecord, with results or with an error (trap, exit, memory cap).

import { WASM_PAGE, type BlockNote, type BoundValue, type CallRecord, type FuncType, type GuestFrame, type RegisteredFunction, type MemscopeError, type Result, type StreamName, type ValType, type WasmValue } from '../../shared/dto.ts';
import { fromJs } from '../../shared/value-format.ts';
import { libraryBuild } from '../../shared/build-hints.ts';
import { GuestMemory } from '../memory/guest-memory.ts';
import type { ImportContext } from './import-context.ts';
import { recordsTo } from './host-call.ts';
import { linkImports } from './link.ts';
import { CallRecorder } from './call-recorder.ts';
import { setsGoFunctions, type GlobalValue, type WorkerInit } from '../protocol.ts';
import { guestFrames, objectLeftByThrow, trapError, type KnownTag } from './trap.ts';
import { placeFrames, sourceLines, type SourceAt } from './source-lines.ts';
import { v8Reason, v8Rejection } from '../module/v8-check.ts';
import { inspectBytes } from '../module/inspect.ts';
import { capMemories, loweredMaximumNote, raiseCapHint, refusedForCap } from '../module/memory-cap.ts';
import { formatSize } from '../../shared/byte-size.ts';
import { exportGlobal } from '../module/export-global.ts';
import { initExportOf } from '../module/module-info.ts';
import { functionNamesOf } from '../module/names.ts';
import { readGlobalBits } from './global-bits.ts';
import { heapFacts } from '../memory/heap/heap-facts.ts';
import { createWasi, isProcExit, type WasiBinding } from './wasi-binding.ts';
// Types only: the worker loads write tracing (and Binaryen, to prepare a module) only when asked.
import type { WriteTracing } from './provenance/tracing.ts';
import type { FrameBases, PreparedTracing } from './provenance/instrument.ts';

/** What the worker loaded for write tracing; `prepare` (Binaryen) only when init has no prepared copy. */
export interface TracingKit {
  WriteTracing: typeof WriteTracing;
  prepare: ((bytes: Uint8Array, user: Uint8Array, imported: number, frameBases?: FrameBases, stackPointer?: number) => Result<PreparedTracing>) | null;
}
import { goRunTimers, goUnfinished } from './gojs.ts';
import { goArgument, goBound, goGlobalFunction, goGlobalFunctions, goValueText } from './gojs-syscall.ts';
import type { GoArgument } from '../sequence/port.ts';
import { goPanicMessage, rustPanicMessage, StderrTail } from './panic-message.ts';
import { joinI64, takeTempRet } from './temp-ret.ts';
import { nowMs } from './clock.ts';
import { embindFunction, embindListing, embindNames, embindType, UnboundVal } from './embind.ts';
import { HIDDEN_MEMORY_TEXT, hidesMemory } from '../../shared/hidden-memory.ts';

/** The export we add for the stack pointer global when the module keeps it private. */
const SP_EXPORT = '__memscope_stack_pointer';
const NO_NOTES: readonly BlockNote[] = [];

/** What the instance reports to its worker as the guest runs. */
export interface InstanceSink {
  output(stream: StreamName, bytes: Uint8Array): void;
  /** Where import calls begun are counted (call-recorder.ts); by default a count nobody reads. */
  importsMade?: Int32Array;
}

/** A wasm value as JavaScript's WebAssembly API passes it: an i64 as a bigint, others as numbers. */
export type JsValue = number | bigint;

export interface CallOutcome {
  record: CallRecord;
  results: JsValue[];
}

export class GuestInstance {
  /** Set once the guest called proc_exit (any code); the instance runs nothing more. */
  exitCode: number | null = null;
  private readonly names: Readonly<Record<number, string>>;
  private spGlobal: WebAssembly.Global | null = null;
  /** The module is Go's js/wasm with syscall/js, which may set functions with js.FuncOf. */
  private readonly setsGo: boolean;
  /** The names goFunctionsChanged last answered, joined. */
  private goFunctionsSeen = '';
  /**
   * The stack pointer as last read (undefined: read it again). Only guest code moves it, so it
   * is read again only after a call: steps that run none (reads, expects) read a Global's value
   * through V8's API at every step otherwise.
   */
  private spSeen: number | null | undefined;
  /** The source line of a code byte, from the module's DWARF (nothing without a line table). */
  private readonly sourceAt: SourceAt;
  /** What the calls since the last takeBlockNotes() learnt blocks hold (objectLeftByThrow). */
  private blockNotes: BlockNote[] = [];

  private constructor(
    private readonly init: WorkerInit,
    /** The exports by ModuleInfo's names (exportsByName). */
    private readonly exports: WebAssembly.Exports,
    private readonly mem: GuestMemory,
    private readonly recorder: CallRecorder,
    private readonly wasi: WasiBinding,
    private readonly capped: boolean,
    /**
     * How many bytes the memory-cap rewrite added before the code section: V8 reports code
     * offsets in the bytes it compiled, frames must name offsets in the user's module.
     */
    private readonly offsetShift: number,
    /** Write tracing, when the module was instrumented for it (init.traceWrites). */
    readonly tracing: WriteTracing | null,
    private readonly ctx: ImportContext,
    /** The tags the host holds, imported (link.ts) and exported: an uncaught exception's values are read with them. */
    private readonly tags: KnownTag[],
    /** What the current call wrote to stderr, for a Rust panic's message. */
    private readonly stderrTail: StderrTail,
  ) {
    this.names = ctx.functionNames;
    this.setsGo = setsGoFunctions(init.info);
    this.sourceAt = sourceLines(init.moduleBytes, init.info);
  }

  /** `guestBegins` is called once preparation and compiling are done, right before guest code can run (the start function). */
  static create(init: WorkerInit, sink: InstanceSink, kit?: TracingKit, guestBegins?: () => void): Result<GuestInstance> {
    const capPages = Math.floor(init.memoryCapBytes / WASM_PAGE);
    // Frames and writers by the name section, else by export (a stripped or minified module).
    const functionNames = functionNamesOf(init.info);
    let bytes = init.moduleBytes;
    const capped = capMemories(bytes, capPages);
    if (capped && 'error' in capped) return fail('memory-cap', `${capped.error} (${init.memoryCapBytes} bytes); ${raiseCapHint(init.memoryCapBytes)}`);
    if (capped) bytes = capped.bytes;
    const sp = stackPointerExport(init, bytes);
    bytes = sp.bytes;
    const offsetShift = bytes.length - init.moduleBytes.length;
    let tracing: WriteTracing | null = null;
    if (init.traceWrites && kit) {
      const imported = init.info.imports.filter((i) => i.kind === 'func').length;
      const facts = heapFacts(init.info);
      const prepared = init.traced ? { ok: true as const, value: init.traced } : kit.prepare?.(bytes, init.moduleBytes, imported,
        new Map((init.info.frameLocals ?? []).map((f) => [f.funcIndex, f.baseLocal])), facts.stackPointer?.global);
      if (!prepared) return fail('internal', 'write tracing was asked for without a prepared module or Binaryen');
      if (!prepared.ok) return prepared;
      bytes = prepared.value.bytes;
      const stack = facts.stackPointer ? [facts.stackLow ?? 0, facts.stackPointer.initial] as const : null;
      tracing = new kit.WriteTracing(prepared.value, functionNames, { bytes: init.moduleBytes, importedFunctions: imported, functionCount: init.info.functionCount, stack },
        sourceLines(init.moduleBytes, init.info));
    }

    const recorder = new CallRecorder(sink.importsMade);
    const stderrTail = new StderrTail();
    let spReader: WebAssembly.Global | null = null;
    let memory: GuestMemory | null = null;
    let exports: WebAssembly.Exports | null = null;
    const getMemory = (): GuestMemory => {
      if (!memory) throw new Error('the module has no linear memory');
      return memory;
    };
    const ctx: ImportContext = {
      memory: getMemory,
      stdout: (b) => sink.output('stdout', b),
      stdin: init.stdin,
      stderr: (b) => {
        stderrTail.push(b);
        sink.output('stderr', b);
      },
      // Each import call's record notes the stack pointer: how deep the guest's own calls were nested.
      calls: init.recording ? {
        before: () => recorder.begin(),
        ...recordsTo((r) => {
          const sp: unknown = spReader?.value;
          recorder.end(typeof sp === 'number' ? { ...r, stackPointer: sp >>> 0 } : r);
        }),
      } : null,
      deterministic: init.deterministic,
      memoryCapBytes: init.memoryCapBytes,
      exports: () => {
        if (!exports) throw new Error('the module called an import that calls back into it before its instantiation finished');
        return exports;
      },
      functionNames,
    };
    const wasi = createWasi(init, ctx, getMemory);
    /** The tags made for the imports: what a start function's uncaught exception is read with. */
    let importedTags: KnownTag[] = [];
    try {
      // An imported memory is created by us (link.ts) at its minimum: refuse before allocating.
      // Imported memories come first in the memory index space.
      const memoryImports = init.info.imports.filter((i) => i.kind === 'memory');
      const tooBig = memoryImports.findIndex((_imp, i) => init.info.memories[i]!.min > capPages);
      if (tooBig >= 0) {
        const imp = memoryImports[tooBig]!;
        wasi.dispose();
        return fail('memory-cap', `imported memory ${imp.module}.${imp.name} needs at least ${init.info.memories[tooBig]!.min} pages, above the cap of ${capPages} pages (${init.memoryCapBytes} bytes); ${raiseCapHint(init.memoryCapBytes)}`);
      }
      const module = new WebAssembly.Module(bytes as BufferSource);
      const linked = linkImports({
        info: init.info, plan: init.bindings, ctx, wasi: wasi.imports, wasiUnstable: wasi.unstable, capPages,
      });
      importedTags = linked.tags;
      guestBegins?.();
      const instance = new WebAssembly.Instance(module, tracing ? { ...linked.imports, ...tracing.imports() } : linked.imports);
      const named = exportsByName(init, instance);
      exports = named;
      const reachable = findMemory(named) ?? linked.importedMemory;
      memory = reachable ? new GuestMemory(reachable)
        : new GuestMemory(new WebAssembly.Memory({ initial: 0 }), hidesMemory(init.info) ? HIDDEN_MEMORY_TEXT : null);
      const tags = [...importedTags, ...exportedTags(init, named)];
      const guest = new GuestInstance(init, named, memory, recorder, wasi, capped !== null || linked.importedMemory !== null, offsetShift, tracing, ctx, tags, stderrTail);
      tracing?.attach(instance, memory.memory);
      const global = sp.name ? named[sp.name] : undefined;
      if (global instanceof WebAssembly.Global) guest.spGlobal = spReader = global;
      return { ok: true, value: guest };
    } catch (error) {
      wasi.dispose();
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof WebAssembly.CompileError) {
        // The controlling side read the module but left validating it to this compile, of bytes
        // a memory-cap rewrite may have moved. Asked of the file's own bytes, V8 refuses as
        // inspect does: at the file's offset, in its section, naming what it does not run.
        const asInspected = inspectBytes(init.moduleBytes);
        if (!asInspected.ok) return asInspected;
        // V8 takes the file but not the rewritten bytes: its words, without their offset when
        // the rewrite moved it.
        const reason = v8Reason(error);
        return { ok: false, error: v8Rejection(offsetShift === 0 ? reason : { ...reason, offset: undefined }, init.info) };
      }
      // The module's start function threw (a trap, a stack overflow, an AssemblyScript abort in
      // its top-level code): a trap with the guest's stack, not a link error. Linking (ours, or
      // V8's LinkError) and allocating the memory fail before any guest code is on the stack.
      const inGuest = error instanceof WebAssembly.RuntimeError || error instanceof WebAssembly.Exception
        || guestFrames(error instanceof Error ? error.stack : undefined, {}).length > 0;
      if (!inGuest) return fail('link-error', `instantiation failed: ${message}`);
      const trap = trapError(error, functionNames, offsetShift, ' during the start function', importedTags);
      if (trap.stack) trap.stack = placeFrames(trap.stack, sourceLines(init.moduleBytes, init.info));
      return { ok: false, error: trap };
    }
  }

  get memory(): GuestMemory {
    return this.mem;
  }

  /** The stack pointer global's value now, when the module has one (see memory/heap/heap-facts.ts). */
  stackPointer(): number | null {
    if (this.spSeen !== undefined) return this.spSeen;
    const value: unknown = this.spGlobal?.value;
    return (this.spSeen = typeof value === 'number' ? value >>> 0 : null);
  }

  /** Calls an export; never throws. Arguments are converted by the export's signature. */
  call(name: string, args: JsValue[]): CallOutcome {
    const { params, results: resultTypes } = this.signatureOf(name) ?? NO_TYPE;
    // One loop, no closures: this runs for every ad-hoc call and every call step.
    const converted: JsValue[] = [];
    const recorded: WasmValue[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const type = params[i];
      const c = convert(a, type);
      converted.push(c);
      // Recorded as the guest receives them; without a signature (no such export), as given.
      recorded.push(fromJs(type ?? untyped(a), type ? c : a));
    }
    const record: CallRecord = { export: name, args: recorded, results: [], durationMs: 0, imports: [] };
    const exported = this.exports[name];
    const fn = typeof exported === 'function' ? exported : embindFunction(this.ctx, name);
    if (!this.callable(record, fn)) return { record, results: [] };
    let results: JsValue[] = [];
    const sizeBefore = this.begin();
    const started = nowMs();
    try {
      const raw = (fn as (...a: JsValue[]) => unknown)(...converted);
      if (name === 'run' || name === 'resume') goRunTimers(this.ctx);
      if (raw === undefined) results = [];
      else if (Array.isArray(raw)) {
        results = raw as JsValue[];
        record.results = results.map((r, i) => fromJs(resultTypes[i] ?? untyped(r), r));
      } else if (this.legalized(name)) {
        results = [joinI64(raw as number, takeTempRet(this.ctx))];
        record.results = [fromJs('i64', results[0])];
      } else {
        // Recorded from `raw` itself: an array store may quiet a NaN (see fromJs).
        record.results = [fromJs(resultTypes[0] ?? untyped(raw as JsValue), raw)];
        results = [raw as JsValue];
      }
    } catch (error) {
      const failure = this.failure(error, record.export);
      if (failure) record.error = failure;
    }
    this.end(record, started, sizeBefore);
    return { record, results };
  }

  /**
   * Calls a function a Go js.FuncOf set on its JavaScript global object, with JavaScript
   * values (numbers, text, bytes as the sandbox's Uint8Array), as JavaScript would: the call runs
   * Go through `resume()`, then the timers it left (gojs.ts). Never throws; `result` is how the
   * value it returned binds.
   */
  callGo(name: string, args: GoArgument[]): { record: CallRecord; result: BoundValue | null } {
    const fn = goGlobalFunction(this.ctx, name);
    const values = fn ? args.map((a) => goArgument(this.ctx, a)) : args;
    const record: CallRecord = { export: name, args: values.map((a) => ({ type: 'js', text: goValueText(a, this.ctx) })), results: [], durationMs: 0, imports: [] };
    if (!this.callable(record, fn)) return { record, result: null };
    let result: BoundValue | null = null;
    const sizeBefore = this.begin();
    const started = nowMs();
    try {
      const raw = fn!(...values);
      goRunTimers(this.ctx);
      result = goBound(this.ctx, raw);
      record.results = [{ type: 'js', text: goValueText(raw, this.ctx) }];
    } catch (error) {
      const failure = this.failure(error, record.export);
      if (failure) record.error = failure;
    }
    this.end(record, started, sizeBefore);
    return { record, result };
  }

  /** The functions Go's main has set with js.FuncOf, when they changed since the last ask (StepRecord.goFunctions); else null. */
  goFunctionsChanged(): string[] | null {
    if (!this.setsGo) return null;
    const now = goGlobalFunctions(this.ctx);
    const key = now.join('\n');
    if (key === this.goFunctionsSeen) return null;
    this.goFunctionsSeen = key;
    return now;
  }

  /** Whether the module's Go code set a function `name` with js.FuncOf (callGo calls it). */
  hasGoFunction(name: string): boolean {
    return goGlobalFunction(this.ctx, name) !== null;
  }

  /** Whether `fn` can be called now; if not, says why on the record. */
  private callable(record: CallRecord, fn: unknown): boolean {
    if (typeof fn !== 'function') {
      record.error = { code: 'no-such-export', message: this.noSuchFunction(record.export) };
      return false;
    }
    if (this.exitCode !== null) {
      record.error = { code: 'terminated', message: `the guest already exited with code ${this.exitCode}; reset to run again` };
      return false;
    }
    return true;
  }

  /** Before guest code runs: the memory size then, to judge growth against the cap. */
  private begin(): number {
    this.recorder.open();
    this.stderrTail.clear();
    takeTempRet(this.ctx);
    // Guest code runs from here: the stack pointer is read again, also by imports it calls.
    this.spSeen = undefined;
    return this.mem.size;
  }

  /** After guest code ran: the call's time, its import calls, and what a Go program or the memory cap says of it. */
  private end(record: CallRecord, started: number, sizeBefore: number): void {
    record.durationMs = nowMs() - started;
    this.spSeen = undefined;
    const { imports, dropped } = this.recorder.close();
    record.imports = imports;
    if (dropped > 0) record.importsDropped = dropped;
    if (!record.error) {
      const unfinished = goUnfinished(this.ctx, record.export, this.exitCode);
      if (unfinished) record.error = unfinished;
    }
    const capError = this.capError(sizeBefore, record);
    if (capError) record.error = capError;
  }

  /**
   * The values of the exported globals and of the stack pointer (exported by our rewrite): the
   * only ones the JS API can reach; other private globals are unreachable without a rewrite.
   * Read as bits (global-bits.ts): a float's NaN payload is the guest's, not a JS number's.
   */
  globalValues(): GlobalValue[] {
    const out: GlobalValue[] = [];
    const add = (index: number, global: unknown): void => {
      const declared = this.init.info.globals[index];
      if (!declared || !(global instanceof WebAssembly.Global) || out.some((g) => g.index === index)) return;
      const value = readGlobalBits(global, declared.type, declared.mutable);
      if (value) out.push({ index, value });
    };
    for (const e of this.init.info.exports) if (e.kind === 'global') add(e.index, this.exports[e.name]);
    // With write tracing, every mutable global the module defines is exported as __memscope_global_N.
    for (const [name, global] of Object.entries(this.exports)) {
      const index = /^__memscope_global_(\d+)$/.exec(name)?.[1];
      if (index !== undefined) add(Number(index), global);
    }
    // The stack pointer, exported for the heap walkers when the module keeps it private.
    const sp = heapFacts(this.init.info).stackPointer;
    if (sp) add(sp.global, this.spGlobal);
    return out;
  }

  /** Runs (recorded) what a host runs right after instantiating (module-info.ts: initExportOf), or nothing. */
  initialize(): CallOutcome | null {
    const name = initExportOf(this.init.info);
    return name ? this.call(name, []) : null;
  }

  dispose(): void {
    this.wasi.dispose();
  }

  /** What the calls since the last take learnt heap blocks hold, for the heap ledger; emptied. */
  takeBlockNotes(): readonly BlockNote[] {
    if (this.blockNotes.length === 0) return NO_NOTES;
    const notes = this.blockNotes;
    this.blockNotes = [];
    return notes;
  }

  private failure(error: unknown, exportName: string): MemscopeError | null {
    if (isProcExit(error)) {
      this.exitCode = error.code;
      if (error.code === 0) return null;
      const panic = this.init.info.toolchain.name === 'go' ? goPanicMessage(error.code, this.stderrTail) : null;
      return { code: 'exit', message: `the guest called proc_exit(${error.code})${panic ? `: ${panic}` : ''}` };
    }
    const stop = this.tracing?.stopError(error);
    if (stop) return stop;
    if (error instanceof UnboundVal) return { code: 'eval-error', message: error.message };
    const left = objectLeftByThrow(error, this.tags);
    if (left) this.blockNotes.push(left);
    // Traps and AssemblyScript aborts (GuestAbort) both become 'trap' with the named stack.
    const trap = trapError(error, this.names, this.offsetShift, '', this.tags);
    const panic = trap.stack ? rustPanicMessage(trap.message, trap.stack, this.stderrTail) : null;
    if (panic) trap.message = panic;
    const wrapped = commandWrapperHint(this.init.info, exportName, trap.stack, this.names);
    if (wrapped) trap.message += `; ${wrapped}`;
    // An instrumented module's frame offsets are the rewrite's: placed back in the file's (tracing.ts).
    if (this.tracing && trap.stack) trap.stack = this.tracing.frames(error instanceof Error ? error.stack : undefined);
    if (trap.stack) trap.stack = placeFrames(trap.stack, this.sourceAt);
    return trap;
  }

  /**
   * The cap is enforced by lowering the module's declared maximum before compiling (see
   * module/memory-cap.ts), not by watching the buffer after calls: a watcher can only
   * notice after V8 has already allocated (one memory.grow can ask for gigabytes in the
   * engine's own process), while a lowered maximum makes every grow past the cap fail inside
   * the guest the standard way (memory.grow returns -1; malloc returns NULL). Since a refused
   * memory.grow leaves no trace, a call that grows memory up to the cap is reported as
   * 'memory-cap'; a call that failed says so when its Emscripten resize_heap was refused for
   * the cap, and that the cap may be why when the cap lowered the module's declared maximum.
   * Each names the way to raise the cap (a `memory cap` line).
   */
  private capError(sizeBefore: number, record: CallRecord): MemscopeError | null {
    if (!this.capped) return null;
    const previous = record.error;
    const size = this.mem.size;
    const cap = this.init.memoryCapBytes;
    const tail = previous ? `; then ${previous.message}` : '';
    const stack = previous?.stack ? { stack: previous.stack } : {};
    if (size > sizeBefore && size + WASM_PAGE > cap) {
      return {
        code: 'memory-cap',
        message: `memory grew to the cap of ${formatSize(cap)} (${size} bytes); memory.grow beyond it fails; ${raiseCapHint(cap)}${tail}`,
        ...stack,
      };
    }
    // A grow refused from below the cap leaves memory as it was, so it is said only on a call
    // that failed (a program that handles malloc's NULL ran correctly): exactly when Emscripten's
    // glue asked the host, which refused for the cap; as a possibility otherwise.
    if (previous && (previous.code === 'trap' || previous.code === 'exit')) {
      const refused = refusedForCap(record.imports, cap);
      if (refused !== null) {
        const note = `emscripten_resize_heap asked for ${formatSize(refused)} in this call, past the memory cap of ${formatSize(cap)}, and was refused (malloc returned NULL); ${raiseCapHint(cap)}`;
        return { ...previous, message: `${previous.message}; ${note}` };
      }
      // The possibility only where a refused memory.grow could have led here: a module that grows
      // memory itself (an Emscripten one asks the host, whose refusal is known exactly, above),
      // failing as a NULL from malloc ends (an abort's unreachable, a non-zero exit). Every trap
      // of an Emscripten build (its default maximum is 2 GiB) got it, an out-of-bounds one too.
      const asksHost = this.init.info.imports.some((i) => i.name === 'emscripten_resize_heap');
      const likeNull = previous.code === 'exit' || /^trap: unreachable\b/.test(previous.message);
      const note = !asksHost && likeNull ? loweredMaximumNote(this.init.info.memories, cap) : null;
      if (note) return { ...previous, message: `${previous.message}; ${note}` };
    }
    return null;
  }

  /** Emscripten split this export's i64 result (ExportInfo.legalizedResult). */
  private legalized(name: string): boolean {
    return this.init.info.exports.some((e) => e.name === name && e.legalizedResult === 'i64');
  }

  /** What the module registered to be called by name rather than exported (embind's), once instantiated. */
  registered(): RegisteredFunction[] {
    return embindListing(this.ctx);
  }

  /** Why `name` cannot be called: no such export, and which names embind registered or Go set when they did. */
  noSuchFunction(name: string): string {
    const registered = embindNames(this.ctx);
    const embind = registered.length ? ` and registered none by that name with embind (it registered ${registered.join(', ')})` : '';
    const goFuncs = this.setsGo ? goGlobalFunctions(this.ctx) : null;
    const go = goFuncs === null ? ''
      : goFuncs.length > 0 ? ` and its Go code set no function by that name with js.FuncOf (it set ${goFuncs.join(', ')})`
      : ', and its Go code has set no function with js.FuncOf yet (Go sets them when run() runs main)';
    return `the module exports no function '${name}'${embind}${go}`;
  }

  /** Each callable's type, looked up once: a hot path for sequences that call in a loop. */
  private readonly types = new Map<string, FuncType>();

  /**
   * The type a sequence calls `name` by: an exported function's (a legalised i64 result
   * joined, as call() returns it), else a function the module registered with embind
   * (embind.ts: its invoker's, without the fn pointer the host passes); undefined for neither.
   */
  signatureOf(name: string): FuncType | undefined {
    let type: FuncType | null | undefined = this.types.get(name);
    if (type === undefined) {
      const exp = this.init.info.exports.find((e) => e.name === name && e.kind === 'func');
      if (exp?.kind === 'func') type = exp.legalizedResult ? { ...exp.type, results: ['i64'] } : exp.type;
      else type = embindType(this.ctx, name);
      // A miss is not kept: embind's registrations grow while the constructors run.
      if (type !== null) this.types.set(name, type);
    }
    return type ?? undefined;
  }
}

/**
 * Why a trap in wasm-ld's command wrapper around `exportName` (module-info.ts: commandExports)
 * is no bug of the function called: the program's constructors or destructors, which a
 * command runs once around main, ran again around this call. Null when the trap is elsewhere.
 */
function commandWrapperHint(info: WorkerInit['info'], exportName: string, stack: GuestFrame[] | undefined, names: Readonly<Record<number, string>>): string | null {
  const wrapped = info.commandExports;
  if (!wrapped?.exports.includes(exportName) || !stack) return null;
  const fn = (index: number): string => names[index] ?? `func[${index}]`;
  const part = stack.some((f) => f.funcIndex === wrapped.dtors) ? `destructors (${fn(wrapped.dtors)}, which _start runs after main)`
    : stack.some((f) => f.funcIndex === wrapped.ctors) ? `constructors (${fn(wrapped.ctors)}, which _start runs before main)` : null;
  if (!part) return null;
  return `it trapped in the program's ${part}: ${exportName} is a WASI command's export, which wasm-ld wraps to run them around every call, `
    + 'so they ran again after _start or an earlier call had run them (atexit handlers and C++ statics do not survive that); '
    + `build the module as a library (${libraryBuild(info.toolchain.name)}) to call its exports`;
}

/**
 * The instance's exports under the names ModuleInfo gives them: a minified Emscripten module's
 * as its glue names them (ExportInfo.wire is the module's own), the rest as they are.
 */
function exportsByName(init: WorkerInit, instance: WebAssembly.Instance): WebAssembly.Exports {
  const renamed = init.info.exports.filter((e) => e.wire !== undefined);
  if (renamed.length === 0) return instance.exports;
  const exports: WebAssembly.Exports = { ...instance.exports };
  for (const e of renamed) exports[e.name] = instance.exports[e.wire!]!;
  return Object.freeze(exports);
}

/** The type of a name nothing calls by: arguments recorded as given. */
const NO_TYPE: FuncType = { params: [], results: [] };

/** JS needs a BigInt for i64 and a Number for everything else. */
function convert(value: JsValue, type: ValType | undefined): JsValue {
  if (type === 'i64') return typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
  if (type === 'i32' && typeof value === 'bigint') return Number(BigInt.asIntN(32, value));
  return typeof value === 'bigint' ? Number(value) : value;
}


/** The tags the module exports, with their types (a re-exported import is also among the imported ones, found first under its import name). */
function exportedTags(init: WorkerInit, exports: WebAssembly.Exports): KnownTag[] {
  const tags: KnownTag[] = [];
  for (const e of init.info.exports) {
    const tag = exports[e.name];
    if (e.kind === 'tag' && tag instanceof WebAssembly.Tag) tags.push({ name: e.name, tag, params: e.type.params });
  }
  return tags;
}

/** The type of a value with no signature to say it. */
function untyped(value: JsValue): ValType {
  return typeof value === 'bigint' ? 'i64' : 'f64';
}

function findMemory(exports: WebAssembly.Exports): WebAssembly.Memory | null {
  const named = exports.memory;
  if (named instanceof WebAssembly.Memory) return named;
  for (const value of Object.values(exports)) if (value instanceof WebAssembly.Memory) return value;
  return null;
}

function fail(code: MemscopeError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** The export that reads the stack pointer: the module's own, or one we add (bytes rewritten). */
function stackPointerExport(init: WorkerInit, bytes: Uint8Array): { bytes: Uint8Array; name: string | null } {
  const sp = heapFacts(init.info).stackPointer;
  if (!sp) return { bytes, name: null };
  const own = init.info.exports.find((e) => e.kind === 'global' && e.index === sp.global);
  if (own) return { bytes, name: own.name };
  return { bytes: exportGlobal(bytes, sp.global, SP_EXPORT), name: SP_EXPORT };
}
