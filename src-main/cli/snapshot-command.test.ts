// `memscope snapshot`: sparse snapshots written by `memscope run` load back for viewing and diffing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/memscope.js');
const DEMO = join(ROOT, 'resources/examples/return-string');

function memscope(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('memscope snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-'));
  const final = join(dir, 'final.msnap');
  const early = join(dir, 'early.msnap');

  beforeAll(() => {
    expect(memscope(['run', '--deterministic', '--snapshot', final, join(DEMO, 'return-string.wseq')]).status).toBe(0);
    // The same story cut after `ret = malloc(8)`: ReturnString has not written anything yet.
    const earlySeq = join(dir, 'early.wseq');
    writeFileSync(earlySeq, `module "${join(DEMO, 'return-string.wasm')}"\nret = malloc(8)\n`);
    expect(memscope(['run', '--deterministic', '--snapshot', early, earlySeq]).status).toBe(0);
  });

  it('shows the manifest and dumps a region by name', () => {
    const r = memscope(['snapshot', final, '--dump', 'text', '12', '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.manifest.moduleName).toBe('return-string.wasm');
    expect(json.manifest.regions.map((x: { name: string }) => x.name)).toEqual(['ret', 's', 'text']);
    expect(Buffer.from(json.dump.hex, 'hex').toString()).toBe('hello from C');
  });

  it('diffs two snapshots to exact ranges, including the 12 text bytes', () => {
    const r = memscope(['snapshot', final, '--diff', early, '--json']);
    expect(r.status).toBe(0);
    const { diff, dump } = JSON.parse(r.stdout);
    expect(dump).toBeUndefined();
    const text = JSON.parse(memscope(['snapshot', final, '--json']).stdout).manifest.regions[2];
    expect(diff.ranges.some(([s, e]: [number, number]) => s <= text.start && e >= text.start + 12)).toBe(true);
    expect(memscope(['snapshot', final, '--diff', final, '--json']).stdout).toContain('"ranges":[]');
  });

  it('--dump at or past the end of memory is an error naming its size; a range across the end is cut, and stderr says so', () => {
    // return-string's memory: 2 pages, 131072 bytes.
    const past = memscope(['snapshot', final, '--dump', '131072']);
    expect([past.status, past.stdout, past.stderr]).toEqual([2, '', 'memscope snapshot: --dump 0x20000 is past the end of memory (131072 bytes, 0x0..0x1ffff)\n']);
    const far = memscope(['snapshot', final, '--dump', '0xffffffff', '16', '--json']);
    expect([far.status, far.stdout, far.stderr]).toEqual([2, '', 'memscope snapshot: --dump 0xffffffff is past the end of memory (131072 bytes, 0x0..0x1ffff)\n']);
    const across = memscope(['snapshot', final, '--dump', '0x1fff0', '100']);
    expect(across.status).toBe(0);
    expect(across.stderr).toBe('memscope snapshot: --dump showed 16 bytes of the 100 asked for: memory ends at 0x20000 (131072 bytes, 0x0..0x1ffff)\n');
    expect(across.stdout.split('\n').slice(-3)).toEqual(['', '0x0001fff0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................', '']);
    const json = memscope(['snapshot', final, '--dump', '0x1fff0', '100', '--json']);
    expect(JSON.parse(json.stdout).dump).toEqual({ address: 0x1fff0, hex: '00'.repeat(16) });
    expect(json.stderr).toBe(across.stderr);
    // The last 16 bytes asked for exactly: no note.
    expect(memscope(['snapshot', final, '--dump', '0x1fff0', '16']).stderr).toBe('');
  });

  it('rejects a corrupt file with its byte offset, exit 2', () => {
    const bad = join(dir, 'bad.msnap');
    writeFileSync(bad, readFileSync(final).subarray(0, 40));
    const r = memscope(['snapshot', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/byte offset \d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
