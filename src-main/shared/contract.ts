// The one contract between the renderer and whichever shell hosts it (Electron IPC or the web
// shell's WebSocket). Adding a capability starts here: the IPC handlers, the preload bridge, the
// WebSocket server and the renderer's client are all derived from these two maps.

import type {
  Bookmark, BoundValue, CallRecord, HeapSummary, MemoryImageInfo, MemscopeError, ModuleInfo, OutputChunk, Region, RegisteredFunction, ReplayProgress, Result, SessionState, StepRecord, TerminationInfo,
  WatchSpec,
} from './dto.ts';

export type { SessionState } from './dto.ts';

export interface SequenceView {
  name: string;
  text: string;
  /** Parse and validation errors, each with line:column. Empty when the sequence can run. */
  errors: MemscopeError[];
  /** The 1-based line of every step, in order. */
  stepLines: number[];
  /** The sequence's `bookmark` lines (kept with the file, so they travel with it), in order. */
  bookmarks: (Bookmark & { line: number })[];
  /** The path the sequence's `module` line names, when it is not the module open (it runs against that one). */
  otherModule?: string;
  /**
   * The text as last opened from or saved to a file, when it is not `text` (absent: `text` is
   * saved). The session's fact, not a page's: a page loaded after edits were applied (a reload,
   * a second tab) still knows they are not saved.
   */
  savedText?: string;
}

/**
 * Everything the UI needs to draw a session from scratch, pushed whole, as a `session` event, by
 * every request that makes a fresh session or run (opens, Reset, step back, edits). It is the
 * session's state (SessionDelta) and more; when the request named a window, its event also
 * brings that window's bytes, the page map and the heap, as a step's event does. Only the opens
 * answer it as well (the caller learns the new session's id and module from it); the others
 * answer null (see FreshView).
 */
export interface SessionView extends SessionDelta {
  moduleName: string;
  moduleSha256: string;
  info: ModuleInfo;
  sequence: SequenceView | null;
  /** The steps that ran (nextStep of them). */
  steps: StepRecord[];
  breakpoints: number[];
  /**
   * What the instance printed so far, oldest first: while instantiating (its start function, a
   * reactor's `_initialize`, before anyone could subscribe to output events), then in the steps
   * and calls that ran, the newest 1 MiB of those. A view after stepping back or a reset holds
   * what the steps before it printed: they ran again quietly, and their output events were not sent again.
   */
  output: OutputChunk[];
  /** A reactor's `_initialize` call, with the import calls it made (null: none). */
  initCall: CallRecord | null;
  /** Functions the module registered at instantiation to be called by name (embind's); absent: none. */
  registered?: RegisteredFunction[];
  /** The module is rewritten so every changed byte names its writer (steps carry `writes`). */
  traceWrites: boolean;
  /** Set when this is a memory image opened read-only (state 'read-only'), not a running guest. */
  image?: MemoryImageInfo;
}

/**
 * The session's state after a change: carried by a step event (`after`), pushed alone when the
 * state changed without a single step ending (a run's batches and its end, Stop, a termination),
 * and the answer of setBreakpoints, setWatches and stop.
 */
export interface SessionDelta {
  id: string;
  state: SessionState;
  nextStep: number;
  regions: Region[];
  bindings: Record<string, BoundValue>;
  memorySize: number;
  cannotStep: MemscopeError | null;
  terminated?: TerminationInfo;
  exitCode?: number;
  /**
   * Set while the run is paused inside this step, right after a watched write (`watch … stop`,
   * a data breakpoint; its record failed with code 'watchpoint'): the next step goes on in it.
   */
  pausedInStep?: number;
  /** The live watch set (setWatches: the Locals panel's breaks on a paused call's frame); absent when empty. */
  watches?: WatchSpec[];
  /**
   * In events only, when the request that ran the steps (or made the session fresh) named the
   * window its grid shows: that window's bytes as of this delta, and the page map of memory
   * (see `pageMap`), so the grid redraws without asking.
   */
  window?: MemoryWindow;
  /**
   * In a single step's event, when the grid will move after it to a place outside `window`
   * (the shared rule in reveal.ts, with nothing selected): the bytes around that place, as
   * much as `window` holds, so the grid shows the step there without asking.
   */
  near?: MemoryWindow;
  pages?: Uint8Array;
  /** In events only, when the request asked (`heap: true`) and no step runs: the heap now, or why not. */
  heap?: Result<HeapSummary>;
}

/**
 * The answer of the requests that run steps (step, run, runToLine). The state they leave went out
 * before it as events (a single step's `after`, a run's `steps` and deltas), so the answer says
 * only what the request alone knows. It once was that state again: every region and binding,
 * 0.67 MB of JSON at the end of a 10,000-step run, which a page up to date threw away.
 */
export interface StepsRan {
  /** How far the request moved the session's nextStep (a step it paused inside at a watch's stop is counted). */
  ran: number;
}

/**
 * The answer of the requests that make a fresh view of the open session (setSequence, reset,
 * stepBack, reverseContinue, setTraceWrites): nothing. Their view went out before it as a
 * `session` event, to every page; a failed one still answers its error (a replay that diverged
 * sent its view first all the same). The answer once was that view again: every step record,
 * region and binding and the output so far, which a page up to date threw away.
 */
export type FreshView = null;

/** What a client asks the requests that run steps or make a fresh session to bring back with their events. */
export interface StepOptions {
  window?: MemorySpan;
  heap?: boolean;
}

/** The part of memory a client's grid shows, sent with the requests that run steps. */
export interface MemorySpan {
  address: number;
  length: number;
}

/**
 * One step that ran. A single step (F10) is exactly one of these, carrying the state after it;
 * the steps of a run come in batches (the `steps` event), and their state follows as deltas.
 */
export type StepEvent = StepRecord & { after?: SessionDelta };

export interface DemoInfo {
  id: string;
  title: string;
  summary: string;
  toolchain: string;
}

/** A window of memory: the bytes we hold, separate from the rows the grid shows. */
export interface MemoryWindow {
  address: number;
  bytes: Uint8Array;
  /** Memory size at that point in history. */
  memorySize: number;
  /** The step whose memory this is (-1: before the first step). */
  step: number;
}

/** The exact byte ranges where a memory image file differs from the session's memory. */
export interface ImageDiff {
  /** The file's name. */
  against: string;
  /** [start, end), sorted, as `memscope snapshot --diff` reports them (the first MAX_DIFF_RANGES). */
  ranges: [number, number][];
  changedBytes: number;
  /** Ranges past MAX_DIFF_RANGES, counted, not sent. */
  omitted: number;
  /** What the ranges do not say by themselves (shared/diff-caveats.ts): sizes or modules that differ. */
  warnings?: string[];
}

export const MAX_DIFF_RANGES = 10_000;

export interface FileData {
  name: string;
  bytes: Uint8Array;
  /**
   * A picked module's companion: the JavaScript Emscripten wrote with a minified module
   * (x.js beside x.wasm), whose names the session uses; found beside it by the native dialog,
   * picked or dropped with it in a browser.
   */
  glue?: FileData;
}

type Req<P, R> = { params: P; result: R };

/** Requests served by every shell. Each answers Result<result>. */
export interface Requests {
  listDemos: Req<Record<string, never>, DemoInfo[]>;
  /**
   * The opens, like Reset, push the new session's view as one `session` event bringing what
   * their options ask for (StepOptions): the bytes where the grid will be, the heap.
   */
  openDemo: Req<{ id: string } & StepOptions, SessionView>;
  openModule: Req<{ module: FileData; sequence?: { name: string; text: string } } & StepOptions, SessionView>;
  /**
   * Opens a Wasm coredump, a sparse snapshot (.msnap) or a raw .bin read-only; a module given
   * beside it names a coredump's frames and globals. Stepping, writing and editing are refused.
   */
  openImage: Req<{ image: FileData; module?: FileData } & StepOptions, SessionView>;
  getSession: Req<Record<string, never>, SessionView | null>;
  /**
   * Applies an edit (a fresh run, which stops a step or run in progress); its `session` event
   * brings what the options ask for. `whenIdle` (a typing pause's edit, which nobody asked to
   * stop anything): refused with 'busy', stopping nothing, while another request runs or waits
   * its turn (another page's step among them), or when the session's nextStep is not the one
   * the page knew, so the steps the page replays after it are all that ran. `saved`: the text is
   * a file's as read (an open, Load from disk), so it is also the saved text; else it is an edit.
   */
  setSequence: Req<{ name: string; text: string; saved?: boolean; whenIdle?: { nextStep: number } } & StepOptions, FreshView>;
  /**
   * The sequence's file now holds `text` (a Save wrote it): the session's saved text, which the
   * `sequenceSaved` event tells every page. Not queued behind a step or run: none of them uses it.
   */
  sequenceSaved: Req<{ text: string }, null>;
  setBreakpoints: Req<{ lines: number[] }, SessionDelta>;
  /**
   * `window`: the span the client's grid shows, whose bytes the step's event brings back;
   * `heap`: the event brings the heap summary too (what the `heap` request answers).
   */
  step: Req<StepOptions, StepsRan>;
  run: Req<StepOptions, StepsRan>;
  runToLine: Req<{ line: number } & StepOptions, StepsRan>;
  /** Its `session` event brings what the options ask for, as a step's event does. */
  reset: Req<StepOptions, FreshView>;
  /**
   * Goes back to just before step `to` (0-based; default: the last step that ran), exactly:
   * the steps before it are replayed in a fresh guest and checked against the first run. Its
   * `session` event brings what the options ask for, as a step's event does.
   */
  stepBack: Req<{ to?: number } & StepOptions, FreshView>;
  /**
   * Back to the previous breakpoint, or to the last earlier write a `watch … stop` saw change its
   * bytes when that comes later (stopped right after it), or to the start (Session.reverseContinue).
   */
  reverseContinue: Req<StepOptions, FreshView>;
  /** Write tracing on or off (resets the session: the module is rewritten before it runs). */
  setTraceWrites: Req<{ on: boolean } & StepOptions, FreshView>;
  stop: Req<Record<string, never>, SessionDelta>;
  /** Reads memory now, or as it was after `step` (-1: before the first step). */
  readMemory: Req<{ address: number; length: number; step?: number }, MemoryWindow>;
  /**
   * Writes bytes into guest memory now (Session.writeMemory): at a watch's stop, the paused call
   * goes on with them (a local set in the Locals panel). The app's other edits are `write` steps
   * of the sequence, so the story says them; this is for the pause, which no line can reach.
   */
  writeMemory: Req<{ address: number; bytes: Uint8Array }, { memorySize: number }>;
  /**
   * Replaces the live watch set (Session.setWatches), effective from the next guest write: at a
   * watch's stop, a break on a local of the paused call (`frameStep`), which the session ends once
   * that call returns. The sequence's `watch` lines stay apart. Answers the state, whose `watches`
   * is the set now.
   */
  setWatches: Req<{ watches: WatchSpec[] }, SessionDelta>;
  /** One byte per 64 KiB page: 0 all zero, 1 holds data, 2 changed by the last (or given) step. */
  pageMap: Req<{ step?: number }, Uint8Array>;
  /**
   * Evaluates an address expression over bound names (`s.ptr + 4`), as a decimal string: the
   * names now, or as they were after `step` (a name a later step binds is not bound yet there).
   */
  evaluate: Req<{ expression: string; step?: number }, string>;
  exportSnapshot: Req<{ step?: number; format: 'bin' | 'sparse' }, FileData>;
  /**
   * The heap now: memory map, live blocks with owners, leaks, free chunks and headers. `step`:
   * as walked right after that earlier step (0-based), kept for the steps whose walk came with
   * them (a step asked with `heap`); an error saying why for the others, with no walk now.
   */
  heap: Req<{ step?: number }, HeapSummary>;
  /**
   * Diffs a memory image file (a saved .msnap, a coredump, a .bin) against memory now or after
   * `step`, with the same engine as `memscope snapshot --diff`.
   */
  diffImage: Req<{ image: FileData; step?: number }, ImageDiff>;
  /** A standard Wasm coredump of memory now or after `step` (tool-conventions Coredump.md). */
  exportCoredump: Req<{ step?: number }, FileData>;
  /** The host program that does what the sequence does (UTF-8 source text as bytes). */
  exportHost: Req<{ language: HostLanguage }, FileData>;
}

export type HostLanguage = 'js' | 'rust' | 'go';

/** What a file picker asks for: a module, a sequence, or a memory image (coredump, .msnap, .bin). */
export type PickKind = 'module' | 'sequence' | 'image';

/** Requests only a native shell serves (dialogs); the web client does them in the page. */
export interface ShellRequests {
  pickFile: Req<{ kind: PickKind }, FileData | null>;
  saveFile: Req<{ file: FileData }, boolean>;
}

/** Events pushed from the shell to the renderer. */
export interface Events {
  session: SessionView | null;
  delta: SessionDelta;
  /**
   * Session `id`'s saved text is now `text` (SequenceView.savedText; a Save), and nothing else
   * changed: a `session` event makes a page's view fresh, which takes it off an earlier step.
   */
  sequenceSaved: { id: string; text: string };
  /** A single step (F10, Shift+F10's steps one by one) with the state after it. */
  step: StepEvent;
  /**
   * A run's steps since the last event, in order, without their state: it follows as a delta.
   * One message per batch, not per step (SessionHost.runSteps says why).
   */
  steps: StepRecord[];
  output: OutputChunk;
  /**
   * A replay (Shift+F10, Alt+F5, Trace writes, watches set) has come this far. No delta goes out
   * while it runs (its steps are in between); the view at its end is the next event, so every
   * page shows it as running until then, with Stop on.
   */
  replaying: ReplayProgress;
  /** A menu item or accelerator of the native shell. */
  command: { name: MenuCommand };
  /**
   * The web shell's connection to `memscope serve` closed (the server stopped or was never
   * reachable): raised once by the page's own client, never sent by a shell. The page keeps
   * what it shows, read-only, and says what to do. It never fires in Electron, whose backend
   * lives as long as the window.
   */
  disconnected: MemscopeError;
  /** A file `memscope serve` opened at start changed on disk, or went away (FileChange). */
  fileChanged: FileChange;
}

/**
 * A module or sequence `memscope serve` opened at start, as it is on disk after a change. The
 * page keeps running the copy it was given (Reset too) until the user takes this one: Reload (the
 * module), Load from disk (the sequence). Sent at each change, and the latest per file to a tab
 * that connects later; never sent by the Electron shell.
 */
export interface FileChange {
  kind: 'module' | 'sequence';
  /** The path as memscope serve was given it, or as the sequence's `module` line named it. */
  path: string;
  /** The module now, with its SHA-256 (hex), so the page can tell whether its session already runs it. */
  module?: FileData & { sha256: string };
  /**
   * The sequence now, and the texts it had on disk before, since memscope serve opened it (oldest
   * first: the opened one, then the latest few): an editor whose text is none of these holds
   * edits of its own, which loading the file would replace. With only the text before this
   * change, an editor left as opened was said to hold edits once the file changed twice.
   */
  sequence?: { name: string; text: string; earlier: string[] };
  /**
   * Why there is nothing to load, as the notice says it after "<path> changed on disk but":
   * `cannot be loaded: it is gone from disk`, `cannot be read: permission denied`,
   * `cannot be loaded: s.wseq:2:6: …` (the server's words, whole: the page adds none).
   */
  problem?: string;
  // None of module, sequence, problem: the file is back as memscope serve opened it after a
  // problem (renamed away and back, say): there is nothing to take, and no notice.
}

export type MenuCommand =
  | 'open-module' | 'open-sequence' | 'save-sequence' | 'export-snapshot' | 'step' | 'step-back' | 'reverse-continue' | 'run' | 'reset' | 'stop'
  | 'toggle-theme' | 'zoom-in' | 'zoom-out';

export type RequestName = keyof Requests;
export type ShellRequestName = keyof ShellRequests;
export type EventName = keyof Events;
export type Params<K extends RequestName> = Requests[K]['params'];
export type ResultOf<K extends RequestName> = Requests[K]['result'];

/** Names as runtime values, so transports can validate and enumerate them. */
export const REQUEST_NAMES = [
  'listDemos', 'openDemo', 'openModule', 'openImage', 'getSession', 'setSequence', 'sequenceSaved', 'setBreakpoints', 'step',
  'run', 'runToLine', 'reset', 'stepBack', 'reverseContinue', 'setTraceWrites', 'stop', 'readMemory', 'writeMemory', 'setWatches', 'pageMap', 'evaluate', 'exportSnapshot', 'heap',
  'exportCoredump', 'exportHost', 'diffImage',
] as const satisfies readonly RequestName[];
export const SHELL_REQUEST_NAMES = ['pickFile', 'saveFile'] as const satisfies readonly ShellRequestName[];
export const EVENT_NAMES = ['session', 'delta', 'sequenceSaved', 'step', 'steps', 'output', 'replaying', 'command', 'disconnected', 'fileChanged'] as const satisfies readonly EventName[];

/** What a shell implements; the web server and the Electron IPC handlers both wrap one of these. */
export type Backend = {
  [K in RequestName]: (params: Params<K>) => Promise<Result<ResultOf<K>>>;
};

/** What the renderer talks to, whichever shell is behind it. */
export interface Client {
  request<K extends RequestName>(name: K, params: Params<K>): Promise<Result<ResultOf<K>>>;
  pickFile(kind: PickKind): Promise<FileData | null>;
  saveFile(file: FileData): Promise<boolean>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /**
   * Whether leaving the page ends the session it shows: the desktop window's close quits the app;
   * the web shell's server keeps its session for the next tab (a reload comes back to it).
   */
  readonly leavingEndsSession: boolean;
}

/**
 * In Electron, the preload puts an ElectronBridge at `window[ELECTRON_BRIDGE_KEY]`: one function
 * per request, plus the dialogs and event subscription (`on` returns its unsubscribe function).
 * Its absence means the page is in the web shell and must use the WebSocket (see wire.ts).
 */
export const ELECTRON_BRIDGE_KEY = 'memscope';
export type ElectronBridge = Backend & {
  pickFile(kind: PickKind): Promise<FileData | null>;
  saveFile(file: FileData): Promise<boolean>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};
