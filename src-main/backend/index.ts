// The contract implemented over one current engine Session, shared by the web shell and the
// Electron shell. Requests that change the session run one at a time (a queue); stop and the
// read-only requests go straight through, so Stop can interrupt a run and the grid can read
// memory while a step is in flight. Every answer is a Result; nothing here throws at a caller.

import { createHash, randomBytes } from 'node:crypto';
import {
  REQUEST_NAMES, type Backend, type Params, type RequestName, type ResultOf, type SessionDelta, type SessionView,
} from '../shared/contract.ts';
import type { MemscopeError, Result } from '../shared/dto.ts';
import { Session } from '../engine/index.ts';
import { DEFAULT_EXAMPLES_DIR, demoInfo, listDemoFiles, loadDemo } from './demos.ts';
import type { BackendEvent, BackendHandle, BackendOptions, Unsubscribe } from './handle.ts';
import { readOpenFiles } from './open-files.ts';
import { validateParams } from './validate.ts';
import { sessionDelta, sessionView, type SessionMeta } from './views.ts';

export type { BackendEvent, BackendHandle, BackendOptions } from './handle.ts';

interface Current {
  session: Session;
  meta: SessionMeta;
  unsubscribe: Unsubscribe[];
}

interface OpenInput {
  moduleBytes: Uint8Array;
  moduleName: string;
  sequence?: { name: string; text: string; baseDir?: string };
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (code: MemscopeError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });
const NO_MODULE = fail('no-module', 'no module is open: open a module or pick a demo first');

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

  /** Runs fn after every earlier mutating request has settled; a throw becomes an 'internal' error. */
  function serial<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
    const run = queue.then(() => (disposed ? fail('no-module', 'the backend is shut down') : fn()));
    queue = run.catch(() => undefined);
    return guard(run);
  }
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
    const opened = await Session.open({
      moduleBytes: input.moduleBytes,
      moduleName: input.moduleName,
      config: options.config,
      sequence: input.sequence
        ? { text: input.sequence.text, file: input.sequence.name, baseDir: input.sequence.baseDir }
        : undefined,
    });
    if (!opened.ok) return opened;
    const previous = current;
    const meta: SessionMeta = {
      id: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
      moduleName: input.moduleName,
      moduleSha256: createHash('sha256').update(input.moduleBytes).digest('hex'),
      info: opened.value.info,
      sequence: input.sequence ? { name: input.sequence.name, text: input.sequence.text } : null,
      breakpoints: [],
    };
    current = { session: opened.value, meta, unsubscribe: [] };
    watch(current);
    await close(previous);
    emitView();
    return ok(view()!);
  }

  const handlers: Backend = {
    listDemos: () => guard((async () => ok((await listDemoFiles(examplesDir)).map(demoInfo)))()),

    openDemo: ({ id }) => serial(async () => {
      const files = await loadDemo(examplesDir, id);
      if (!files.ok) return files;
      const { demo, moduleBytes, sequenceText } = files.value;
      // Our own files: the sequence's relative paths (dir fixtures) resolve beside it.
      return open({ moduleBytes, moduleName: demo.module, sequence: { name: demo.sequence, text: sequenceText, baseDir: demo.dir } });
    }),

    // Uploaded from the page: no host location, so no baseDir (relative host paths mean nothing).
    openModule: ({ module, sequence }) => serial(() => open({ moduleBytes: module.bytes, moduleName: module.name, sequence })),

    getSession: () => guard(Promise.resolve(ok(view()))),

    setSequence: ({ name, text }) => serial(() => withSession(async (c) => {
      const set = await c.session.setSequence({ text, file: name });
      if (!set.ok) return set;
      c.meta.sequence = { name, text };
      emitView();
      return ok(view()!);
    })),

    setBreakpoints: ({ lines }) => withSession((c) => {
      c.meta.breakpoints = lines;
      return ok(delta(c));
    }),

    step: () => serial(() => withSession(async (c) => {
      const r = await c.session.step();
      return r.ok ? ok(delta(c)) : r;
    })),

    run: () => serial(() => withSession(async (c) => {
      const r = await c.session.run({ breakpoints: c.meta.breakpoints });
      return r.ok ? ok(delta(c)) : r;
    })),

    runToLine: ({ line }) => serial(() => withSession(async (c) => {
      const r = await c.session.run({ breakpoints: c.meta.breakpoints, untilLine: line });
      return r.ok ? ok(delta(c)) : r;
    })),

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
      if (!r.ok) return r;
      return ok({ address, bytes: r.value.bytes, memorySize: r.value.memorySize, step: r.value.step });
    }),

    pageMap: ({ step }) => withSession((c) => c.session.pageMap(step)),

    evaluate: ({ expression }) => withSession((c) => c.session.evaluate(expression)),

    exportSnapshot: ({ step, format }) => withSession((c) => c.session.exportSnapshot({ step, format })),
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
      return files.ok ? open(files.value) : files;
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
