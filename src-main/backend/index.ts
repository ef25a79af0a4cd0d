// The contract implemented over one current engine Session, shared by the web shell and the
// Electron shell. Requests that change the session run one at a time (a queue); stop and the
// read-only requests go straight through, so Stop can interrupt a run and the grid can read
// memory while a step is in flight. Opening and Reset stop a run in progress first. Every
// request's params are validated here; every answer is a Result; nothing throws at a caller.

import { REQUEST_NAMES, type Backend, type StepOptions, type StepsRan } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { NO_MODULE as NO_MODULE_ERROR } from '../shared/no-module.ts';
import type { MemoryImage } from '../engine/index.ts';
import { DEFAULT_EXAMPLES_DIR, demoInfo, listDemoFiles, loadDemo } from './demos.ts';
import type { BackendHandle, BackendOptions } from './handle.ts';
import { readOpenFiles } from './open-files.ts';
import { fail, guard, isLive, ok, SessionHost, type Current, type LiveCurrent } from './session-host.ts';
import { checkEditedDirs, trusted, UNTRUSTED, type Trust } from './trust.ts';
import { validateParams } from './validate.ts';
import { hostProgram } from './export-host.ts';
import { diffAgainst } from './diff-image.ts';

export type { BackendEvent, BackendHandle, BackendOptions } from './handle.ts';

const NO_MODULE: Result<never> = { ok: false, error: NO_MODULE_ERROR };

/** The engine session decides whether a step may run; the backend refuses with its words. */
function cannotStep(c: LiveCurrent): Result<never> | null {
  const why = c.session.whyCannotStep();
  return why ? { ok: false, error: why } : null;
}

/**
 * The open session's trust, for Reload in `memscope serve`'s file-changed notice: it sends the
 * module bytes the server read from disk for the notice (host.reloadModules) with the editor's
 * text, which, once edited, is no file the server read, and was refused as an upload. It is kept
 * as setSequence keeps it for an edit, only for those exact bytes and the open module and
 * sequence names: host.open still refuses a `dir` line that the trusted file did not have
 * (checkEditedDirs compares the set of `dir` lines, not the text). Any other module, even under
 * the same name, is an upload. Null when there is nothing to keep.
 */
function keptTrust(host: SessionHost, module: { name: string; bytes: Uint8Array }, sequenceName: string): Trust | null {
  const c = host.current;
  if (!c || !isLive(c) || c.trust.baseDir === null) return null;
  if (c.session.moduleName !== module.name || c.session.sequenceName !== sequenceName) return null;
  return host.reloadModules.has(module.bytes) ? c.trust : null;
}

/**
 * Why a request that stops the step or run in progress stopped it (Session.stop's reason): that
 * step's request answers with it (see stoppedBy). The server cannot tell which page sent it, so
 * each fits both; the page that sent it hides its own step's answer (SessionStore.endedByReset).
 */
const WHERE = '(in this page or in another one open on this session)';
const STOPPED_BY = {
  edit: `stopped: the sequence was edited while it ran ${WHERE}, which started the run afresh`,
  reset: `stopped: the run was reset while it ran ${WHERE}`,
  open: `stopped: another module was opened in its place ${WHERE}`,
  image: `stopped: a memory image was opened in its place ${WHERE}`,
  traceWrites: `stopped: write tracing was turned on or off while it ran ${WHERE}, which replays the steps afresh`,
} as const;
const SAID = new Set<string>(Object.values(STOPPED_BY));

/**
 * Why a typing pause's edit (setSequence's whenIdle) is not applied now: a request runs or waits
 * its turn (another page's single step says "running" only once it has lasted 300 ms, so until
 * then that page's editor cannot know), or the page has not yet seen a step that ran. Applied, its fresh run ended that step
 * and replayed only the steps the page knew of: the step and its output were lost, unsaid.
 */
function notIdle(host: SessionHost, nextStep: number): Result<never> | null {
  if (!host.idle) return fail('busy', 'not applied yet: a step, run or other request is under way (maybe from another page on this session); the edit is sent again when it has ended');
  const c = host.current;
  if (c && isLive(c) && c.session.nextStep !== nextStep) {
    return fail('busy', `not applied yet: the session is at step ${c.session.nextStep}, the page at ${nextStep}; the edit is sent again once the page has the steps that ran`);
  }
  return null;
}

/**
 * A step or run that an edit, a reset or an open ended (maybe another page's): its answer says
 * so. Answered as a step that ran (that failed), it went unseen: the fresh view that came next
 * took it off the page. Stop's is answered as before: the page that pressed it shows the state.
 */
function stoppedBy(host: SessionHost, c: LiveCurrent, stops: number): Result<never> | null {
  const ended = c.session.terminated;
  const why = host.lastStopWhy;
  if (host.stops === stops || why === undefined || !SAID.has(why) || ended?.reason !== 'stopped') return null;
  const line = ended.step === undefined ? undefined : c.session.stepLines[ended.step];
  const which = ended.step === undefined ? 'the run' : `step ${ended.step + 1}${line === undefined ? '' : ` (line ${line})`}`;
  return fail('stopped', `${which} was ${why}`);
}

/** What a request's events are to bring back (see StepOptions). */
function wantsOf(options: StepOptions): LiveCurrent['wants'] {
  return { window: options.window ?? null, heap: options.heap === true };
}

function handlers(host: SessionHost, examplesDir: string): Backend {
  const withSession = <T>(fn: (c: Current) => Promise<Result<T>> | Result<T>): Promise<Result<T>> =>
    guard(() => (host.current ? fn(host.current) : NO_MODULE));
  /** Requests that run, write or edit: a memory image opened read-only refuses them with its reason. */
  const withLive = <T>(fn: (c: LiveCurrent) => Promise<Result<T>> | Result<T>): Promise<Result<T>> =>
    withSession((c) => (isLive(c) ? fn(c) : { ok: false, error: (c.session as MemoryImage).whyCannotStep() }));
  /** Stop what runs, saying why (STOPPED_BY), then open in turn (the old session stays until the new one works). */
  const opening = <T>(why: string, fn: () => Promise<Result<T>>): Promise<Result<T>> => host.serialAfterStop(fn, why);
  // A step that fails (trap, failed expect, timeout) is still a step that ran: the answer is
  // ok, and the failure is in the step event's record. The state goes out as events before the
  // answer (StepsRan), so a client that applies events only is up to date when its answer arrives.
  // A step or run still queued behind an edit or reset when Stop is pressed never starts.
  const stepping = (options: StepOptions, single: boolean, run: (c: LiveCurrent) => Promise<unknown>): Promise<Result<StepsRan>> => {
    const stops = host.stops;
    return host.serial(() => withLive(async (c) => {
      if (host.stops !== stops) return fail('stopped', 'stopped before it started (Stop, or a new edit or reset, came first)');
      const refused = cannotStep(c);
      if (refused) return refused;
      c.wants = wantsOf(options);
      const from = c.session.nextStep;
      if (single) await host.singleStep(c, () => run(c));
      else await run(c).finally(() => host.flush(c));
      return stoppedBy(host, c, stops) ?? ok({ ran: c.session.nextStep - from });
    }));
  };

  return {
    listDemos: async () => ok((await listDemoFiles(examplesDir)).map(demoInfo)),

    openDemo: ({ id, ...options }) => opening(STOPPED_BY.open, async () => {
      const files = await loadDemo(examplesDir, id);
      if (!files.ok) return files;
      const { demo, moduleBytes, sequenceText } = files.value;
      // Our own files: the sequence's relative `dir` paths (fixtures) resolve beside it.
      return host.open({
        moduleBytes, moduleName: demo.module, sequence: { name: demo.sequence, text: sequenceText },
        trust: trusted(demo.dir, sequenceText), wants: wantsOf(options),
      });
    }),

    // From the page: no host location, so no directories unless the native shell read the
    // sequence from disk for it (see trust.ts), or it is Reload of what is open (keptTrust).
    openModule: ({ module, sequence, ...options }) => opening(STOPPED_BY.open, () => host.open({
      moduleBytes: module.bytes, moduleName: module.name, sequence,
      ...(module.glue ? { glue: { file: module.glue.name, text: new TextDecoder().decode(module.glue.bytes) } } : {}),
      trust: (sequence && (host.trustedFiles.lookup(sequence) ?? keptTrust(host, module, sequence.name))) || UNTRUSTED,
      wants: wantsOf(options),
    })),

    openImage: ({ image, module, ...options }) => opening(STOPPED_BY.image, () => host.openImage(image, module, wantsOf(options))),

    getSession: async () => ok(host.view()),

    // Stops a step or run in progress, unless sent `whenIdle` (notIdle).
    setSequence: async ({ name, text, saved, whenIdle, ...options }) => (whenIdle && notIdle(host, whenIdle.nextStep)) || host.serialAfterStop(() => withLive(async (c) => {
      const trust = host.trustedFiles.lookup({ name, text }) ?? c.trust;
      const refused = checkEditedDirs(trust, text, name);
      if (refused) return { ok: false, error: refused };
      const baseDir = trust.baseDir;
      const set = await c.session.setSequence({ text, file: name, ...(baseDir !== null ? { baseDir } : {}) });
      // The text is in effect even when the reset after it was stopped: the view must say so.
      if (c.session.sequenceText !== text) return set.ok ? fail('internal', 'the sequence was not applied') : set;
      c.trust = trust;
      if (saved) c.meta.savedText = text;
      await host.emitFreshView(c, wantsOf(options));
      return set.ok ? ok(null) : set;
    }), STOPPED_BY.edit),

    // Its own event, not a fresh view (which takes every page off the step it looks at), in
    // order after the views built before it, which still had the old saved text.
    sequenceSaved: ({ text }) => withLive(async (c) => {
      c.meta.savedText = text;
      await host.emitInOrder(c, { name: 'sequenceSaved', payload: { id: c.meta.id, text } });
      return ok(null);
    }),

    setBreakpoints: ({ lines }) => withLive((c) => {
      c.session.setBreakpoints(lines);
      return ok(host.delta(c));
    }),

    step: (options) => stepping(options, true, (c) => c.session.step({ heap: options.heap === true })),
    run: (options) => stepping(options, false, (c) => c.session.run({ collect: false })),
    runToLine: ({ line, ...options }) => stepping(options, false, (c) => c.session.run({ untilLine: line, collect: false })),

    // One event for the whole Reset, with the window's bytes, page map and heap the page would
    // otherwise ask for in three requests, each answer a redraw, ahead of the first F10's step.
    reset: (options) => opening(STOPPED_BY.reset, () => withLive(async (c) => {
      const r = await c.session.reset();
      if (!r.ok) return r;
      await host.emitFreshView(c, wantsOf(options));
      return ok(null);
    })),

    // The view goes out whether or not the replay matched: a replay that diverged still changed
    // the session. Its event brings what the options ask for, as Reset's does.
    stepBack: ({ to, ...options }) => host.serial(() => withLive(async (c) => {
      const r = await c.session.stepBack(to);
      await host.emitFreshView(c, wantsOf(options));
      return r.ok ? ok(null) : r;
    })),

    // Like stepBack: a replay, whose view goes out whether or not it matched.
    reverseContinue: (options) => host.serial(() => withLive(async (c) => {
      const r = await c.session.reverseContinue();
      await host.emitFreshView(c, wantsOf(options));
      return r.ok ? ok(null) : r;
    })),

    // Like stepBack: it replays the steps that ran, and a replay that diverged changed the session too.
    setTraceWrites: ({ on, ...options }) => opening(STOPPED_BY.traceWrites, () => withLive(async (c) => {
      const r = await c.session.setTraceWrites(on);
      await host.emitFreshView(c, wantsOf(options));
      return r.ok ? ok(null) : r;
    })),

    // Not queued: it must reach a run, a reset or an open that is in progress.
    stop: () => guard(async () => {
      await host.interrupt();
      return host.current ? ok(host.delta(host.current)) : NO_MODULE;
    }),

    readMemory: ({ address, length, step }) => withSession(async (c) => {
      const r = await c.session.readMemory(address, length, step);
      return r.ok ? ok({ address, bytes: r.value.bytes, memorySize: r.value.memorySize, step: r.value.step }) : r;
    }),

    // Queued as steps are: it must not land inside a step or a replay.
    writeMemory: ({ address, bytes }) => host.serial(() => withLive((c) => c.session.writeMemory(address, bytes))),

    // Queued too. Turning write tracing on for it replays the steps (their records gain writers): a fresh view then.
    setWatches: ({ watches }) => host.serial(() => withLive(async (c) => {
      const traced = c.session.traceWrites;
      const r = await c.session.setWatches(watches);
      if (c.session.traceWrites !== traced) await host.emitFreshView(c, { window: null, heap: false });
      return r.ok ? ok(host.delta(c)) : r;
    })),

    pageMap: ({ step }) => withSession((c) => c.session.pageMap(step)),

    evaluate: ({ expression, step }) => withSession((c) => c.session.evaluate(expression, step)),

    heap: ({ step }) => withSession((c) => c.session.heap(step === undefined ? {} : { step })),

    exportSnapshot: ({ step, format }) => withSession(async (c) => {
      const r = await c.session.exportSnapshot(step === undefined ? { format } : { step, format });
      return r.ok ? ok({ name: r.value.fileName, bytes: r.value.bytes }) : r;
    }),

    diffImage: ({ image, step }) => withSession((c) => diffAgainst(c, image, step)),

    exportCoredump: ({ step }) => withSession(async (c) => {
      const r = await c.session.exportCoredump(step === undefined ? {} : { step });
      return r.ok ? ok({ name: r.value.fileName, bytes: r.value.bytes }) : r;
    }),

    exportHost: ({ language }) => withLive((c) => hostProgram(c, language)),
  };
}

export function createBackend(options: BackendOptions = {}): BackendHandle {
  const host = new SessionHost(options.config);
  const inner = handlers(host, options.examplesDir ?? DEFAULT_EXAMPLES_DIR);
  // Every request, whoever sends it, is validated first: bad params are a 'usage' value.
  const backend = Object.fromEntries(REQUEST_NAMES.map((name) => [name, (params: unknown) => {
    const checked = validateParams(name, params);
    const handler = inner[name] as (p: unknown) => Promise<Result<unknown>>;
    return checked.ok ? guard(() => handler(checked.value)) : Promise.resolve(checked);
  }])) as Backend;

  return {
    backend,
    onEvent: (listener) => host.onEvent(listener),
    openFiles: (paths) => host.serialAfterStop(async () => {
      const files = await readOpenFiles(paths);
      if (!files.ok) return files;
      const { moduleBytes, moduleName, sequence, glue } = files.value;
      return host.open({
        moduleBytes, moduleName, ...(glue ? { glue } : {}),
        ...(sequence ? { sequence: { name: sequence.name, text: sequence.text } } : {}),
        // A module given alone by path: directories only through a sequence file's own lines.
        trust: sequence ? trusted(sequence.baseDir, sequence.text) : trusted(process.cwd(), null),
      });
    }, STOPPED_BY.open),
    trustFile: (file) => host.trustedFiles.add(file),
    trustReload: (sha256) => host.reloadModules.add(sha256),
    interrupt: (why) => host.interrupt(why),
    dispose: () => host.dispose(),
  };
}
