// wazero's listener guarantee on real modules, for every kind of host function (WASI, builtins,
// Go's runtime, Emscripten's helpers, stubs): each call the guest makes has exactly one before,
// then exactly one after or, when the host function throws (proc_exit, Go's wasmExit, a stub
// whose name ends the program, AssemblyScript's abort), exactly one abort and no after.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportBinding } from '../../shared/dto.ts';
import { GuestMemory } from '../memory/guest-memory.ts';
import { inspectBytes } from '../module/inspect.ts';
import { planImports } from '../host/import-plan.ts';
import type { WorkerInit } from '../protocol.ts';
import type { HostCallListener } from './host-call.ts';
import type { ImportContext } from './import-context.ts';
import { linkImports } from './link.ts';
import { createWasi } from './wasi-binding.ts';

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLES = resolve(here, '../../../resources/examples');
const TESTDATA = resolve(here, '../host/testdata');

type Event = { kind: 'before' | 'after' | 'abort' | 'invoked'; name: string; binding?: ImportBinding; summary?: string };

/**
 * Links `file` with the product's planner, WASI and host functions, counting each import
 * function's invocations on the outside and the recorder's events on the inside; runs `call`.
 */
function runWithListener(file: string, call: (exports: WebAssembly.Exports, memory: GuestMemory) => void, importBindings: Record<string, string> = {}, args: string[] = []) {
  const bytes = readFileSync(file);
  const info = inspectBytes(bytes);
  if (!info.ok) throw new Error(info.error.message);
  const plan = planImports(info.value, importBindings, false);
  if (!plan.ok) throw new Error(plan.error.message);
  const events: Event[] = [];
  const listener: HostCallListener = {
    before: (entry) => { events.push({ kind: 'before', name: entry.name, binding: entry.binding }); },
    after: (r) => { events.push({ kind: 'after', name: r.name, summary: r.summary }); },
    abort: (r) => { events.push({ kind: 'abort', name: r.name, summary: r.summary }); },
  };
  let memory: GuestMemory | null = null;
  const getMemory = (): GuestMemory => {
    if (!memory) throw new Error('no memory yet');
    return memory;
  };
  const ctx: ImportContext = {
    memory: getMemory, stdout: () => {}, stderr: () => {}, calls: listener, deterministic: true, memoryCapBytes: 256 << 20, exports: () => ({}), functionNames: {},
  };
  const init = {
    moduleName: 'm.wasm', args, env: [], preopens: [], stdin: new Uint8Array(0), deterministic: true, stdioTty: false, bindings: plan.value,
  } as Partial<WorkerInit> as WorkerInit;
  const wasi = createWasi(init, ctx, getMemory);
  const linked = linkImports({ info: info.value, plan: plan.value, ctx, wasi: wasi.imports, wasiUnstable: wasi.unstable, capPages: 4096 });
  // Every import function, counted where the guest calls it: the recorder cannot skip one.
  for (const ns of Object.values(linked.imports)) {
    for (const [name, value] of Object.entries(ns)) {
      if (typeof value !== 'function') continue;
      const fn = value as (...a: unknown[]) => unknown;
      ns[name] = ((...a: unknown[]) => {
        events.push({ kind: 'invoked', name });
        return fn(...a);
      }) as unknown as WebAssembly.ImportValue;
    }
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), linked.imports);
  const exported = Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory) as WebAssembly.Memory | undefined;
  memory = new GuestMemory(exported ?? linked.importedMemory!);
  let thrown: unknown = null;
  try {
    call(instance.exports, memory);
  } catch (error) {
    thrown = error;
  } finally {
    wasi.dispose();
  }
  return { events, thrown };
}

/** Each invocation is followed by exactly one before and then exactly one after or abort. */
function expectOneBeforeAndOneClose(events: Event[]): { closes: Event[] } {
  expect(events.length % 3).toBe(0);
  const closes: Event[] = [];
  for (let i = 0; i < events.length; i += 3) {
    const [invoked, before, close] = [events[i]!, events[i + 1]!, events[i + 2]!];
    expect([invoked.kind, before.kind, before.name], `event ${i}`).toEqual(['invoked', 'before', invoked.name]);
    expect(['after', 'abort'], `event ${i + 2}`).toContain(close.kind);
    expect(close.name).toBe(invoked.name);
    closes.push(close);
  }
  return { closes };
}

describe('host-call listener guarantee (one before, then exactly one after or abort)', () => {
  it("Go's runtime.wasmExit throws: one abort, no after; every other Go call closes with after", () => {
    const { events, thrown } = runWithListener(resolve(EXAMPLES, 'go-hello/go-hello.wasm'), (exports, mem) => {
      // wasm_exec.js's argv: "go\0" at 4096, argv[0] at 4112 (8-byte slots).
      mem.write(4096, new TextEncoder().encode('go\0'));
      mem.setU64(4112, 4096n);
      (exports.run as (argc: number, argv: number) => void)(1, 4112);
    });
    expect(String(thrown)).toMatch(/proc_exit\(0\)/);
    const { closes } = expectOneBeforeAndOneClose(events);
    expect(closes.filter((c) => c.kind === 'abort').map((c) => [c.name, c.summary])).toEqual([['runtime.wasmExit', 'runtime.wasmExit(4343672) ✗ proc_exit(0)']]);
    expect(closes.at(-1)!.kind).toBe('abort');
    expect(closes.filter((c) => c.kind === 'after').map((c) => c.name)).toContain('runtime.wasmWrite');
    expect(closes.find((c) => c.name === 'runtime.nanotime1')?.summary).toBe('nanotime1() → 1000000 ns');
  });

  it('WASI proc_exit(1) closes with abort, after the fd_writes that closed with after', () => {
    const { events, thrown } = runWithListener(resolve(EXAMPLES, 'wasi-cat/wasi-cat.wasm'), (exports) => {
      (exports._start as () => void)();
    }, {}, ['/nowhere/at-all.txt']);
    expect(thrown).toMatchObject({ code: 1 });
    const { closes } = expectOneBeforeAndOneClose(events);
    expect(closes.filter((c) => c.kind === 'abort').map((c) => [c.name, c.summary])).toEqual([['proc_exit', 'proc_exit(rval=1) → exit 1']]);
    expect(closes.at(-1)!.kind).toBe('abort');
    expect(closes.some((c) => c.kind === 'after' && c.name === 'fd_write')).toBe(true);
  });

  it('a stub whose name ends the program throws: one abort, no after', () => {
    const { events, thrown } = runWithListener(resolve(EXAMPLES, 'emscripten-i64/emscripten-i64.wasm'), (exports) => {
      (exports.give_up as () => void)();
    });
    expect(String(thrown)).toContain('the guest called env.abort()');
    const { closes } = expectOneBeforeAndOneClose(events);
    expect(closes.map((c) => [c.kind, c.name])).toEqual([['abort', 'abort']]);
  });

  it("AssemblyScript's abort throws after trace returned: one after, then one abort", () => {
    const bindings = { 'env.abort': 'abort', 'env.trace': 'trace' };
    const host = resolve(TESTDATA, 'host.wasm');
    const said = runWithListener(host, (exports) => (exports.say as () => void)(), bindings);
    expect(said.thrown).toBeNull();
    expect(expectOneBeforeAndOneClose(said.events).closes.map((c) => [c.kind, c.summary])).toEqual([['after', 'trace: boom 1.5, 2.5']]);
    const failed = runWithListener(host, (exports) => (exports.fail as () => void)(), bindings);
    expect(String(failed.thrown)).toContain('boom at as.ts:7:3');
    expect(expectOneBeforeAndOneClose(failed.events).closes.map((c) => c.kind)).toEqual(['abort']);
  });
});
