// The typed message protocol between the controlling side (Session) and the guest's worker:
// one discriminated union each way. Requests carry an id; the worker answers each with exactly
// one `response` of the same id (a `call` that ran: one `called`). Output events are unsolicited; import calls travel inside their CallRecord.

import type {
  CallRecord, HeapSummary, ImportBinding, MemscopeError, ModuleInfo, Region, RegisteredFunction,
  Result, StepRecord, StreamName, WasmValue,
} from '../shared/dto.ts';
import type { Sequence } from './sequence/ast.ts';
import type { MemoryDelta, SparseImage } from './memory/types.ts';
import type { Preopen, StopsToPass, WatchSpec } from './session-api.ts';
import type { PreparedTracing } from './guest/provenance/instrument.ts';
import type { MessagePort } from 'node:worker_threads';
import type { CalledMessage } from './call-reply.ts';

/** The builtin host functions an import can be bound to; the one list (planner, worker, sequence validator). */
/** Builtins a sequence may bind an import to (`import env.log = print_utf8`). */
export const BUILTIN_NAMES = ['print_utf8', 'print_utf16', 'abort', 'trace'] as const;
/** Builtins only the planner binds, by import name: Go's runtime imports and Emscripten's helpers. */
export const AUTO_BUILTIN_NAMES = ['gojs', 'tempret', 'emscripten'] as const;

/** Emscripten's i64 legalisation helpers, bound to the `tempret` builtin (guest/temp-ret.ts). */
export function isTempRetImport(module: string, name: string): boolean {
  return module === 'env' && (name === 'setTempRet0' || name === 'getTempRet0');
}

/**
 * Emscripten JS-glue runtime imports the host must perform, bound to the `emscripten` builtin
 * (guest/emscripten-runtime.ts): a stub returning zero would silently drop a large memcpy, and
 * make every heap growth fail.
 */
export function isEmscriptenRuntimeImport(module: string, name: string): boolean {
  return module === 'env' && (name === 'emscripten_memcpy_big' || name === 'emscripten_resize_heap'
    || name === 'emscripten_notify_memory_growth' || isEmscriptenUnwindImport(name) || isEmscriptenSyscall(name)
    || isEmbindImport(name));
}

/**
 * Embind's registrations of the primitive and std types: where each has the type's name (its
 * TYPEID is always the first argument). With EMBIND_CALLABLES, the imports guest/embind.ts
 * performs to make what a module registers callable.
 */
export const EMBIND_TYPE_NAME_AT: Readonly<Record<string, number>> = {
  _embind_register_void: 1, _embind_register_bool: 1, _embind_register_integer: 1, _embind_register_bigint: 1,
  _embind_register_float: 1, _embind_register_std_string: 1, _embind_register_emval: 1,
  _embind_register_std_wstring: 2, _embind_register_memory_view: 2,
  // A module's own: an enum, a value object (a struct passed by value), a value array (a tuple).
  _embind_register_enum: 1, _embind_register_value_object: 1, _embind_register_value_array: 1,
};

/**
 * The module registers functions or classes with embind at instantiation (its constructors call
 * env._embind_register_function, …_class, …): names no export has may be among them, which only running
 * the constructors tells, so a sequence's calls of such names are checked when they run.
 */
export function registersEmbindFunctions(info: Pick<ModuleInfo, 'imports'>): boolean {
  return info.imports.some((i) => i.kind === 'func' && i.module === 'env' && EMBIND_CALLABLES.has(i.name));
}

/** Embind's registrations of what a sequence can call: free functions, classes (their destructor), constructors, methods, properties. */
const EMBIND_CALLABLES = new Set(['_embind_register_function', '_embind_register_class', '_embind_register_class_constructor',
  '_embind_register_class_function', '_embind_register_class_class_function', '_embind_register_class_property',
  '_embind_register_smart_ptr']);

/** Embind's registrations that name something for the log only: an enum's values, a value object's fields, a constant. */
const EMBIND_LOGGED = new Set(['_embind_register_enum_value', '_embind_register_value_object_field', '_embind_finalize_value_object',
  '_embind_register_value_array_element', '_embind_finalize_value_array', '_embind_register_constant']);

/**
 * emval's imports the host performs: a C++ value made a val (a handle) and its references; the
 * rest of emval (JavaScript objects, properties, calls) stays stubs.
 */
const EMVAL_HOSTED = new Set(['_emval_take_value', '_emval_incref', '_emval_decref']);

/** An embind import the host performs (guest/embind.ts): a registration, or emval's for C++ values made vals. */
export function isEmbindImport(name: string): boolean {
  return EMBIND_CALLABLES.has(name) || EMBIND_LOGGED.has(name) || Object.hasOwn(EMBIND_TYPE_NAME_AT, name) || EMVAL_HOSTED.has(name);
}

/**
 * A JS-glue system call (`__syscall_open`, `__syscall_openat`, `__syscall_fcntl64`, …): its file
 * system is Emscripten's JavaScript one, which no host here has. Each answers -ENOSYS (52 in
 * Emscripten's errno numbering, WASI's) so the guest sees a failure (fopen returns NULL):
 * a stub's 0 is a success, an open that hands back fd 0, stdin.
 */
export function isEmscriptenSyscall(name: string): boolean {
  return /^__syscall_\w+$/.test(name);
}

/** ENOSYS, negated as a syscall returns it: Emscripten's musl numbers errno as WASI does. */
export const EMSCRIPTEN_ENOSYS = -52;

/** Emscripten's JavaScript unwinding (C++ exceptions and longjmp), guest/emscripten-unwind.ts. */
const UNWIND_IMPORTS = new Set([
  '__cxa_allocate_exception', '__cxa_free_exception', '__cxa_throw', '__cxa_rethrow', '__cxa_begin_catch', '__cxa_end_catch',
  '__resumeException', 'llvm_eh_typeid_for', '__cxa_uncaught_exceptions', '__cxa_increment_exception_refcount',
  '__cxa_decrement_exception_refcount', '__cxa_get_exception_ptr', '__cxa_current_primary_exception',
  '__cxa_rethrow_primary_exception', '__cxa_call_unexpected', '_emscripten_throw_longjmp',
]);

/** invoke_<sig> wrappers, __cxa_find_matching_catch_<n>, and the rest of the exception runtime's imports. */
export function isEmscriptenUnwindImport(name: string): boolean {
  return UNWIND_IMPORTS.has(name) || /^invoke_[vijfd]+$/.test(name) || /^__cxa_find_matching_catch_\d+$/.test(name);
}

/** Both WASI namespaces the WASI table serves. */
export function isWasiModule(module: string): boolean {
  return module === WASI_MODULE || module === WASI_UNSTABLE_MODULE;
}
export type BuiltinName = (typeof BUILTIN_NAMES)[number] | (typeof AUTO_BUILTIN_NAMES)[number];

export const WASI_MODULE = 'wasi_snapshot_preview1';

/** All 46 preview1 functions, in spec (alphabetical) order. */
export const PREVIEW1_NAMES = [
  'args_get', 'args_sizes_get', 'clock_res_get', 'clock_time_get', 'environ_get',
  'environ_sizes_get', 'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get',
  'fd_fdstat_set_flags', 'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size',
  'fd_filestat_set_times', 'fd_pread', 'fd_prestat_dir_name', 'fd_prestat_get', 'fd_pwrite',
  'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link',
  'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
  'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'random_get', 'sched_yield',
  'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
] as const;
/** The legacy snapshot-0 namespace, served by the same table (guest/wasi/unstable.ts). */
export const WASI_UNSTABLE_MODULE = 'wasi_unstable';

/** Go's js/wasm import module: `go` up to Go 1.20, `gojs` from 1.21. */
export function isGoModule(module: string): boolean {
  return module === 'go' || module === 'gojs';
}

/** Go's syscall/js imports, hosted in a sandboxed JavaScript world (guest/gojs-syscall.ts). */
export const GO_SYSCALL_JS_IMPORTS: readonly string[] = [
  'finalizeRef', 'stringVal', 'valueGet', 'valueSet', 'valueDelete', 'valueIndex', 'valueSetIndex', 'valueCall',
  'valueInvoke', 'valueNew', 'valueLength', 'valuePrepareString', 'valueLoadString', 'valueInstanceOf',
  'copyBytesToGo', 'copyBytesToJS',
].map((name) => `syscall/js.${name}`);

/** The Go imports guest/gojs.ts hosts (wasm_exec.js's `runtime.*`, `debug` and syscall/js). */
export const GO_RUNTIME_IMPORTS: readonly string[] = [
  'debug', 'runtime.wasmExit', 'runtime.wasmWrite', 'runtime.resetMemoryDataView', 'runtime.nanotime1',
  'runtime.walltime', 'runtime.scheduleTimeoutEvent', 'runtime.clearTimeoutEvent', 'runtime.getRandomData',
  ...GO_SYSCALL_JS_IMPORTS,
];

/**
 * The module is Go's js/wasm with syscall/js: its main may set functions on the JavaScript global
 * object with js.FuncOf, which only running it tells, so a sequence's calls of names no export
 * has are checked when they run (as embind's).
 */
export function setsGoFunctions(info: Pick<ModuleInfo, 'imports'>): boolean {
  return info.imports.some((i) => i.kind === 'func' && isGoSyscallJsImport(i.module, i.name));
}

/** A Go import of the syscall/js package (any of its names, those hosted and any a later Go adds). */
export function isGoSyscallJsImport(module: string, name: string): boolean {
  return isGoModule(module) && name.startsWith('syscall/js.');
}

export function isGoRuntimeImport(module: string, name: string): boolean {
  return isGoModule(module) && GO_RUNTIME_IMPORTS.includes(name);
}

/** How one import is bound, decided on the controlling side (host/import-plan.ts). */
export interface PlannedBinding {
  binding: ImportBinding;
  builtin?: BuiltinName;
}

/** Every import's binding by `module.name` (importKey). */
export type ImportPlan = Record<string, PlannedBinding>;

export function importKey(module: string, name: string): string {
  return `${module}.${name}`;
}

/** Everything the worker needs to instantiate, sent once as workerData. */
export interface WorkerInit {
  moduleBytes: Uint8Array;
  moduleName: string;
  info: ModuleInfo;
  /** How each import is bound, decided by the controller. */
  bindings: ImportPlan;
  args: string[];
  env: string[];
  preopens: Preopen[];
  stdin: Uint8Array;
  memoryCapBytes: number;
  deterministic: boolean;
  stdioTty: boolean;
  recording: boolean;
  /** Instrument the module so each changed byte names its writer (guest/provenance/). */
  traceWrites: boolean;
  /** The module already prepared for tracing by an earlier worker of this session (skips Binaryen). */
  traced?: PreparedTracing;
  /** Parsed and validated once on the controlling side; the worker builds its executor from it. */
  sequence: { text: string; file?: string; parsed: Sequence } | null;
}

/**
 * Beside the requests, for the steps of a `run` (guest/capture-buffers.ts, step-ring.ts),
 * passed in workerData: `ring` is the step ring every finished step of a run goes through;
 * `port` carries, worker to controller, the steps too large for the ring (EXTERNAL entries),
 * and controller to worker, buffers of deltas the history let go (transferred, so reused
 * without allocating: freed ones would wait for a collector while new ones are made); `flow`
 * counts, in CAPTURE_FLOW_UNITs, the delta bytes of EXTERNAL steps the controller has not yet
 * taken in, so a run pauses while the controller is behind instead of piling deltas up in
 * memory (inline steps wait for room in the ring instead).
 */
export interface CaptureChannel {
  port: MessagePort;
  /** One Int32: units sent, less units taken in. */
  flow: SharedArrayBuffer;
  ring: SharedArrayBuffer;
}

export const CAPTURE_FLOW_UNIT = 4096;
/** Delta bytes a `run` may have sent ahead of the controller before it waits. */
export const MAX_DELTAS_IN_FLIGHT = 16 * 1024 * 1024;

/** Controller → worker. */
export type WorkerRequest =
  | { id: number; type: 'call'; name: string; args: WasmValue[] }
  /**
   * `heap`: also walk the heap right after the step, in the same turn, and send its summary with
   * the result, so a controller that shows the heap after every step needs no second round trip.
   */
  | { id: number; type: 'step'; index: number; heap?: boolean }
  /**
   * Runs steps from..to-1 in one request, ending early after a failed step or when the guest
   * exits. Step results stream back in `steps-done` batches, the response comes last.
   */
  | { id: number; type: 'run'; from: number; to: number }
  | { id: number; type: 'read-memory'; address: number; length: number }
  /** The heap now: memory map, live blocks, leaks (walked on request). */
  | { id: number; type: 'heap'; references?: true }
  /** A host write between steps (a debugger's memory editor); bounds-checked, never grows memory. */
  | { id: number; type: 'write-memory'; address: number; bytes: Uint8Array }
  /** The current values of the globals the JS API can reach (exported ones). */
  | { id: number; type: 'globals' }
  | { id: number; type: 'image' }
  /**
   * Replaces the live watch set (Session.setWatches); refused unless writes are traced.
   * `passing`: the sets the next step runs with first, each letting its stops pass (going on
   * after a watch's stop), before `watches`.
   */
  | { id: number; type: 'set-watches'; watches: WatchSpec[]; passing: StopsToPass[] }
  /**
   * Diagnostics (benchmarks, retention tests): a full collection of the worker's heap, when the
   * process exposes gc, then what the worker's heap holds. Without it, RSS moves with garbage
   * the worker has not collected yet, which is not memory it keeps.
   */
  | { id: number; type: 'collect-garbage' };

/**
 * The guest worker's own heap (process.memoryUsage() in a worker counts its isolate; rss is
 * the whole process's). `collected`: a full collection ran just before (false when the process
 * does not expose gc: started with --expose-gc, or v8.setFlagsFromString('--expose-gc') before
 * the worker started).
 */
export interface WorkerMemoryUsage {
  collected: boolean;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

/** A global's value now, exact (its bits: a float's NaN payload is kept). */
export interface GlobalValue {
  /** Index in the module's global index space (imports first). */
  index: number;
  value: WasmValue;
}

/** What a step sends back: the record plus the changed blocks for the controller's history. */
export interface FinishedStep {
  record: StepRecord;
  delta: MemoryDelta | null;
  /**
   * Copies of the regions this step created or freed (absent: none changed). Region ids are
   * 1, 2, 3… in creation order within one instance, so the update with id n is entry n - 1.
   */
  regionUpdates?: Region[];
  snapshotLabel?: string;
  /** The instance is finished (proc_exit, any code); further steps are refused. */
  exited: boolean;
  /** The heap after the step, when the request asked for it (null: the heap is not tracked). */
  heapAfter?: HeapSummary | null;
}

export interface CallResult {
  record: CallRecord;
  /** Set when the guest has called proc_exit (in this call or before). */
  exitCode: number | null;
  /** Memory size in bytes after the call. */
  memorySize: number;
}

/** The value each request type answers with. */
export interface ResponseValues {
  call: CallResult;
  step: FinishedStep;
  /** How many steps ran. */
  run: { ran: number };
  'read-memory': { bytes: Uint8Array; memorySize: number };
  'write-memory': { memorySize: number };
  globals: GlobalValue[];
  image: SparseImage;
  /** Null when the heap is not tracked (recording off). */
  heap: HeapSummary | null;
  'set-watches': null;
  'collect-garbage': WorkerMemoryUsage;
}

/** Sent once after instantiation (and `_initialize`), or with the error that stopped it. */
export type ReadyMessage =
  | {
    type: 'ready';
    ok: true;
    /** The `_initialize` call of a reactor, when there was one. */
    initCall: CallRecord | null;
    /** Memory right after instantiation (and `_initialize`): the history's step -1. */
    image: SparseImage;
    exited: boolean;
    /** The module this worker prepared for write tracing, for the session's next workers. */
    traced?: PreparedTracing;
    /** What the module registered at instantiation to be called by name (embind); absent: nothing. */
    registered?: RegisteredFunction[];
  }
  | { type: 'ready'; ok: false; error: MemscopeError };

/**
 * Worker → controller. `ring` is the step ring's published position (step-ring.ts) when the
 * worker posted the message: the controller first reads the ring up to there, so a step that
 * finished before, say, the next step's output is delivered before that output, and none that
 * finished after it. They travel on a port of their own (workerData.messages), not the worker's
 * parentPort, so that when the controller ends the worker it can take the ones still queued
 * synchronously (receiveMessageOnPort) and deliver them in that order before the last steps.
 */
export type WorkerMessage = WorkerMessageBody & { ring?: number };
type WorkerMessageBody =
  | ReadyMessage
  | { type: 'response'; id: number; result: Result<ResponseValues[keyof ResponseValues]> }
  /** A `call` that ran, answered in short (call-reply.ts); in place of its `response`. */
  | CalledMessage
  | { type: 'output'; stream: StreamName; bytes: Uint8Array }
  /**
   * Steps of the `run` request `id` finished and are in the step ring (step-ring.ts): read
   * them. Sent about every millisecond while steps finish, and at the end; a step stuck after
   * others leaves them readable in the ring, which the controller reads when it terminates
   * the worker, so it has every earlier record and knows the stuck one is the next.
   */
  | { type: 'steps-done'; id: number }
  /**
   * Request `id`'s current step has finished its own work (guest code, reads, writes) and
   * Memscope now captures what changed in a large memory. That capture is our bookkeeping, not
   * the guest's time: the controller pauses the step's time limit and runs the capture's own
   * budget instead (SessionConfig.captureLimitMs) until the next message for `id` (the worker
   * always sends one right after the capture). `step` (0-based) and its sequence `line`, and
   * `memorySize` in bytes, name what is captured if it overruns; `at` is when the capture began
   * (milliseconds on the REQUEST_BEGUN clock), where the step's own time ends.
   */
  | { type: 'capturing'; id: number; step: number; line: number; memorySize: number; at: number }
  /**
   * The guest is blocked in an output call (fd_write) because its output is not taken yet
   * (OUTPUT_FLOW): waiting for a slow reader is not the guest's time either, so the controller
   * stops request `id`'s time limit while `waiting` and runs what was left of it after.
   */
  | { type: 'output-wait'; id: number; waiting: boolean };

/**
 * Output flow control between the worker and the controller, over one SharedArrayBuffer of two
 * Int32 counters (byte counts modulo 2^32; their difference is exact below 2^31):
 *   [SENT]     bytes of output the worker has posted
 *   [RELEASED] bytes the controller has handed on and its consumer has taken
 * The worker blocks (Atomics.wait on RELEASED) after a post that leaves more than OUTPUT_FLOW.bound
 * bytes outstanding, so a guest never gets further ahead of its reader than that (plus one
 * write): neither the message queue nor a slow pipe's buffer grows with what the guest writes.
 */
export const OUTPUT_FLOW = { SENT: 0, RELEASED: 1, bytes: 8, bound: 4 * 1024 * 1024 } as const;

/**
 * When the worker took up a request, and when the guest's instantiation ran, over one
 * SharedArrayBuffer of six BigInt64 slots (times are process.hrtime.bigint() nanoseconds, one
 * monotonic clock for all threads; 0: not yet):
 *   [ID]        the id of the last request the worker began handling
 *   [AT]        when it began
 *   [STEP_AT]   when the running step of a `run` began
 *   [GUEST_AT]  when instantiation's guest code could first run (right before the instance, whose
 *               start function runs inside it, then `_initialize`): after loading the worker,
 *               write tracing's Binaryen preparation and compiling, which are Memscope's work
 *   [GUEST_END] when that guest code returned: capturing the initial image is Memscope's again
 *   [IMPORTS]   import calls the running step's guest code has begun, when recording: an Int32
 *               at byte IMPORTS * 8 (importsMadeView), counted by the worker's call recorder
 *               with a plain store (one per import, no message) and zeroed where AT and STEP_AT
 *               are stamped. A step whose worker is ended loses its import records with it; this
 *               count is what its record can still say (StepRecord.importsBeforeEnd).
 * The worker writes AT, then ID, as it takes each request off its queue, and STEP_AT before
 * each step of a run. A step's time limit counts from the latest of these, not from when the
 * controller sent the request: until the worker takes the request up, whatever holds its
 * thread (an earlier request, V8 finishing background compilation after write tracing's
 * Binaryen pass) is not the guest's time, nor are the run's earlier steps. Likewise the
 * instantiation limit counts from GUEST_AT (host/startup-limit.ts). Shared memory rather than
 * a message, so a step costs no message at all.
 */
export const REQUEST_BEGUN = { ID: 0, AT: 1, STEP_AT: 2, GUEST_AT: 3, GUEST_END: 4, IMPORTS: 5, bytes: 48 } as const;

/** The REQUEST_BEGUN.IMPORTS count over `begun` (the buffer of REQUEST_BEGUN), as one Int32. */
export function importsMadeView(begun: SharedArrayBuffer): Int32Array {
  return new Int32Array(begun, REQUEST_BEGUN.IMPORTS * 8, 1);
}

export type WorkerRequestType = WorkerRequest['type'];
