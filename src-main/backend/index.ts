// The contract implemented over one current engine Session, shared by the web shell and the
// Electron shell. Requests that change the session run one at a time (a queue); stop and the
// read-only requests go straight through, so Stop can interrupt a run and the grid can read
// memory while a step is in flight. Every answer is a Result; nothing here throws at a caller.

import { randomBytes } from 'node:crypto';
import {
  REQUEST_NAMES, type Backend, type Params, type RequestName, type ResultOf, type SessionDelta, type SessionView,
} from '../shared/contract.ts';
import type { MemscopeError, Result } from '../shared/dto.ts';
import { Session } from '../engine/index.ts';
import { DEFAULT_EXAMPLES_DIR, demoInfo, listDemoFiles, loadDemo } from './demos.ts';
import type { BackendEvent, BackendHandle, BackendOptions, Unsubscribe } from './handle.ts';
import { readOpenFiles } from './open-files.ts';
import { checkEditedDirs, trusted, UNTRUSTED, type Trust } from './trust.ts';
import { validateParams } from './validate.ts';
import { sessionDelta, sessionView, type SessionMeta } from './views.ts';

export type { BackendEvent, BackendHandle, BackendOptions } from './handle.ts';

interface Current {
  session: Session;
  meta: SessionMeta;
  trust: Trust;
  unsubscribe: Unsubscribe[];
}

interface OpenInput {
  moduleBytes: Uint8Array;
  moduleName: string;
  sequence?: { name: string; text: string };
  trust: Trust;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (code: MemscopeError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });
const NO_MODULE = fail('no-module', 'no module is open: open a module or pick a demo first');

/** Why step/run cannot go on, as an error a person can act on; null when it can. */
function cannotStep(c: Current): Result<never> | null {
  const s = c.session;
  if (s.state === 'running') return fail('usage', 'a step is already running; wait for it or press Stop');
  if (s.terminated) return fail('terminated', `the guest worker is gone (${s.terminated.message}); reset to continue`);
  if (!c.meta.sequence) return fail('usage', 'no sequence is open: open a .wseq file or write one in the editor');
  if (s.sequenceErrors.length > 0) {
    const e = s.sequenceErrors[0];
    return fail('parse-error', `the sequence has ${s.sequenceErrors.length} error(s), first at line ${e.where?.line ?? '?'}: ${e.message}`);
  }
  if (s.exitCode !== undefined) return fail('usage', `the guest exited with code ${s.exitCode}; reset to run again`);
  if (s.nextStep >= s.stepLines.length) return fail('usage', 'every step has run; reset to start again');
  if (s.state === 'failed') return fail('usage', 'the last step failed; reset to run again');
  return null;
}

export function createBackend(options: BackendOptions = {}): BackendHandle {
  const examplesDir = options.examplesDir ?? DEFAULT_EXAMPLES_DIR;
  const listeners = new Set<(event: BackendEvent) => void>();
  let current: Current | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const emit = (event: BackendEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A failing transport must not stop the others from getting the event.
      }
    }
  };
  const view = (): SessionView | null => (current ? sessionView(current.meta, current.session) : null);
  const delta = (c: Current): SessionDelta => sessionDelta(c.meta, c.session);
  const emitView = (): void => emit({ name: 'session', payload: view() });

  /** Runs fn after every earlier mutating request has settled. */
  function serial<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = queue.then(() => (disposed ? fail('no-module', 'the backend is shut down') : fn()));
    queue = run.catch(() => undefined);
    return guard(run);
  }
  /** A throw (our bug) becomes an 'internal' error value. */
  async function guard<T>(p: Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await p;
    } catch (error) {
      return fail('internal', `unexpected failure: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  const withSession = <T>(fn: (c: Current) => Promise<Result<T>> | Result<T>): Promise<Result<T>> =>
    guard((async () => (current ? fn(current) : NO_MODULE))());

  function watch(c: Current): void {
    const live = (): boolean => current === c;
    c.unsubscribe.push(
      c.session.on('output', (chunk) => live() && emit({ name: 'output', payload: chunk })),
      c.session.on('step', (record) => {
        if (!live()) return;
        emit({ name: 'step', payload: record });
        emit({ name: 'delta', payload: delta(c) });
      }),
      c.session.on('state', () => live() && emit({ name: 'delta', payload: delta(c) })),
      c.session.on('terminated', () => live() && emit({ name: 'delta', payload: delta(c) })),
    );
  }

  async function close(c: Current | null): Promise<void> {
    if (!c) return;
    for (const u of c.unsubscribe) u();
    await c.session.dispose();
  }

  async function open(input: OpenInput): Promise<Result<SessionView>> {
    if (input.sequence) {
      const refused = checkEditedDirs(input.trust, input.sequence.text);
      if (refused) return { ok: false, error: refused };
    }
    const baseDir = input.trust.baseDir;
    const opened = await Session.open({
      moduleBytes: input.moduleBytes,
      moduleName: input.moduleName,
      // Untrusted: no directories, whatever a later edit says (explicit config wins over lines).
      config: baseDir === null ? { ...options.config, preopens: [] } : options.config,
      sequence: input.sequence
        ? { text: input.sequence.text, file: input.sequence.name, ...(baseDir !== null ? { baseDir } : {}) }
        : undefined,
    });
    if (!opened.ok) return opened;
    const previous = current;
    const meta: SessionMeta = {
      id: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
      sequence: input.sequence ? { name: input.sequence.name, text: input.sequence.text } : null,
      breakpoints: [],
    };
    current = { session: opened.value, meta, trust: input.trust, unsubscribe: [] };
    watch(current);
    await close(previous);
    emitView();
    return ok(view()!);
  }

  async function stepped(c: Current, run: () => Promise<unknown>): Promise<Result<SessionDelta>> {
    const refused = cannotStep(c);
    if (refused) return refused;
    await run();
    return ok(delta(c));
  }

  const handlers: Backend = {
    listDemos: () => guard((async () => ok((await listDemoFiles(examplesDir)).map(demoInfo)))()),

    openDemo: ({ id }) => serial(async () => {
      const files = await loadDemo(examplesDir, id);
      if (!files.ok) return files;
      const { demo, moduleBytes, sequenceText } = files.value;
      // Our own files: the sequence's relative paths (dir fixtures) resolve beside it.
      return open({
        moduleBytes, moduleName: demo.module, sequence: { name: demo.sequence, text: sequenceText },
        trust: trusted(demo.dir, sequenceText),
      });
    }),

    // Uploaded from the page: no host location, so no directories (see trust.ts).
    openModule: ({ module, sequence }) => serial(() => open({ moduleBytes: module.bytes, moduleName: module.name, sequence, trust: UNTRUSTED })),

    getSession: () => guard(Promise.resolve(ok(view()))),

    setSequence: ({ name, text }) => serial(() => withSession(async (c) => {
      const refused = checkEditedDirs(c.trust, text);
      if (refused) return { ok: false, error: refused };
      const baseDir = c.trust.baseDir;
      const set = await c.session.setSequence({ text, file: name, ...(baseDir !== null ? { baseDir } : {}) });
      if (!set.ok) return set;
      c.meta.sequence = { name, text };
      emitView();
      return ok(view()!);
    })),

    setBreakpoints: ({ lines }) => withSession((c) => {
      c.meta.breakpoints = lines;
      return ok(delta(c));
    }),

    // A step that fails (trap, failed expect, timeout) is still a step that ran: the answer is
    // the delta, and the failure is in the step event's record.
    step: () => serial(() => withSession((c) => stepped(c, () => c.session.step()))),

    run: () => serial(() => withSession((c) => stepped(c, () => c.session.run({ breakpoints: c.meta.breakpoints })))),

    runToLine: ({ line }) => serial(() => withSession((c) =>
      stepped(c, () => c.session.run({ breakpoints: c.meta.breakpoints, untilLine: line })))),

    reset: () => serial(() => withSession(async (c) => {
      const r = await c.session.reset();
      if (!r.ok) return r;
      emitView();
      return ok(view()!);
    })),

    // Not queued: it must reach a run that is in progress.
    stop: () => withSession(async (c) => {
      await c.session.stop();
      return ok(delta(c));
    }),

    readMemory: ({ address, length, step }) => withSession(async (c) => {
      const r = await c.session.readMemory(address, length, step);
      return r.ok ? ok({ address, bytes: r.value.bytes, memorySize: r.value.memorySize, step: r.value.step }) : r;
    }),

    pageMap: ({ step }) => withSession((c) => c.session.pageMap(step)),

    evaluate: ({ expression }) => withSession((c) => c.session.evaluate(expression)),

    exportSnapshot: ({ step, format }) => withSession(async (c) => {
      const r = await c.session.exportSnapshot(step === undefined ? { format } : { step, format });
      return r.ok ? ok({ name: r.value.fileName, bytes: r.value.bytes }) : r;
    }),
  };

  // Every request, whoever sends it, is validated here first: bad params are a 'usage' value.
  const backend = Object.fromEntries(REQUEST_NAMES.map((name) => [name, (params: unknown) => {
    const checked = validateParams(name, params);
    return checked.ok ? guard(handlerOf(handlers, name)(checked.value as never)) : Promise.resolve(checked);
  }])) as Backend;

  return {
    backend,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openFiles: (paths) => serial(async () => {
      const files = await readOpenFiles(paths);
      if (!files.ok) return files;
      const { moduleBytes, moduleName, sequence } = files.value;
      return open({
        moduleBytes, moduleName,
        ...(sequence ? { sequence: { name: sequence.name, text: sequence.text } } : {}),
        // A module given alone by path: directories only through a sequence file's own lines.
        trust: sequence ? trusted(sequence.baseDir, sequence.text) : trusted(process.cwd(), null),
      });
    }),
    async dispose() {
      if (disposed) return;
      disposed = true;
      listeners.clear();
      const c = current;
      current = null;
      await close(c);
    },
  };
}

/** For transports: the handler of one request, typed by name. */
export function handlerOf<K extends RequestName>(backend: Backend, name: K): (p: Params<K>) => Promise<Result<ResultOf<K>>> {
  return backend[name] as (p: Params<K>) => Promise<Result<ResultOf<K>>>;
}
