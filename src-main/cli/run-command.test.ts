// Every teaching demo through the real `memscope run` (real worker, real WASI): exit status,
// bindings, stdout and exact changed ranges; plus usage, parse and load errors.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLCHAIN_DEMOS } from './testing/toolchain-demos.ts';
import { TIMING_KEYS } from '../shared/dto.ts';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const EXAMPLES = join(PACKAGE_ROOT, 'resources/examples');

interface RunJson {
  ok: boolean;
  steps: {
    line: number; source: string; ok: boolean; error?: { code: string; message: string; stack?: { name: string }[] };
    changes: [number, number][]; durationMs: number; captureMs?: number; calls: unknown[];
    heap?: { allocated: unknown[]; freed: unknown[]; problems: { kind: string; address: number; message: string }[] };
    stackPointer?: number;
  }[];
  bindings: Record<string, unknown>;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  heap: { allocator: string | null; walker: string | null; live: unknown[]; leaks: unknown[]; stillReachable: unknown[] };
}

function runJson(seq: string, ...extra: string[]): { status: number | null; json: RunJson } {
  const r = memscope(['run', '--json', '--deterministic', ...extra, join(EXAMPLES, seq)]);
  return { status: r.status, json: JSON.parse(r.stdout) as RunJson };
}

const stepAt = (json: RunJson, line: number) => json.steps.find((s) => s.line === line)!;

describe('memscope run on every demo', () => {
  it('covers every .wseq under resources/examples', () => {
    const all = readdirSync(EXAMPLES, { recursive: true }).map(String).filter((f) => f.endsWith('.wseq'));
    expect(all.length).toBeGreaterThanOrEqual(14);
    // Demos of the other toolchains are checked in run-toolchain-demos.test.ts.
    const checked = [...Object.keys(DEMOS), ...TOOLCHAIN_DEMOS.map((d) => d.sequence)];
    for (const f of all) expect(checked).toContain(f);
  });

  const DEMOS: Record<string, (status: number | null, json: RunJson) => void> = {
    'heap-who-frees/who-frees-leak.wseq': (status, json) => {
      expect(status).toBe(1);
      const g = json.bindings.g as number;
      const block = { address: g, size: 28, owner: 'guest', step: 3, line: 18 };
      // The leak scan: nothing in guest memory points to the greeting any more (lost, not kept).
      expect(json.heap).toEqual({ allocator: 'dlmalloc (wasi-libc)', walker: 'dlmalloc', live: [block], leaks: [{ ...block, pointedFrom: null }], stillReachable: [] });
      expect(stepAt(json, 18).heap).toEqual({ allocated: [block], freed: [], problems: [] });
      expect(stepAt(json, 27).error?.message).toContain('but 1 block is still live and nothing in use points to it: 28 B at');
    },
    'heap-who-frees/who-frees.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.heap).toMatchObject({ live: [], leaks: [] });
    },
    'heap-double-free/double-free.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.heap).toMatchObject({ allocator: 'emmalloc (Emscripten)', walker: 'emmalloc' });
      expect(stepAt(json, 20).heap?.problems).toMatchObject([{ kind: 'double-free', address: json.bindings.a }]);
    },
    'heap-stack/stack.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.steps.every((s) => s.stackPointer === 0x10600)).toBe(true);
      expect(json.bindings).toMatchObject({ frame: 64 });
      // env.level at every level of deepest(4): the stack pointer 64 bytes lower each time.
      const d4 = json.steps.find((s) => s.source.startsWith('d4 ='))!;
      const sps = (d4.calls as { imports: { stackPointer?: number }[] }[])[0]!.imports.map((i) => i.stackPointer!);
      expect(sps).toHaveLength(5);
      expect(sps.slice(1).map((sp, i) => sps[i]! - sp)).toEqual([64, 64, 64, 64]);
    },
    'return-string/return-string.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.bindings).toMatchObject({ s: { len: 12 }, text: 'hello from C', n: 12 });
      const ret = json.bindings.ret as number;
      const ptr = (json.bindings.s as { ptr: number }).ptr;
      // ReturnString writes the {ptr, len} pair into the slot at ret and the 12 text bytes.
      const changes = stepAt(json, 20).changes;
      expect(changes.some(([s, e]) => s >= ret && e <= ret + 8)).toBe(true);
      expect(changes).toContainEqual([ptr, ptr + 14]);
      expect(stepAt(json, 23).changes).toEqual([]);
    },
    'packed-i64/packed-i64.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.bindings).toMatchObject({ text: 'hello, wazero', len: 13 });
      const p = json.bindings.p as number;
      expect(stepAt(json, 19).changes).toEqual([[p, p + 6]]);
    },
    'multi-value/multi-value.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.bindings).toMatchObject({ a: 1024, b: 16, q: 3, r: 2, nq: 4294967293, sum: 252, lo: 3, hi: 200 });
      expect(stepAt(json, 35).changes).toEqual([[2048, 2052]]);
    },
    'c-struct/c-struct.wseq': (status, json) => { expect(status).toBe(0); expect(json.ok).toBe(true); },
    'assemblyscript-strings/assemblyscript-strings.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.stdout).toContain('trace: greet called with a name of length 6');
    },
    'canonical-abi/canonical-abi.wseq': (status, json) => { expect(status).toBe(0); expect(json.ok).toBe(true); },
    'linked-list/linked-list.wseq': (status, json) => { expect(status).toBe(0); expect(json.ok).toBe(true); },
    'print-builtin/print-builtin.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.stdout).toBe('hello from WAT\ngrüße, 世界\nQUIET PLEASE\n');
    },
    'big-memory/big-memory.wseq': (status, json) => {
      expect(status).toBe(0);
      const marker = json.steps.find((s) => s.source.includes('write_marker'))!;
      expect(marker.changes).toEqual([[1073741808, 1073741824]]);
    },
    'wasi-cat/wasi-cat.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.stdout).toBe(readFileSync(join(EXAMPLES, 'wasi-cat/fixtures/test.txt'), 'utf8'));
      // wasi-libc's start-up table (.bss points to it) and the blocks it points to are still
      // reachable, each with the word that points to it; main's argv (the pointer array and its
      // strings, which nothing else points to) is the runtime's own, not a leak.
      const kept = json.heap.stillReachable as { address: number; pointedFrom: number | null }[];
      expect(kept).toHaveLength(4);
      for (const b of kept) expect(b.pointedFrom).toEqual(expect.any(Number));
      expect(json.heap.leaks).toEqual([]);
      const runtime = (json.heap as { runtimeOwn?: { holds: string; size: number }[] }).runtimeOwn ?? [];
      expect(runtime).toHaveLength(2);
      for (const b of runtime) expect(b.holds).toMatch(/^main's argv: wasi-libc's start-up/);
    },
    'wasi-cat/wasi-cat-denied.wseq': (status, json) => {
      expect(status).toBe(1);
      expect(json.exitCode).toBe(1);
      expect(json.stderr).toBe('wasi-cat: /etc/passwd: Capabilities insufficient\n');
    },
    'wasi-io/wasi-io.wseq': (status, json) => {
      expect(status).toBe(0);
      expect(json.stdout).toContain('hi: LINE ONE\nhi: LINE TWO\n');
    },
    'infinite-loop/infinite-loop.wseq': (status, json) => {
      expect(status).toBe(1);
      const last = json.steps[json.steps.length - 1];
      expect(last.source).toBe('spin()');
      expect(last.error?.code).toBe('timeout');
      // Memory written before the stuck step is still there to read.
      expect(stepAt(json, 18).changes).toEqual([[1024, 1280]]);
      expect(json.bindings.last).toBe(0xab);
    },
    'trap/trap.wseq': (status, json) => {
      expect(status).toBe(1);
      const last = json.steps[json.steps.length - 1];
      expect(last.error?.code).toBe('trap');
      expect(last.error?.stack?.map((f) => f.name)).toEqual(['divide', 'mean', 'average', 'report']);
    },
  };

  for (const [seq, check] of Object.entries(DEMOS)) {
    it(seq, () => {
      const { status, json } = runJson(seq);
      check(status, json);
    });
  }

  it('repeats exactly with --deterministic', () => {
    const strip = (j: RunJson) => JSON.stringify(j, (k, v: unknown) => (TIMING_KEYS.has(k) ? 0 : v));
    const a = runJson('wasi-io/wasi-io.wseq').json;
    const b = runJson('wasi-io/wasi-io.wseq').json;
    expect(strip(a)).toBe(strip(b));
  });

  it('gives the capture time of each step that captured memory, beside its duration', () => {
    const { json } = runJson('return-string/return-string.wseq');
    const kinds = json.steps.map((s) => [s.source.split(' ')[0], typeof s.captureMs]);
    // Calls (and writes) are captured; reads and expects cannot change memory.
    expect(kinds.slice(0, 4)).toEqual([['ret', 'number'], ['ReturnString(ret)', 'number'], ['s', 'undefined'], ['text', 'undefined']]);
    expect(kinds.find(([source]) => source === 'expect')?.[1]).toBe('undefined');
  });

  it('--strict-heap: heap problems and leaks fail the run, named in the summary; a clean heap still passes', () => {
    const demo = join(EXAMPLES, 'heap-double-free/double-free.wseq');
    const plain = memscope(['run', demo]);
    expect(plain.status).toBe(0);
    expect(plain.stdout.trimEnd().split('\n').at(-1)).toBe('⚠ 11 steps ok, 2 heap problems (lines 20, 25)');
    const strict = memscope(['run', '--strict-heap', demo]);
    expect(strict.status).toBe(1);
    expect(strict.stdout.trimEnd().split('\n').at(-1)).toBe('✗ 11 steps ok, 2 heap problems (lines 20, 25), 2 leaks (--strict-heap)');
    const json = memscope(['run', '--strict-heap', '--json', demo]);
    expect(json.status).toBe(1);
    expect(json.stderr).toBe('memscope run: --strict-heap: 2 heap problems (lines 20, 25), 2 leaks\n');
    // Its verdict as the status's: it said `"ok": true` with status 1.
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ code: 'heap-problem', message: '--strict-heap: 2 heap problems (lines 20, 25), 2 leaks' }] });
    expect(JSON.parse(memscope(['run', '--strict-heap', '--json', join(EXAMPLES, 'heap-who-frees/who-frees.wseq')]).stdout)).toMatchObject({ ok: true });
    // who-frees frees all it allocates; return-string's heap is walked too, and clean.
    expect(memscope(['run', '--strict-heap', join(EXAMPLES, 'heap-who-frees/who-frees.wseq')]).status).toBe(0);
    expect(memscope(['run', '--strict-heap', join(EXAMPLES, 'return-string/return-string.wseq')]).status).toBe(0);
  });

  it('a coredump given as the sequence is said to be a memory image, by its name or its contents, not a module to give as the module', () => {
    // A coredump is a .wasm: the parser's "this is a WebAssembly module … give it as the module" was wrong advice.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-kind-'));
    const named = join(dir, 'crash.step3.core.wasm');
    writeFileSync(named, 'x');
    const r = memscope(['run', named]);
    expect([r.status, r.stderr]).toEqual([2, `memscope run: ${named} is a memory image (a snapshot, coredump or raw dump, by its name), not a call sequence: \`memscope snapshot ${named}\` reads it\n`]);
    const dump = join(dir, 'crash.wasm');
    expect(memscope(['run', join(EXAMPLES, 'trap/trap.wseq'), '--coredump', dump]).status).toBe(1);
    const byContents = memscope(['run', dump]);
    expect([byContents.status, byContents.stderr]).toEqual([2, `memscope run: ${dump} is a memory image (a Wasm coredump, by its contents), not a call sequence: \`memscope snapshot ${dump}\` reads it\n`]);
  });

  it('--strict-heap fails a run whose leaks a failed heap walk left unknown; --json says null and why', () => {
    // x leaks after the walk fails; the ledger's list (keep, still reachable) read as no leaks:
    // "✓ 6 steps ok", exit 0, and "leaks": [] in --json.
    const corrupt = join(PACKAGE_ROOT, 'src-main/cli/testdata/corrupt-heap.wseq');
    const strict = memscope(['run', '--strict-heap', corrupt]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/\ncannot check for leaks: the heap walk failed \(walk corrupt: [^\n]+\), so blocks allocated since are not known\n/);
    // The write over keep's header is the step's own problem, at its line, not only the walks' failure after it.
    expect(strict.stdout).toMatch(/\n {7}⚠ heap overflow: the write of 4 bytes at 0x[0-9a-f]+ is in no block: it overwrites the allocator's header in front of the 24-byte block at 0x[0-9a-f]+ \(allocated at line 6 by the host's malloc\), which the next allocation or free reads\n/);
    expect(strict.stdout.trimEnd().split('\n').at(-1)).toBe('✗ 6 steps ok, 1 heap problem (line 9), leaks unknown (the heap walk failed) (--strict-heap)');
    const json = memscope(['run', '--json', corrupt]);
    expect(json.status).toBe(0);
    const heap = (JSON.parse(json.stdout) as { heap: Record<string, unknown> }).heap;
    expect([heap.leaks, heap.stillReachable]).toEqual([null, null]);
    expect(heap.leaksUnknown).toMatch(/^the heap walk failed \(walk corrupt: /);
  });

  it('a heap whose state was overwritten after a leak: its leaks unknown, not none (--strict-heap fails)', () => {
    const clobbered = join(PACKAGE_ROOT, 'src-main/cli/testdata/clobbered-heap.wseq');
    const strict = memscope(['run', '--strict-heap', clobbered]);
    expect(strict.status).toBe(1);
    // No count: a walk that recognised nothing knows no block ("0 live blocks, 0 B" before).
    expect(strict.stdout).toMatch(/\nheap: dlmalloc \(wasi-libc\)\nheap: walk not-recognised: no dlmalloc malloc_state found [^\n]+\ncannot check for leaks: the heap walk failed \(walk not-recognised: /);
    expect(strict.stdout).toMatch(/\n {7}⚠ heap overflow: the write of 472 bytes at 0x410 is in no block: it overwrites the allocator's state at 0x410\.\.0x5e8, which the next allocation or free reads\n/);
    expect(strict.stdout.trimEnd().split('\n').at(-1)).toBe('✗ 2 steps ok, 1 heap problem (line 6), leaks unknown (the heap walk failed) (--strict-heap)');
    const heap = (JSON.parse(memscope(['run', '--json', clobbered]).stdout) as { heap: Record<string, unknown> }).heap;
    expect([heap.leaks, heap.stillReachable]).toEqual([null, null]);
  });

  it("a stripped WASI module whose memory has no dlmalloc state: not walked, not dlmalloc's with 0 blocks", () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-stripped-'));
    writeFileSync(join(dir, 'exit.wseq'), `module "${join(PACKAGE_ROOT, 'src-main/cli/testdata/stripped-exit.wasm')}"\n_start()\n`);
    const r = memscope(['run', join(dir, 'exit.wseq')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\nheap: not walked \(no dlmalloc malloc_state found [^\n]*toolchain not recognised, so neither is its allocator[^\n]*\)\n/);
    expect(r.stdout).not.toContain('found by its state\'s shape');
    const heap = (JSON.parse(memscope(['run', '--json', join(dir, 'exit.wseq')]).stdout) as { heap: Record<string, unknown> }).heap;
    expect([heap.allocator, heap.walker]).toEqual([null, null]);
  });

  it('a refused double free is said once, as the step\'s error, not again as a ⚠ line', () => {
    const seq = join(mkdtempSync(join(tmpdir(), 'memscope-refused-')), 'twice.wseq');
    writeFileSync(seq, `module "${join(EXAMPLES, 'heap-who-frees/who-frees.wasm')}"\np = malloc(8)\nfree(p)\nfree(p)\n`);
    const r = memscope(['run', seq]);
    expect(r.status).toBe(1);
    const step = r.stdout.slice(r.stdout.indexOf('   4 ✗ free(p)'));
    expect(step).toMatch(/^ {3}4 ✗ free\(p\)\n {7}✗ \S+twice\.wseq:4:1: heap-problem: double free of 0x[0-9a-f]+: .* \(free was not called; free!\(p\) forces it\)\n {9}free\(p\)\n {9}\^{4}\nheap: /);
  });

  it('a failed `expect no leaks` says each leak once, in its error, not again as a ⚠ line', () => {
    const seq = join(mkdtempSync(join(tmpdir(), 'memscope-leaks-')), 'lost.wseq');
    writeFileSync(seq, `module "${join(EXAMPLES, 'heap-who-frees/who-frees.wasm')}"\np = malloc(8)\nexpect no leaks\n`);
    const r = memscope(['run', seq]);
    expect(r.status).toBe(1);
    const step = r.stdout.slice(r.stdout.indexOf('   3 ✗ expect no leaks'));
    expect(step).toMatch(/^ {3}3 ✗ expect no leaks\n {7}✗ \S+lost\.wseq:3:1: expect-failed: expected no leaks since the first step, but 1 block is still live and nothing in use points to it: 12 B at 0x[0-9a-f]+ \(line 2, host malloc\)\n {9}expect no leaks\n {9}\^{15}\nheap: /);
    // The summary after the run still lists it, with what points to it.
    expect(r.stdout).toMatch(/✗ 1 leak \(12 B allocated during the sequence, never freed\):\n +12 B at 0x[0-9a-f]+ +line 2, host malloc/);
  });

  it('stops a stuck step near its limit', () => {
    const started = Date.now();
    const { status, json } = runJson('infinite-loop/infinite-loop.wseq', '--timeout', '500');
    expect(status).toBe(1);
    expect(json.steps.at(-1)?.error?.message).toContain('500 ms');
    // A bound on a hang only, under memscope()'s 60 s: the '500 ms' in the message is what shows the limit.
    expect(Date.now() - started).toBeLessThan(55_000);
  });
});

describe('memscope run errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-run-'));

  it('reports parse errors with file:line:column and a caret, exit 2, before running', () => {
    const seq = join(dir, 'bad.wseq');
    writeFileSync(seq, `module "${join(EXAMPLES, 'return-string/return-string.wasm')}"\nret = malloc(8\n`);
    const r = memscope(['run', seq]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.wseq:2:\d+: /);
    expect(r.stderr).toContain('^');
    expect(r.stdout).toBe('');
  });

  it('with --json, says why nothing ran as one JSON object on stdout too (run and heap)', () => {
    const seq = join(dir, 'unknown-json.wseq');
    writeFileSync(seq, `module "${join(EXAMPLES, 'return-string/return-string.wasm')}"\n\nReturnStrin(8)\n`);
    for (const command of ['run', 'heap']) {
      const r = memscope([command, seq, '--json']);
      expect(r.status, command).toBe(2);
      const json = JSON.parse(r.stdout) as { ok: boolean; errors: { code: string; message: string; where: { file: string; line: number; column: number } }[] };
      expect(json.ok).toBe(false);
      expect(json.errors).toHaveLength(1);
      expect(json.errors[0]).toMatchObject({ code: 'no-such-export', where: { file: seq, line: 3, column: 1 } });
      expect(r.stderr).toMatch(new RegExp(`unknown-json\\.wseq:3:1: .*ReturnStrin`));
    }
    const missing = memscope(['run', join(dir, 'nowhere.wseq'), '--json']);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, errors: [{ code: 'io', where: { file: join(dir, 'nowhere.wseq') } }] });
  });

  it('reports an unknown export with its position, exit 2', () => {
    const seq = join(dir, 'unknown.wseq');
    writeFileSync(seq, `module "${join(EXAMPLES, 'return-string/return-string.wasm')}"\n\nReturnStrin(8)\n`);
    const r = memscope(['run', seq]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown\.wseq:3:1: .*ReturnStrin/);
    expect(r.stderr).toContain('ReturnString');
  });

  it('reports a malformed module in one line with its byte offset, exit 2', () => {
    const mod = join(dir, 'broken.wasm');
    writeFileSync(mod, Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 0x7f]));
    const seq = join(dir, 'broken.wseq');
    writeFileSync(seq, 'module "broken.wasm"\nf()\n');
    const r = memscope(['run', seq]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/malformed-module: .*byte offset \d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a module given where the sequence goes says so in one line, and echoes no binary', () => {
    const r = memscope(['run', join(EXAMPLES, 'return-string', 'return-string.wasm')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/return-string\.wasm:1:1: this is a WebAssembly module \(it starts with "\\0asm"\), not a call sequence/);
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0e-\x1f]/);
  });

  it('rejects a bad command line, exit 2', () => {
    expect(memscope(['run']).status).toBe(2);
    expect(memscope(['run', 'x.wseq', '--timeout', 'soon']).stderr).toContain('--timeout');
  });

  it('writes a sparse snapshot that loads back', async () => {
    const out = join(dir, 'final.msnap');
    const r = memscope(['run', '--snapshot', out, join(EXAMPLES, 'return-string/return-string.wseq')]);
    expect(r.status).toBe(0);
    const { loadSnapshot } = await import('../engine/index.ts');
    const loaded = loadSnapshot(new Uint8Array(readFileSync(out)));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.value.manifest.moduleName).toBe('return-string.wasm');
  });
});
