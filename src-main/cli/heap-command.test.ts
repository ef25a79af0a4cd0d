// `memscope heap` on the teaching demos through the real CLI: the map and live blocks as text
// and as JSON, part way (--step N) and at the end, and its usage errors.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/memscope.js');
const WHO_FREES = join(ROOT, 'resources/examples/heap-who-frees/who-frees-leak.wseq');

function memscope(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'heap', ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('memscope heap', () => {
  it('after 4 steps: the map bands and both live blocks with owner and line', () => {
    const r = memscope(['--step', '4', WHO_FREES]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('after 4 of 8 steps');
    expect(r.stdout).toMatch(/0x400 \.\. 0x[0-9a-f]+ +\d+ B  data/);
    expect(r.stdout).toMatch(/stack +stack \(free, grows down from 0x10600/);
    expect(r.stdout).toMatch(/heap-unused dlmalloc \(wasi-libc\): never handed out/);
    expect(r.stdout).toMatch(/0x10610 +12 B {2}host +16 {2}host malloc/);
    expect(r.stdout).toMatch(/0x10620 +28 B {2}guest +18 {2}make_greeting/);
    expect(r.stdout).toContain('2 blocks (40 B) allocated by the steps so far and not freed yet');
  });

  it('--json at the end: the leak, the map and the stack pointer', () => {
    const r = memscope(['--json', WHO_FREES]);
    expect(r.status).toBe(1); // the demo's `expect no leaks` fails on purpose
    const json = JSON.parse(r.stdout) as { leaks: unknown[]; map: { kind: string }[]; stackPointer: number; walker: string };
    expect(json.walker).toBe('dlmalloc');
    expect(json.leaks).toEqual([expect.objectContaining({ size: 28, owner: 'guest', line: 18 })]);
    expect(json.map.map((b) => b.kind)).toEqual(['data', 'stack', 'heap', 'heap-unused', 'heap']);
    expect(json.stackPointer).toBe(0x10600);
  });

  it('says what is wrong with its arguments', () => {
    expect(memscope(['--step', 'x', WHO_FREES])).toMatchObject({ status: 2, stderr: expect.stringContaining('--step takes a step count') });
    expect(memscope(['--step', '99', WHO_FREES])).toMatchObject({ status: 2, stderr: expect.stringContaining('has 8 steps') });
  });
});
