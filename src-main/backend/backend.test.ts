// The contract over a real Session: real worker, real example modules from resources/examples.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EXAMPLES_DIR } from './demos.ts';
import type { BackendEvent, BackendHandle } from './handle.ts';
import type { Result } from '../shared/dto.ts';
import type { SessionView } from '../shared/contract.ts';
import { backendsDisposedAfterEach, stateAfter, stepRecordsOf, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();
const TESTDATA = join(import.meta.dirname, '..', 'testdata');

function start(): { h: BackendHandle; events: BackendEvent[] } {
  const h = newBackend({});
  const events: BackendEvent[] = [];
  h.onEvent((e) => events.push(e));
  return { h, events };
}

describe('backend', () => {
  it('lists the bundled demos and answers no-module before anything is open', async () => {
    const { h } = start();
    const demos = value(await h.backend.listDemos({}));
    expect(demos.map((d) => d.id)).toEqual(expect.arrayContaining(['return-string', 'infinite-loop', 'big-memory']));
    expect(demos.find((d) => d.id === 'return-string')?.toolchain).toBe('c');
    expect(value(await h.backend.getSession({}))).toBeNull();
    const step = await h.backend.step({});
    expect(!step.ok && step.error.code).toBe('no-module');
    const read = await h.backend.readMemory({ address: 0, length: 16 });
    expect(!read.ok && read.error.code).toBe('no-module');
  });

  it('steps the string-return demo: events, regions, bindings, memory, history, evaluate, export', async () => {
    const { h, events } = start();
    const view = value(await h.backend.openDemo({ id: 'return-string' }));
    expect(view.state).toBe('ready');
    expect(view.moduleName).toBe('return-string.wasm');
    expect(view.moduleSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.sequence?.errors).toEqual([]);
    expect(view.sequence!.stepLines.length).toBeGreaterThanOrEqual(8);
    expect(events.filter((e) => e.name === 'session')).toHaveLength(1);

    const first = await stateAfter(h, h.backend.step({}));
    expect(first.nextStep).toBe(1);
    expect(first.state).toBe('paused');
    expect(first.regions.some((r) => r.kind === 'alloc' && r.size === 8)).toBe(true);
    const stepEvents = events.filter((e) => e.name === 'step');
    expect(stepEvents).toHaveLength(1);

    // Run to the end: every step is announced, and the text is bound and readable in memory.
    const done = await stateAfter(h, h.backend.run({}));
    expect(done.state).toBe('done');
    // The run's steps come as batches (`steps`), after the single step's own event.
    expect(events.flatMap(stepRecordsOf).map((r) => r.index)).toEqual(view.sequence!.stepLines.map((_, i) => i));
    const text = done.bindings.text;
    expect(text).toMatchObject({ kind: 'text', value: 'hello from C' });
    if (text.kind !== 'text') throw new Error('text binding');
    const window = value(await h.backend.readMemory({ address: text.address, length: 12 }));
    expect(new TextDecoder().decode(window.bytes)).toBe('hello from C');
    expect(window.memorySize).toBe(done.memorySize);

    // Before the first step the text was not there yet.
    const before = value(await h.backend.readMemory({ address: text.address, length: 12, step: -1 }));
    expect(new TextDecoder().decode(before.bytes)).not.toBe('hello from C');
    expect(before.step).toBe(-1);

    expect(value(await h.backend.evaluate({ expression: 's.ptr + 4' }))).toBe(String(text.address + 4));
    const evalErr = await h.backend.evaluate({ expression: 'nosuchname + 1' });
    expect(!evalErr.ok && evalErr.error.code).toBe('eval-error');

    const pages = value(await h.backend.pageMap({}));
    expect(pages.length).toBe(done.memorySize / 65536);
    expect(pages.some((p) => p !== 0)).toBe(true);

    const bin = value(await h.backend.exportSnapshot({ format: 'bin' }));
    expect(bin.bytes.length).toBe(done.memorySize);
    expect(new TextDecoder().decode(bin.bytes.subarray(text.address, text.address + 12))).toBe('hello from C');
    const sparse = value(await h.backend.exportSnapshot({ format: 'sparse', step: 1 }));
    expect(sparse.bytes.length).toBeLessThan(done.memorySize);

    // Reset: a fresh instance, a whole view pushed again (and not answered again: null).
    const reset = await stateAfter(h, h.backend.reset({}));
    expect(reset.nextStep).toBe(0);
    expect(reset.state).toBe('ready');
    expect(events.filter((e) => e.name === 'session')).toHaveLength(2);
  });

  it('an open, a Reset or an edit that names a window pushes one view event with its bytes, the page map and the heap', async () => {
    const { h, events } = start();
    const window = { address: 0x10000, length: 4096 };
    const opened = value(await h.backend.openDemo({ id: 'return-string', window, heap: true }));
    expect(events.map((e) => e.name)).toEqual(['session']);
    const first = events[0]!.payload as SessionView;
    expect(first).toMatchObject({ id: opened.id, nextStep: 0, window: { address: window.address, memorySize: opened.memorySize } });
    expect(first.window!.bytes).toEqual(value(await h.backend.readMemory(window)).bytes);
    expect(first.pages).toEqual(value(await h.backend.pageMap({})));
    expect(first.heap).toMatchObject({ ok: true, value: { live: [] } });
    value(await h.backend.run({ heap: true }));
    const from = events.length;
    expect(await h.backend.reset({ window, heap: true })).toEqual({ ok: true, value: null });
    // A fence: events go out in order, so a delta pushed for the Reset comes before this step's.
    value(await h.backend.step({}));
    const pushed = events.slice(from);
    expect(pushed.map((e) => e.name)).toEqual(['session', 'step']);
    const view = pushed[0]!.payload as SessionView;
    expect(view).toMatchObject({ id: opened.id, nextStep: 0, state: 'ready' });
    // The reset guest's memory, exactly what a read of step -1 answers, and its heap then.
    const read = value(await h.backend.readMemory({ ...window, step: -1 }));
    expect(view.window).toMatchObject({ address: window.address, memorySize: view.memorySize });
    expect(view.window!.bytes).toEqual(read.bytes);
    expect(view.pages).toEqual(value(await h.backend.pageMap({ step: -1 })));
    expect(view.heap).toMatchObject({ ok: true, value: { live: [] } });

    // An edit (a fresh run) the same way.
    const text = `${view.sequence!.text}\n# a note\n`;
    expect(await h.backend.setSequence({ name: 'edited.wseq', text, window, heap: true })).toEqual({ ok: true, value: null });
    const last = events.at(-1)!;
    expect(last.name).toBe('session');
    const now = value(await h.backend.getSession({}))!;
    expect(last.payload).toMatchObject({ id: opened.id, nextStep: now.nextStep, sequence: { text }, window: { address: window.address }, heap: { ok: true } });
  });

  it('validates params itself and caps memory reads', async () => {
    const { h } = start();
    value(await h.backend.openDemo({ id: 'return-string' }));
    const big = await h.backend.readMemory({ address: 0, length: 2 << 20 });
    expect(!big.ok && big.error.code).toBe('usage');
    const bad = await (h.backend.readMemory as (p: unknown) => Promise<Result<unknown>>)({ address: 'x', length: 4 });
    expect(!bad.ok && bad.error.code).toBe('usage');
    const oob = await h.backend.readMemory({ address: 0xfffffff0, length: 32 });
    expect(!oob.ok && oob.error.code).toBe('out-of-bounds');
    const demo = await h.backend.openDemo({ id: 'no-such-demo' });
    expect(!demo.ok && demo.error.code).toBe('usage');
  });

  it('keeps the open session when a new module is malformed, and reports sequence errors', async () => {
    const { h } = start();
    const first = value(await h.backend.openDemo({ id: 'return-string' }));
    const broken = await h.backend.openModule({ module: { name: 'junk.wasm', bytes: new Uint8Array([0, 97, 115, 109, 9, 9]) } });
    expect(!broken.ok && broken.error.code).toBe('malformed-module');
    // Which file, and where in it: the page shows both.
    const truncated = await h.backend.openModule({ module: { name: 'bad.wasm', bytes: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0]) } });
    expect(!truncated.ok && truncated.error.where).toEqual({ file: 'bad.wasm', offset: 8, section: 'type' });
    expect(value(await h.backend.getSession({}))?.id).toBe(first.id);

    const bytes = new Uint8Array(await readFile(join(DEFAULT_EXAMPLES_DIR, 'return-string', 'return-string.wasm')));
    const opened = value(await h.backend.openModule({
      module: { name: 'return-string.wasm', bytes },
      sequence: { name: 'mine.wseq', text: 'ret = malloc(8)\nNoSuchExport(ret)\n' },
    }));
    expect(opened.id).not.toBe(first.id);
    expect(opened.sequence?.errors.length).toBeGreaterThan(0);
    expect(opened.sequence?.errors[0].where?.line).toBe(2);

    const fixed = await stateAfter(h, h.backend.setSequence({ name: 'mine.wseq', text: 'ret = malloc(8)\nReturnString(ret)\n' }));
    expect(fixed.sequence?.errors).toEqual([]);
    expect(fixed.sequence?.stepLines).toEqual([1, 2]);
    expect(fixed.sequence?.otherModule).toBeUndefined();
    // A sequence whose module line names another file runs against the module open, and says so.
    const other = await stateAfter(h, h.backend.setSequence({ name: 'other.wseq', text: 'module "dir/other.wasm"\nret = malloc(8)\n' }));
    expect(other.sequence?.otherModule).toBe('dir/other.wasm');
    const same = await stateAfter(h, h.backend.setSequence({ name: 'same.wseq', text: 'module "../x/return-string.wasm"\nret = malloc(8)\n' }));
    expect(same.sequence?.otherModule).toBeUndefined();
    value(await h.backend.setSequence({ name: 'mine.wseq', text: 'ret = malloc(8)\nReturnString(ret)\n' }));
    expect(value(await h.backend.setBreakpoints({ lines: [2] })).nextStep).toBe(0);
    expect(value(await h.backend.run({}))).toEqual({ ran: 1 });
    expect(value(await h.backend.getSession({}))?.nextStep).toBe(1);
  });

  it('opens a sequence by path with its module from the `module` line', async () => {
    const { h } = start();
    const view = value(await h.openFiles({ sequence: join(DEFAULT_EXAMPLES_DIR, 'packed-i64', 'packed-i64.wseq') }));
    expect(view.moduleName).toBe('packed-i64.wasm');
    const missing = await h.openFiles({ module: '/nonexistent/x.wasm' });
    expect(!missing.ok && missing.error.code).toBe('io');
  });

  it('stops a stuck step from outside and stays responsive', async () => {
    const { h, events } = start();
    // hold.wasm's spin() creates "spinning" in its preopen before it loops: Stop is pressed once
    // the guest is stuck, never after a sleep a slow machine may not have got there in (Stop at
    // 300 ms used to find the infinite-loop demo's fill not yet run). The limit is far above the
    // wait, so only Stop can end the step.
    const dir = await mkdtemp(join(tmpdir(), 'memscope-stop-'));
    try {
      const sequence = join(dir, 'stuck.wseq');
      await writeFile(sequence, `module "${join(TESTDATA, 'hold.wasm')}"\ntimeout 600000\ndir "." as "/d" rw\nsay()\nspin()\n`);
      value(await h.openFiles({ sequence }));
      const running = h.backend.run({});
      while (!existsSync(join(dir, 'spinning'))) await new Promise((r) => setTimeout(r, 10));
      const started = Date.now();
      value(await h.backend.stop({}));
      const ran = await running;
      // The reason below ('stopped') is what shows Stop ended it; time is generous.
      expect(Date.now() - started).toBeLessThan(30_000);
      const state = value(await h.backend.getSession({}));
      expect(state?.state).toBe('terminated');
      expect(state?.terminated?.reason).toBe('stopped');
      expect(ran.ok ? state?.state : ran.error.code).toMatch(/terminated|stopped/);
      // The last image is still readable: say()'s iovec {buf 0x100, len 5} at 0.
      const w = value(await h.backend.readMemory({ address: 0, length: 8 }));
      expect([...w.bytes]).toEqual([0x00, 0x01, 0, 0, 5, 0, 0, 0]);
      expect(events.some((e) => e.name === 'delta' && e.payload.state === 'terminated')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('grants a demo its directories, but never to uploaded or newly edited `dir` lines', async () => {
    const { h, events } = start();
    const demo = value(await h.backend.openDemo({ id: 'wasi-cat' }));
    expect((await stateAfter(h, h.backend.run({}))).state).toBe('done');
    const stdout = events.filter((e) => e.name === 'output' && e.payload.stream === 'stdout')
      .map((e) => (e.name === 'output' ? new TextDecoder().decode(e.payload.bytes) : '')).join('');
    expect(stdout).toContain('Hello from a preopened directory!');

    // Editing the demo's text may keep its own `dir` line but not add one.
    const text = demo.sequence!.text;
    expect((await stateAfter(h, h.backend.setSequence({ name: 'wasi-cat.wseq', text: `${text}\n# edited\n` }))).sequence?.errors).toEqual([]);
    const widened = await h.backend.setSequence({ name: 'wasi-cat.wseq', text: text.replace('dir "fixtures" as "/data"', 'dir "/" as "/data"') });
    expect(!widened.ok && widened.error.message).toMatch(/cannot add host directories/);

    // An upload has no host location: `dir` lines are refused with a way out. (In a new backend:
    // here, the same module and sequence names would open again what is open, and keep its
    // directories, as Reload does; reload-trust.test.ts.)
    const bytes = new Uint8Array(await readFile(join(DEFAULT_EXAMPLES_DIR, 'wasi-cat', 'wasi-cat.wasm')));
    const fresh = start().h;
    const uploaded = await fresh.backend.openModule({ module: { name: 'wasi-cat.wasm', bytes }, sequence: { name: 'wasi-cat.wseq', text } });
    expect(!uploaded.ok && uploaded.error.message).toMatch(/uploaded sequence cannot grant host directories.*--sequence/);
    // It points at the line, as a parse error does.
    const line = text.split('\n').findIndex((l) => l.startsWith('dir ')) + 1;
    expect(!uploaded.ok && uploaded.error.where).toEqual({ file: 'wasi-cat.wseq', line, column: 1, source: 'dir "fixtures" as "/data"', length: expect.any(Number) });

    // The same file read from disk by the native shell's dialog is trusted with its directory.
    fresh.trustFile({ name: 'wasi-cat.wseq', text, baseDir: join(DEFAULT_EXAMPLES_DIR, 'wasi-cat') });
    value(await fresh.backend.openModule({ module: { name: 'wasi-cat.wasm', bytes }, sequence: { name: 'wasi-cat.wseq', text } }));
    expect((await stateAfter(fresh, fresh.backend.run({}))).bindings.total).toEqual({ kind: 'int', value: '91', bits: 32 });
  });

  it('opening another demo stops a run in progress instead of waiting for it', async () => {
    const { h } = start();
    value(await h.backend.openDemo({ id: 'infinite-loop' }));
    const running = h.backend.run({});
    await new Promise((r) => setTimeout(r, 250));
    const view = value(await h.backend.openDemo({ id: 'return-string' }));
    expect(view.moduleName).toBe('return-string.wasm');
    // The old run ended because it was stopped, not because its 1 s limit ran out; its answer says why.
    const ran = await running;
    expect(ran.ok ? 'answered ok' : ran.error.message).toMatch(/ was stopped: another module was opened in its place/);
    expect(value(await h.backend.getSession({}))?.id).toBe(view.id);
  });
});
