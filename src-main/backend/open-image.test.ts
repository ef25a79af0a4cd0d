// openImage through the contract: a coredump or a snapshot exported by a real session opens as a
// read-only session (one kind for both), answers reads, and refuses every request that runs,
// writes or edits with the same reason; opening a demo afterwards is a live session again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../shared/contract.ts';
import { backendsDisposedAfterEach, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

const trapModule = () => ({ name: 'trap.wasm', bytes: new Uint8Array(readFileSync(join(import.meta.dirname, '../../resources/examples/trap/trap.wasm'))) });

/** Every request that would run, write or edit, each answering the image's reason. */
async function refusals(h: Backend): Promise<string[]> {
  const answers = await Promise.all([
    h.step({}), h.run({}), h.runToLine({ line: 3 }), h.reset({}), h.stepBack({}), h.setTraceWrites({ on: true }),
    h.setSequence({ name: 'x.wseq', text: 'module "x.wasm"\n' }), h.setBreakpoints({ lines: [3] }), h.exportHost({ language: 'js' }),
  ]);
  return answers.map((r) => (r.ok ? 'answered' : r.error.message));
}

describe('openImage', () => {
  it('a coredump of the trap demo: read-only, frames named from the module beside it, memory readable', async () => {
    const h = newBackend({}).backend;
    value(await h.openDemo({ id: 'trap' }));
    await h.run({});
    const core = value(await h.exportCoredump({}));

    const view = value(await h.openImage({ image: core, module: trapModule() }));
    expect(view.state).toBe('read-only');
    expect(view.sequence).toBeNull();
    expect(view.image?.kind).toBe('coredump');
    expect(view.image?.threads[0]?.frames.map((f) => f.name)).toEqual(['divide', 'mean', 'average', 'report']);
    expect(view.cannotStep?.message).toBe(view.image?.readOnly);
    expect([...value(await h.readMemory({ address: 256, length: 4 })).bytes]).toEqual([10, 0, 0, 0]);
    expect(value(await h.getSession({}))?.id).toBe(view.id);

    const reason = view.image!.readOnly;
    expect(reason).toMatch(/^trap\.step\d+\.core\.wasm is a Wasm coredump, opened read-only: no guest runs, so stepping, writing memory and editing a sequence are off/);
    expect(await refusals(h)).toEqual(Array(9).fill(reason));

    // A demo opened after it is live again.
    expect(value(await h.openDemo({ id: 'return-string' })).state).toBe('ready');
  });

  it('a saved snapshot: the same session kind, with its call log, regions and names', async () => {
    const h = newBackend({}).backend;
    value(await h.openDemo({ id: 'return-string' }));
    value(await h.run({}));
    const done = value(await h.getSession({}))!;
    const saved = value(await h.exportSnapshot({ format: 'sparse' }));

    const view = value(await h.openImage({ image: saved }));
    expect(view.image?.kind).toBe('snapshot');
    expect(view.state).toBe('read-only');
    expect(view.steps).toHaveLength(done.steps.length);
    expect(view.nextStep).toBe(done.nextStep);
    expect(view.regions).toEqual(done.regions);
    expect(view.bindings).toEqual(done.bindings);
    expect(view.moduleSha256).toBe(done.moduleSha256);
    const s = done.bindings.s;
    expect(s?.kind === 'struct' && s.fields.ptr).toEqual({ kind: 'int', value: value(await h.evaluate({ expression: 's.ptr' })) });
    expect(await refusals(h)).toEqual(Array(9).fill(view.image!.readOnly));
    // The image exports again as a snapshot of the same memory.
    expect(value(await h.exportSnapshot({ format: 'bin' })).bytes.length).toBe(done.memorySize);
  });

  it('what is not a memory image is named, and the session open before stays', async () => {
    const h = newBackend({}).backend;
    const before = value(await h.openDemo({ id: 'return-string' }));
    const bad = await h.openImage({ image: { name: 'notes.txt', bytes: new TextEncoder().encode('hello') } });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'malformed-snapshot', where: { file: 'notes.txt' } });
    const module = await h.openImage({ image: trapModule() });
    expect(!module.ok && module.error.message).toMatch(/not a coredump .*open it as a module/);
    const usage = await h.openImage({ image: { name: 'x.bin' } } as never);
    expect(!usage.ok && usage.error).toMatchObject({ code: 'usage', message: 'openImage: image.bytes must be bytes' });
    expect(value(await h.getSession({}))?.id).toBe(before.id);
  });
});
