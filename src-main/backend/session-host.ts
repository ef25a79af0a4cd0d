// Holds the one current Session for the backend: opening (replacing the old one only once the
// new one works), forwarding its events, and the queue that runs session-changing requests one
// at a time. Knows nothing of the contract's request names (index.ts maps those onto this).

import { randomBytes } from 'node:crypto';
import type { MemorySpan, MemoryWindow, SessionDelta, SessionView } from '../shared/contract.ts';
import type { MemscopeError, Region, Result, StepRecord } from '../shared/dto.ts';
import { revealAfter } from '../shared/reveal.ts';
import { inspectBytes, MemoryImage, readGlueNames, openMemoryImage, Session, starterSequence, type ImageFile, type SessionConfig } from '../engine/index.ts';
import type { BackendEvent, Unsubscribe } from './handle.ts';
import { checkEditedDirs, ReloadModules, TrustedFiles, UNTRUSTED, type Trust } from './trust.ts';
import { sessionDelta, sessionView, type SessionMeta } from './views.ts';
import { sequenceOver } from '../shared/sequence-over.ts';

/**
 * The session open now: a live Session, or a memory image opened read-only (a coredump or a
 * saved snapshot), which answers the same reads and refuses everything that runs or edits.
 */
export interface Current {
  session: Session | MemoryImage;
  meta: SessionMeta;
  trust: Trust;
  unsubscribe: Unsubscribe[];
  /** What the last request that ran steps or made a fresh session asked its events to bring: a window's bytes, the heap. */
  wants: { window: MemorySpan | null; heap: boolean };
}

export type LiveCurrent = Current & { session: Session };

export function isLive(c: Current): c is LiveCurrent {
  return c.session instanceof Session;
}

export interface OpenInput {
  moduleBytes: Uint8Array;
  moduleName: string;
  sequence?: { name: string; text: string };
  /** A minified Emscripten module's JS glue, whose names the session uses (OpenOptions.glue). */
  glue?: { file: string; text: string };
  trust: Trust;
  /** What the new session's view event is to bring (see Current.wants); default nothing. */
  wants?: Current['wants'];
}

const NO_WANTS: Current['wants'] = { window: null, heap: false };

/** How long a single step runs before the pages are told it is running (SessionHost.singleStep): longer than a step a person waits for. */
const STEP_SAID_RUNNING_AFTER_MS = 300;

/** Longest per-step time limit a sequence from the page may set (60 s). */
export const UPLOAD_TIMEOUT_CAP_MS = 60_000;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: MemscopeError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/** Runs fn; a throw or rejection (our bug) becomes an 'internal' error value. */
export async function guard<T>(fn: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
  try {
    return await fn();
  } catch (error) {
    return fail('internal', `unexpected failure: ${(error as Error)?.message ?? String(error)}`);
  }
}

export class SessionHost {
  current: Current | null = null;
  readonly trustedFiles = new TrustedFiles();
  readonly reloadModules = new ReloadModules();
  private readonly listeners = new Set<(event: BackendEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Aborts the open in progress: a start function that never returns must not hold the queue. */
  private opening: AbortController | null = null;
  /** Bumped by every interrupt (Stop, open, reset, edit): a step or run queued before it is dropped. */
  stops = 0;
  /** Why the last interrupt was asked for; undefined: Stop (see SessionCore.stop). */
  lastStopWhy: string | undefined;
  /** Session-changing requests running or waiting their turn (serial): while any is, the session is not idle. */
  private pending = 0;
  private disposed = false;
  /** The session changed since the last delta went out. */
  private dirty = false;
  private flushScheduled = false;
  /** Deltas go out in order, each after its window's bytes are read. */
  private emitting: Promise<void> = Promise.resolve();
  /** A single step in flight: its record waits to go out once, with the state after it. */
  private held: { record: StepRecord | null } | null = null;
  /**
   * A run's records since the last flush, sent as one `steps` event ahead of its delta: a
   * message per step cost the server an encode and a compression each and the page a task each,
   * 10,000 of them in a 10,000-step run, which the page took seconds to get through.
   */
  private runSteps: StepRecord[] = [];

  constructor(private readonly config: Partial<SessionConfig> | undefined) {}

  onEvent(listener: (event: BackendEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: BackendEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing transport must not stop the others from getting the event.
      }
    }
  }

  view(): SessionView | null {
    return this.current ? sessionView(this.current.meta, this.current.session) : null;
  }

  delta(c: Current): SessionDelta {
    return sessionDelta(c.meta, c.session);
  }

  /**
   * The whole view as one `session` event bringing what `wants` asks for (see queueEmit), in
   * order after earlier deltas; the state changes that led to it go out in it, not in a delta
   * of their own. `wants` stays the session's, for the events after it.
   */
  emitFreshView(c: Current, wants: Current['wants']): Promise<void> {
    c.wants = wants;
    this.dirty = false;
    this.sendRunSteps(c);
    return this.queueEmit(c, sessionView(c.meta, c.session), (payload) => this.emit({ name: 'session', payload }));
  }

  /** Runs fn after every earlier session-changing request has settled. */
  serial<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
    this.pending++;
    // Counted down before its answer is seen: a request sent after that answer finds it done.
    const run = this.queue.then(() => (this.disposed ? fail('no-module', 'the backend is shut down') : fn())).finally(() => { this.pending--; });
    this.queue = run.catch(() => undefined);
    return guard(() => run);
  }

  /** No session-changing request runs or waits (a single step says "running" only once it lasts, so only this says one is under way at once). */
  get idle(): boolean {
    return this.pending === 0;
  }

  /**
   * Stops what runs, then runs fn in this request's turn. The turn is taken now, before the
   * stop settles: a request sent after this one (a Run right after an edit, before its answer)
   * must run after it, never on the session as it was before.
   */
  serialAfterStop<T>(fn: () => Promise<Result<T>>, why?: string): Promise<Result<T>> {
    const stopped = this.interrupt(why);
    return this.serial(() => stopped.then(fn));
  }

  /**
   * Stops an open, a reset or a step/run in progress, so a queued request does not wait out a
   * time limit (Session.stop also ends a reset's instantiation).
   */
  async interrupt(why?: string): Promise<void> {
    this.stops++;
    this.lastStopWhy = why;
    this.opening?.abort();
    await this.current?.session.stop(why);
  }

  async open(given: OpenInput): Promise<Result<SessionView>> {
    // A module opened without a sequence starts with the one Memscope writes for it (the same
    // text as `memscope new`), never with an empty editor.
    const input = given.sequence ? given : { ...given, sequence: starterFor(given.moduleBytes, given.moduleName, given.glue) };
    if (input.sequence) {
      const refused = checkEditedDirs(input.trust, input.sequence.text, input.sequence.name);
      if (refused) return { ok: false, error: refused };
    }
    // Every text that reaches the session passed checkEditedDirs, so an untrusted one has no
    // `dir` lines; its baseDir is irrelevant.
    const baseDir = input.trust.baseDir;
    // Uploads cannot set a time limit (step or capture) of days: the backend would hold a stuck
    // guest that long.
    const config = baseDir === null ? { ...this.config, timeoutCapMs: this.config?.timeoutCapMs ?? UPLOAD_TIMEOUT_CAP_MS } : this.config;
    const abort = new AbortController();
    this.opening = abort;
    const opened = await Session.open({
      moduleBytes: input.moduleBytes,
      moduleName: input.moduleName,
      config,
      signal: abort.signal,
      sequence: input.sequence
        ? { text: input.sequence.text, file: input.sequence.name, ...(baseDir !== null ? { baseDir } : {}) }
        : undefined,
      ...(input.glue ? { glue: input.glue } : {}),
    });
    if (this.opening === abort) this.opening = null;
    // Shut down while it opened (it finished first, or a stop came too late): nobody will close it.
    if (this.disposed) {
      if (opened.ok) await opened.value.dispose();
      return fail('no-module', 'the backend is shut down');
    }
    if (!opened.ok) {
      // Say which file a bad module is: the page shows "bad.wasm: type section, byte offset 8"
      // (a trap here is its start function's).
      const e = opened.error;
      if ((e.code === 'malformed-module' || e.code === 'unsupported' || e.code === 'link-error' || e.code === 'trap') && e.where?.file === undefined) {
        return { ok: false, error: { ...e, where: { ...e.where, file: input.moduleName } } };
      }
      return opened;
    }
    return this.replace(opened.value, input.trust, input.wants);
  }

  /** Opens a coredump or a saved snapshot read-only (a module beside it names its frames). */
  async openImage(file: ImageFile, module?: ImageFile, wants?: Current['wants']): Promise<Result<SessionView>> {
    const opened = openMemoryImage(file, module);
    return opened.ok ? this.replace(opened.value, UNTRUSTED, wants) : opened;
  }

  /** The new session becomes the current one; the old one is closed after; its view goes out with what `wants` names. */
  private async replace(session: Session | MemoryImage, trust: Trust, wants = NO_WANTS): Promise<Result<SessionView>> {
    const previous = this.current;
    // Opened from files (a demo, a module with its sequence or the starter Memscope wrote): saved as it is.
    const saved = (session instanceof Session ? session.sequenceText : null) ?? '';
    const meta: SessionMeta = { id: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`, savedText: saved };
    const current: Current = { session, meta, trust, unsubscribe: [], wants };
    this.runSteps = []; // the old session's, never to be sent now
    this.current = current;
    if (isLive(current)) this.watch(current);
    await close(previous);
    await this.emitFreshView(current, wants);
    return ok(this.view()!);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    // An open in progress is not the current session yet: a start function that never returns
    // kept its worker, and so the process (Electron's quit, the web shell's, the DAP adapter's),
    // alive until its time limit.
    this.opening?.abort();
    this.listeners.clear();
    const c = this.current;
    this.current = null;
    await close(c);
  }

  /**
   * Runs one step as one event: the session's record is held until the step has settled, then
   * goes out with the state after it (and the window's bytes), before the request answers. No
   * "running" delta is pushed for a fast step: the page that asked knows, and it would pay a
   * message (and a redraw) for a state nobody sees. A step still running after
   * STEP_SAID_RUNNING_AFTER_MS is said to every page: another tab showed "ready" with Stop off
   * while the guest spun on, until its time limit (a day, if the sequence set one).
   */
  async singleStep(c: LiveCurrent, run: () => Promise<unknown>): Promise<void> {
    const held: { record: StepRecord | null } = { record: null };
    this.held = held;
    const slow = setTimeout(() => { if (this.held === held) void this.flush(c); }, STEP_SAID_RUNNING_AFTER_MS);
    try {
      await run();
    } finally {
      clearTimeout(slow);
      if (this.held === held) this.held = null;
      const record = held.record;
      if (record && this.current === c) {
        this.dirty = false;
        const after = this.delta(c);
        await this.queueEmit(c, after, (payload) => this.emit({ name: 'step', payload: { ...record, after: payload } }), record);
      } else {
        await this.flush(c);
      }
    }
  }

  /** Pushes the state now if it changed since the last delta (a run's end answers after it). */
  flush(c: Current): Promise<void> {
    if (!this.dirty || this.current !== c) return this.emitting;
    this.dirty = false;
    this.sendRunSteps(c);
    return this.queueEmit(c, this.delta(c), (payload) => this.emit({ name: 'delta', payload }));
  }

  /**
   * Adds what the client asked for (read now, in order after earlier deltas), then sends; after
   * a single step (`record`), also the bytes where the grid will move (`near`).
   */
  private queueEmit<D extends SessionDelta>(c: Current, delta: D, send: (d: D) => void, record?: StepRecord): Promise<void> {
    const { window, heap } = c.wants;
    this.emitting = this.emitting.then(async () => {
      if (this.current !== c) return;
      const extra: Partial<SessionDelta> = window ? await memoryFor(c, window, record && { record, regions: delta.regions }) : {};
      // While a run goes on the worker walks no heap; its end brings it. At the sequence's end
      // (every step ran, the last maybe failing, or the guest exited: the page's rule for
      // showing leaks) its leaks are final: the scan says which ones guest memory still points
      // to, as the CLI's does.
      if (heap && delta.state !== 'running') {
        const over = isLive(c) && sequenceOver(delta.state, c.session.nextStep, c.session.sequenceText === null ? null : c.session.stepLines.length, c.session.exitCode !== undefined);
        extra.heap = await c.session.heap({ references: over });
      }
      if (this.current === c) send({ ...delta, ...extra });
    }).catch(() => undefined);
    return this.emitting;
  }

  /** The run's records held since the last flush, as one event, in order after earlier events. */
  private sendRunSteps(c: Current): void {
    const steps = this.runSteps;
    if (steps.length === 0) return;
    this.runSteps = [];
    void this.emitInOrder(c, { name: 'steps', payload: steps });
  }

  /** `event`, about session `c`, after every event queued before it; dropped once `c` is replaced. */
  emitInOrder(c: Current, event: BackendEvent): Promise<void> {
    this.emitting = this.emitting.then(() => {
      if (this.current === c) this.emit(event);
    });
    return this.emitting;
  }

  private watch(c: LiveCurrent): void {
    const live = (): boolean => this.current === c;
    // A run's records stream, and then (a few promise turns later) its state change, and maybe a
    // termination: one delta after that turn (the state at its end) instead of two or three
    // equal ones, so a page on a busy machine redraws once per batch.
    const changed = (): void => {
      this.dirty = true;
      if (this.held || this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        // Mid-replay the session's step count is in between (0 right after its worker is
        // discarded): a page that took it cut its list of steps. The replay's end is a state event.
        if (live() && !this.held && !c.session.replaying) void this.flush(c);
      });
    };
    c.unsubscribe.push(
      c.session.on('output', (chunk) => live() && this.emit({ name: 'output', payload: chunk })),
      c.session.on('step', (record) => {
        if (!live()) return;
        if (this.held) this.held.record = record;
        else this.runSteps.push(record);
        changed();
      }),
      c.session.on('state', () => live() && changed()),
      c.session.on('replaying', (progress) => live() && void this.emitInOrder(c, { name: 'replaying', payload: progress })),
      c.session.on('terminated', () => live() && changed()),
    );
  }
}

/**
 * The span's bytes (clipped to memory) and the page map, as of now, and after a step the bytes
 * around where the grid will go when that is outside the span; what cannot be read is left out.
 */
async function memoryFor(c: Current, span: MemorySpan, step?: { record: StepRecord; regions: Region[] }): Promise<Pick<SessionDelta, 'window' | 'near' | 'pages'>> {
  const size = c.session.memorySize;
  const out: Pick<SessionDelta, 'window' | 'near' | 'pages'> = {};
  const read = async (address: number, length: number): Promise<MemoryWindow | undefined> => {
    if (address >= size) return undefined;
    const r = await c.session.readMemory(address, Math.min(length, size - address));
    return r.ok ? { address, bytes: r.value.bytes, memorySize: r.value.memorySize, step: r.value.step } : undefined;
  };
  // A span past the end: the grid's place lies beyond memory (a Reset shrank it under the grid),
  // which shows memory's last rows meanwhile; those are what it needs until memory reaches it.
  const from = span.address < size ? span.address : Math.max(0, Math.floor((size - span.length) / 4096) * 4096);
  const window = await read(from, span.length);
  if (window) out.window = window;
  const to = step ? revealAfter(step.record, step.regions, from, from + span.length) : null;
  // One 4 KiB block more than the span: the start is aligned down, the page must still fit after `to`.
  const near = to === null ? undefined : await read(nearStart(to, span.length, size), span.length + 4096);
  if (near) out.near = near;
  const pages = c.session.pageMap();
  if (pages.ok) out.pages = pages.value;
  return out;
}

/** Where a window of `length` bytes around `address` starts: 4 KiB aligned, inside memory. */
function nearStart(address: number, length: number, size: number): number {
  const start = Math.max(0, Math.min(size - length, address - Math.floor(length / 2)));
  return Math.floor(start / 4096) * 4096;
}

async function close(c: Current | null): Promise<void> {
  if (!c) return;
  for (const u of c.unsubscribe) u();
  await c.session.dispose();
}

/** The starter sequence for a module, or undefined when it cannot be read (open then says why). */
function starterFor(bytes: Uint8Array, moduleName: string, glue?: { file: string; text: string }): { name: string; text: string } | undefined {
  // A glue Memscope cannot read: the starter by the module's own names (opening says what is wrong).
  const names = glue ? readGlueNames(glue.text, glue.file) : null;
  const info = inspectBytes(bytes, { crossCheck: false, ...(names?.ok ? { glue: names.value } : {}) });
  if (!info.ok) return undefined;
  return { name: `${moduleName.replace(/\.wasm$/i, '')}.wseq`, text: starterSequence(info.value, moduleName) };
}
