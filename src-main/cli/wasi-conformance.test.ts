// WASI conformance of our own: each toolchain's probe (resources/examples/{clang19,rust}-wasi,
// and the C probe built by clang-22 in testdata/clang22-wasi) runs through the real `memscope run` with the cases and expected output of wazero's
// imports/wasi_snapshot_preview1/wasi_stdlib_test.go (ls, stat, poll, sleep), plus cat,
// args/env and the raw preview1 calls Zig's and TinyGo's std make.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, ROOT, type RunJson } from './testing/run-json.ts';

const run = promisify(execFile);
/** As many as wazero's "directory with tons of entries" case. */
const TONS = 8096;

let base = '';

// wazero's fstest layout for readdir: dir/ holds a file "-", an empty directory "a-" and a file "ab-".
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'memscope-conformance-'));
  mkdirSync(join(base, 'dir/a-'), { recursive: true });
  writeFileSync(join(base, 'dir/-'), '');
  writeFileSync(join(base, 'dir/ab-'), '');
  mkdirSync(join(base, 'tons'));
  for (let i = 0; i < TONS; i++) writeFileSync(join(base, 'tons', String(i)), '');
  mkdirSync(join(base, 'root'));
  writeFileSync(join(base, 'root/test.txt'), 'greet filesystem\n');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Case {
  args: string[];
  /** Host directory under `base` preopened at guest `/` (or at `guest`). */
  dir?: string;
  guest?: string;
  stdin?: string;
  extra?: string[];
}

let seqCount = 0;

/** Writes a one-step sequence for the case and runs it through `memscope run --json`. */
async function probe(wasm: string, c: Case): Promise<{ status: number; json: RunJson }> {
  const lines = [`module ${JSON.stringify(isAbsolute(wasm) ? wasm : join(EXAMPLES, wasm))}`, `arg ${c.args.map((a) => JSON.stringify(a)).join(' ')}`];
  if (c.dir) lines.push(`dir ${JSON.stringify(join(base, c.dir))} as ${JSON.stringify(c.guest ?? '/')}`);
  if (c.stdin !== undefined) lines.push(`stdin ${JSON.stringify(c.stdin)}`);
  // Conformance, not speed: thousands of WASI calls through the shim's blocking IO can take
  // longer than the default 5 s limit on a loaded 2-core machine.
  lines.push('timeout 600000', ...(c.extra ?? []), '_start()', '');
  const name = `case-${seqCount++}`;
  const seq = join(base, `${name}.wseq`);
  writeFileSync(seq, lines.join('\n'));
  // --json keeps only a head and a tail of each stream; the whole streams are in --output-dir.
  const out = join(base, `${name}.out`);
  const whole = (json: RunJson): RunJson =>
    ({ ...json, stdout: readFileSync(join(out, 'stdout'), 'utf8'), stderr: readFileSync(join(out, 'stderr'), 'utf8') });
  try {
    const r = await run(process.execPath, [BIN, 'run', '--json', '--output-dir', out, seq], { cwd: ROOT, maxBuffer: 256 << 20, timeout: 120_000 });
    return { status: 0, json: whole(JSON.parse(r.stdout) as RunJson) };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number' || !err.stdout) throw new Error(`memscope run failed: ${err.stderr ?? String(e)}`);
    return { status: err.code, json: whole(JSON.parse(err.stdout) as RunJson) };
  }
}

/** wazero's requireLsOut: lines sorted, `./.` and `./..` expected only where the toolchain lists them. */
function lsLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l !== '').sort();
}

const TOOLCHAINS = [
  // wasi-libc's readdir passes `.` and `..` through, as with wazero's zig-cc (expectDots = 1).
  { name: 'clang-19 (C, wasi-libc)', wasm: 'clang19-wasi/clang19-wasi.wasm', dots: ['./.', './..'] },
  { name: 'clang-22 (C, wasi-libc)', wasm: join(ROOT, 'src-main/cli/testdata/clang22-wasi/clang22-wasi.wasm'), dots: ['./.', './..'] },
  // Rust's std::fs::read_dir drops them, as with wazero's cargo-wasi (expectDots = 0).
  { name: 'Rust 1.63 (std)', wasm: 'rust-wasi/rust-wasi.wasm', dots: [] as string[] },
];

for (const tc of TOOLCHAINS) {
  describe.concurrent(`WASI conformance: ${tc.name}`, () => {
    it('ls: empty directory', async () => {
      const { status, json } = await probe(tc.wasm, { args: ['ls', './a-'], dir: 'dir' });
      expect(status).toBe(0);
      expect(lsLines(json.stdout)).toEqual([...tc.dots].sort());
    });

    it('ls: not a directory', async () => {
      const { json } = await probe(tc.wasm, { args: ['ls', '-'], dir: 'dir' });
      expect(json.stdout).toBe('ENOTDIR\n');
    });

    it('ls: directory with entries, read twice', async () => {
      const once = ['./-', './a-', './ab-', ...tc.dots];
      const { json } = await probe(tc.wasm, { args: ['ls', '.'], dir: 'dir' });
      expect(lsLines(json.stdout)).toEqual([...once].sort());
      const twice = await probe(tc.wasm, { args: ['ls', '.', 'repeat'], dir: 'dir' });
      expect(lsLines(twice.json.stdout)).toEqual([...once, ...once].sort());
    });

    it(`ls: directory with tons of entries (${TONS})`, async () => {
      const { json } = await probe(tc.wasm, { args: ['ls', '.'], dir: 'tons' });
      expect({ ok: json.ok, error: json.steps.at(-1)?.error, stderr: json.stderr }).toEqual({ ok: true, error: undefined, stderr: '' });
      expect(json.stdout.split('\n')).toHaveLength(TONS + 1 + tc.dots.length);
    });

    it('stat: stdio is not a terminal (as in wazero); with `tty` it is', async () => {
      const { json } = await probe(tc.wasm, { args: ['stat'], dir: 'dir' });
      expect(json.stdout).toBe('stdin isatty: false\nstdout isatty: false\nstderr isatty: false\n/ isatty: false\n');
      const tty = await probe(tc.wasm, { args: ['stat'], dir: 'dir', extra: ['tty'] });
      expect(tty.json.stdout).toBe('stdin isatty: true\nstdout isatty: true\nstderr isatty: true\n/ isatty: false\n');
    });

    it('poll: stdin with data is ready, and so is stdin at EOF', async () => {
      expect((await probe(tc.wasm, { args: ['poll'], stdin: 'test' })).json.stdout).toBe('STDIN\n');
      expect((await probe(tc.wasm, { args: ['poll', '0', '500'], stdin: 'test' })).json.stdout).toBe('STDIN\n');
      expect((await probe(tc.wasm, { args: ['poll', '0', '500'] })).json.stdout).toBe('STDIN\n');
    });

    it('sleepmillis 100: sleeps in poll_oneoff, then OK', async () => {
      const { json } = await probe(tc.wasm, { args: ['sleepmillis', '100'] });
      expect(json.stdout).toBe('OK\n');
      const polls = json.steps[0]!.calls[0]!.imports.filter((i) => i.name === 'poll_oneoff');
      expect(polls.length).toBeGreaterThan(0);
    });

    it('cat: a file under a preopen at /', async () => {
      const { status, json } = await probe(tc.wasm, { args: ['cat', '/test.txt'], dir: 'root' });
      expect(status).toBe(0);
      expect(json.stdout).toBe('greet filesystem\n');
    });

    it('args and env: exactly what the sequence grants', async () => {
      const { json } = await probe(tc.wasm, { args: ['args', 'x y'], extra: ['env "GREETING=hi"'] });
      expect(json.stdout).toBe(`arg ${basename(tc.wasm)}\narg args\narg x y\nenv GREETING=hi\n`);
      expect(json.exitCode).toBeNull();
    });
  });
}

describe.concurrent('WASI: the raw preview1 calls of std libraries without wasi-libc (clang-19 probe)', () => {
  const C = 'clang19-wasi/clang19-wasi.wasm';

  it("Zig's absolute path on fd 3: resolved under the preopen at / (wazero's `cat.wasm /test.txt`)", async () => {
    const { status, json } = await probe(C, { args: ['zigcat', '/test.txt'], dir: 'root' });
    expect(status).toBe(0);
    expect(json.stdout).toBe('greet filesystem\n');
    const open = json.steps[0]!.calls[0]!.imports.find((i) => i.name === 'path_open');
    expect(open?.summary).toContain('"/test.txt"');
  });

  it('an absolute path under a preopen at /data is relative to it; escapes stay PERM (63)', async () => {
    expect((await probe(C, { args: ['zigcat', '/data/test.txt'], dir: 'root', guest: '/data' })).json.stdout).toBe('greet filesystem\n');
    for (const [path, guest] of [['/etc/passwd', '/data'], ['/data/../case-0.wseq', '/data'], ['/../case-0.wseq', '/'], ['/datax/test.txt', '/data']]) {
      const { status, json } = await probe(C, { args: ['zigcat', path!], dir: 'root', guest });
      expect(json.stdout).toBe(`path_open ${path}: errno 63\n`);
      expect(status).toBe(1);
      expect(json.exitCode).toBe(1);
    }
  });

  it("TinyGo's os.Open (no O_DIRECTORY) of a file, then fd_readdir: EBADF, as wazero answers", async () => {
    const { json } = await probe(C, { args: ['dirfile', '-'], dir: 'dir' });
    expect(json.stdout).toBe('fd_readdir: errno 8 (EBADF)\n');
  });
});
