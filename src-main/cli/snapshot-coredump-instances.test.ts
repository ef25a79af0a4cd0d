// `memscope snapshot` on coredumps of several modules, instances and memories, and with
// wasmtime's anyref globals: --module names only its own instances' frames, --memory picks the
// memory --dump reads, a memory's shared flag is shown, an anyref global is read as null.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCoredump } from '../engine/testing.ts';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const TRAP = join(PACKAGE_ROOT, 'resources/examples/trap/trap.wasm');
const dir = mkdtempSync(join(tmpdir(), 'memscope-core-instances-'));

function page(at: number, bytes: number[]) {
  const block = new Uint8Array(4096);
  block.set(bytes, at);
  return { size: 65536, blockSize: 4096, blocks: [{ index: 0, bytes: block }] };
}

const frame = (instance: number, funcIndex: number, codeOffset: number) => ({ instance, funcIndex, codeOffset, locals: [], stack: [] });

/**
 * trap.wasm (functions 0 report … 3 sum, 4 divide) as instance 0 with memory 0; helper.wasm as
 * instance 1 with memory 1 (shared, 0x77 at 0); the trap in helper's function 3.
 */
const linked = join(dir, 'linked.core.wasm');
writeFileSync(linked, encodeCoredump({
  processName: 'linked', modules: ['trap.wasm', 'helper.wasm'],
  instances: [{ module: 0, memories: [0], globals: [] }, { module: 1, memories: [1], globals: [] }],
  threads: [{ name: 'main', frames: [frame(1, 3, 7), frame(0, 4, 5), frame(0, 0, 2)] }],
  memories: [
    { min: 1, max: null, memory64: false, image: page(256, [10, 20]) },
    { min: 1, max: 2, memory64: false, shared: true, image: page(0, [0x77]) },
  ],
  globals: [],
}));

describe('coredumps of several modules and memories', () => {
  it('--module names only the frames of its own module\'s instances, and says which are not', () => {
    const r = memscope(['snapshot', linked, '--module', TRAP]);
    expect(r.status).toBe(0);
    // Was `#0 sum (func 3) +0x7 in instance 1`: helper.wasm's function named from trap.wasm.
    expect(r.stdout).toContain('  #0 wasm-function[3] (func 3) +0x7 in instance 1\n  #1 divide (func 4) +0x5 in instance 0\n  #2 report (func 0) +0x2 in instance 0\n');
    expect(r.stderr).toBe("memscope snapshot: --module trap.wasm is taken for the dump's module 0 (trap.wasm); frames in instance 1 (helper.wasm) are another module's: shown by function index, without names or source lines\n");
    const json = JSON.parse(memscope(['snapshot', linked, '--module', TRAP, '--json']).stdout);
    expect(json.coredump.threads[0].frames.map((f: { name: string }) => f.name)).toEqual(['wasm-function[3]', 'divide', 'report']);
  });

  it('--memory picks the memory --dump reads and the dump says which; shared is shown', () => {
    const r = memscope(['snapshot', linked, '--dump', '0', '16', '--memory', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('memory 1: 65536 bytes (1 page, max 2, shared), 1 page holds data\n');
    expect(r.stdout).toContain('\n\nmemory 1:\n0x00000000  77 00 ');
    const json = JSON.parse(memscope(['snapshot', linked, '--dump', '256', '2', '--memory', '0', '--json']).stdout);
    expect(json.dump).toEqual({ memory: 0, address: 256, hex: '0a14' });
    expect(json.coredump.memories.map((m: { shared: boolean }) => m.shared)).toEqual([false, true]);
    const past = memscope(['snapshot', linked, '--dump', '0', '--memory', '2']);
    expect([past.status, past.stderr]).toEqual([2, `memscope snapshot: --memory 2: ${linked} has 2 memories (0..1)\n`]);
    const alone = memscope(['snapshot', linked, '--memory', '1']);
    expect([alone.status, alone.stderr]).toEqual([2, 'memscope snapshot: --memory chooses the memory --dump reads: give --dump ADDR too\n']);
    expect(memscope(['snapshot', linked, '--dump', '0', '--memory', 'x']).stderr).toMatch(/^memscope snapshot: --memory takes a memory's index in the dump \(0, 1, …\), not x\n/);
  });

  it('--dump without --memory reads the memory of the instance the trap is in, as the page shows it', () => {
    // Was memory 0, instance 0's: trap.wasm's bytes shown for a trap in helper.wasm's instance.
    const r = memscope(['snapshot', linked, '--dump', '0', '1']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('\n\nmemory 1:\n0x00000000  77 ');
    // A trap in an instance without memory: said, not another instance's memory read instead.
    const bare = join(dir, 'bare-instance.core.wasm');
    writeFileSync(bare, encodeCoredump({
      processName: 'linked', modules: ['trap.wasm', 'helper.wasm'],
      instances: [{ module: 0, memories: [0], globals: [] }, { module: 1, memories: [], globals: [] }],
      threads: [{ name: 'main', frames: [frame(1, 3, 7), frame(0, 4, 5)] }],
      memories: [{ min: 1, max: null, memory64: false, image: page(256, [10, 20]) }],
      globals: [],
    }));
    const none = memscope(['snapshot', bare, '--dump', '0']);
    expect([none.status, none.stderr]).toEqual([2, "memscope snapshot: --dump: the trap is in instance 1, and instance 1 has no memory; the dump's one memory is another instance's: choose one with --memory N\n"]);
    expect(memscope(['snapshot', bare, '--dump', '256', '2', '--memory', '0']).stdout).toContain('\n\nmemory 0:\n0x00000100  0a 14');
  });

  it('an anyref global (wasmtime writes type 0x6e, ref.null any) is a null anyref, not a refused dump', () => {
    const file = join(dir, 'anyref.core.wasm');
    // wasmtime's layout, by hand: core, an empty memory section, one `(global (mut anyref) (ref.null any))`.
    const name = (s: string) => [s.length, ...Buffer.from(s)];
    const custom = (n: string, body: number[]) => [0, name(n).length + body.length, ...name(n), ...body];
    writeFileSync(file, new Uint8Array([
      0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
      ...custom('core', [0, ...name('p')]),
      5, 1, 0,
      6, 6, 1, 0x6e, 1, 0xd0, 0x6e, 0x0b,
    ]));
    const r = memscope(['snapshot', file]);
    // Was exit 2: "global type 0x6e is a GC / typed-function-reference type …".
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('\nglobal 0: mut anyref = null\n');
    const json = JSON.parse(memscope(['snapshot', file, '--json']).stdout);
    expect(json.coredump.globals).toEqual([{ type: 'anyref', mutable: true, value: 'null', at: expect.any(Number) }]);
  });

  it('--memory on a raw dump is refused, naming the option', () => {
    const raw = join(dir, 'm.bin');
    writeFileSync(raw, new Uint8Array(16));
    const r = memscope(['snapshot', raw, '--dump', '0', '--memory', '0']);
    expect([r.status, r.stderr]).toEqual([2, `memscope snapshot: --memory chooses one of a coredump's memories; ${raw} is a raw memory dump (every byte, no manifest)\n`]);
  });
});
