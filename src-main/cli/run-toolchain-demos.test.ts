// The demos built by the other real toolchains (Rust 1.63, clang-19, Emscripten, Go) through the
// real CLI: `memscope inspect --json` names toolchain, kind and allocator; `memscope run` ends
// as each demo's README says.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, memscope, ROOT, runJson, type RunJson } from './testing/run-json.ts';
import { TOOLCHAIN_DEMOS } from './testing/toolchain-demos.ts';

const stepAt = (json: RunJson, line: number) => json.steps.find((s) => s.line === line)!;
const region = (json: RunJson, name: string) => json.regions.filter((r) => r.name === name);

const RUNS: Record<string, (status: number | null, json: RunJson) => void> = {
  'rust-greet/rust-greet.wseq': (status, json) => {
    expect(status).toBe(0);
    expect(json.bindings).toMatchObject({ text: 'hello, wazero!', again: 'hello, wazero!', len: 14 });
    // alloc(6) is Rust's own export and makes a region; free(ret) becomes dealloc(ret, 8).
    expect(region(json, 'name')).toMatchObject([{ kind: 'alloc', freed: true }]);
    const free = stepAt(json, 39).calls[0];
    expect(free).toMatchObject({ export: 'dealloc', args: [String(json.bindings.ret), '8'] });
    // dealloc(s.ptr, s.len) ends the text region read inside the freed block; the struct read
    // inside ret ends with free(ret).
    expect(region(json, 'text')).toMatchObject([{ kind: 'text', freed: true }]);
    expect(region(json, 's')).toMatchObject([{ kind: 'struct', freed: true }]);
    // No proc_exit in a library: exitCode is there, and null.
    expect(json.exitCode).toBeNull();
  },
  'rust-wasi/rust-wasi.wseq': (status, json) => {
    expect(status).toBe(0);
    expect(json.stdout).toBe(readFileSync(join(EXAMPLES, 'rust-wasi/fixtures/hello.txt'), 'utf8'));
    expect(json.exitCode).toBeNull();
  },
  'clang19-wasi/clang19-wasi.wseq': (status, json) => {
    expect(status).toBe(0);
    expect(json.stdout).toBe('./.\n./..\n./one.txt\n./sub\n');
  },
  'emscripten-greet/emscripten-greet.wseq': (status, json) => {
    expect(status).toBe(0);
    expect(json.bindings.text).toBe('hello, wazero!');
    // free(out) ends the text region read at out, though the host never allocated it.
    expect(region(json, 'text')).toMatchObject([{ kind: 'text', freed: true }]);
  },
  'emscripten-i64/emscripten-i64.wseq': (status, json) => {
    expect(status).toBe(0);
    // The i32 result and setTempRet0's high half, joined: the whole packed (ptr, len).
    const packed = BigInt(json.bindings.packed as number | string);
    expect(packed >> 32n).toBe(BigInt(json.bindings.ptr as number));
    expect(json.bindings).toMatchObject({ len: 13, text: 'hello, wazero' });
    const call = stepAt(json, 25).calls[0]!;
    expect(call.imports.map((i) => [i.name, i.binding])).toEqual([['setTempRet0', 'builtin']]);
  },
  'go-hello/go-hello.wseq': (status, json) => {
    expect(status).toBe(0);
    expect(json.stderr).toBe('hello from Go 6765\n');
    expect(json.exitCode).toBe(0);
    const names = new Set(json.steps.at(-1)!.calls[0]!.imports.map((i) => i.name));
    expect([...names].sort()).toEqual(['runtime.getRandomData', 'runtime.nanotime1', 'runtime.wasmExit', 'runtime.wasmWrite'].sort());
  },
  'go-fmt/go-fmt.wseq': (status, json) => {
    expect(status).toBe(0);
    expect(json.stdout).toMatch(/^hello, ann from fmt\n[^]*worker 1 slept 10 ms\nworker 2 slept 20 ms\nworker 0 slept 30 ms\nall slept: true\n$/);
    expect(json.stderr).toBe('to stderr\n');
    expect(json.exitCode).toBe(0);
    const names = new Set(json.steps.at(-1)!.calls[0]!.imports.map((i) => i.name));
    expect(names).toContain('syscall/js.copyBytesToJS');
    expect(names).toContain('runtime.scheduleTimeoutEvent');
  },
  'go-library/go-library.wseq': (status, json) => {
    expect(status).toBe(0);
    // main set the functions and waits: no exit code, and every call step ran green.
    expect(json.exitCode).toBeNull();
    expect(json.stdout).toBe('go-library: greet, words, remember, recall and checksum are set\nremembered "milk" (1 notes)\nremembered "eggs" (2 notes)\n');
    expect(json.bindings).toEqual({ g: 'hello, ann', n: 4, count: 2, all: 'milk, eggs', raw: '676f2d6c696272617279', sum: 0xdf4094f });
    expect(stepAt(json, 45).calls[0]).toMatchObject({ export: 'checksum', args: ['Uint8Array(10)'] });
    expect(stepAt(json, 30).calls[0]).toMatchObject({ export: 'greet', args: ['"ann"'], results: ['"hello, ann"'] });
  },
};

describe('demos from the other toolchains', () => {
  it('every one has a run check and an inspect expectation', () => {
    expect(Object.keys(RUNS).sort()).toEqual(TOOLCHAIN_DEMOS.map((d) => d.sequence).sort());
  });

  it('memscope inspect --json names toolchain, kind and allocator for each', () => {
    const r = memscope(['inspect', '--json', ...TOOLCHAIN_DEMOS.map((d) => join(EXAMPLES, d.module))]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as {
      kind: string; toolchain: { name: string }; allocator: { convention: string } | null;
    });
    expect(lines.map((j) => [j.toolchain.name, j.kind, j.allocator?.convention ?? null]))
      .toEqual(TOOLCHAIN_DEMOS.map((d) => [d.toolchain, d.kind, d.allocator]));
  });

  it.each([19, 22])('the seed story (return-string.wseq) on its module rebuilt by clang-%i', (v) => {
    const wasm = join(ROOT, `src-main/cli/testdata/seed-clang/return-string.clang${v}.wasm`);
    const inspected = JSON.parse(memscope(['inspect', '--json', wasm]).stdout) as { kind: string; toolchain: { name: string }; allocator: { convention: string } };
    expect([inspected.toolchain.name, inspected.kind, inspected.allocator.convention]).toEqual(['c', 'reactor', 'malloc']);
    const { status, json } = runJson(join(EXAMPLES, 'return-string/return-string.wseq'), '--module', wasm);
    expect(status).toBe(0);
    expect(json.bindings).toMatchObject({ text: 'hello from C', n: 12 });
  });

  for (const [seq, check] of Object.entries(RUNS)) {
    it(`memscope run ${seq}`, () => {
      const { status, json } = runJson(join(EXAMPLES, seq), '--deterministic');
      check(status, json);
    });
  }
});
