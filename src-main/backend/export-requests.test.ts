// exportCoredump and exportHost through the contract, over a real Session on real demos.
import { describe, expect, it } from 'vitest';
import { decodeCoredump } from '../engine/index.ts';
import { backendsDisposedAfterEach, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

describe('export requests', () => {
  it('exportCoredump: a valid dump of the trap demo after its failed step, with the guest stack', async () => {
    const h = newBackend({}).backend;
    value(await h.openDemo({ id: 'trap' }));
    await h.run({});
    const file = value(await h.exportCoredump({}));
    expect(file.name).toMatch(/^trap\.step\d+\.core\.wasm$/);
    expect(WebAssembly.validate(file.bytes)).toBe(true);
    const dump = decodeCoredump(file.bytes);
    expect(dump.ok && dump.value.threads[0]!.frames.map((f) => f.funcIndex)).toEqual([4, 2, 1, 0]);
    // An earlier step: memory as it was, no frames (that step did not trap).
    const early = decodeCoredump(value(await h.exportCoredump({ step: 0 })).bytes);
    expect(early.ok && early.value.threads[0]!.frames).toEqual([]);
    const bad = await h.exportCoredump({ step: -5 } as never);
    expect(!bad.ok && bad.error.code).toBe('usage');
  });

  it('exportHost: the sequence as JS, Rust and Go source; a bad language is a usage error', async () => {
    const h = newBackend({}).backend;
    value(await h.openDemo({ id: 'return-string' }));
    const js = value(await h.exportHost({ language: 'js' }));
    expect(js.name).toBe('return-string-host.mjs');
    const text = new TextDecoder().decode(js.bytes);
    expect(text).toContain("readFileSync(here(\"./return-string.wasm\"))");
    expect(text).toContain('// line 15: ret = malloc(8)');
    expect(new TextDecoder().decode(value(await h.exportHost({ language: 'rust' })).bytes)).toContain('get_typed_func::<(i32,), i32>(&mut store, "malloc")');
    expect(new TextDecoder().decode(value(await h.exportHost({ language: 'go' })).bytes)).toContain('mod.ExportedFunction("malloc")');
    const bad = await h.exportHost({ language: 'cobol' } as never);
    expect(!bad.ok && bad.error.code).toBe('usage');
  });
});
