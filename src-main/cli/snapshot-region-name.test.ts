// `memscope snapshot --dump NAME` when the sequence bound the name twice: the block it holds now,
// not the freed one it held first. `--diff OTHER` when OTHER is a coredump or a module: said.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';


describe('memscope snapshot --dump NAME', () => {
  it('dumps the live region of a name bound again after its first block was freed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-name-'));
    const sequence = join(dir, 'rebind.wseq');
    writeFileSync(sequence, [
      `module "${join(PACKAGE_ROOT, 'resources/examples/return-string/return-string.wasm')}"`,
      'ret = malloc(8)', 'free(ret)', 'pad = malloc(64)', 'ret = malloc(8)', 'write u32 0x41424344 @ ret', '',
    ].join('\n'));
    const file = join(dir, 'rebind.msnap');
    expect(memscope(['run', '--deterministic', '--snapshot', file, sequence]).status).toBe(0);
    const r = memscope(['snapshot', file, '--dump', 'ret', '8', '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { manifest: { bindings: { ret: { value: string } } }; dump: { address: number; hex: string } };
    expect(json.dump.address).toBe(Number(json.manifest.bindings.ret.value));
    expect(json.dump.hex.slice(0, 8)).toBe('44434241');
  });
});

describe('memscope snapshot --diff OTHER', () => {
  it('says when OTHER is a coredump or a module, not only that it lacks "MSNAP"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-other-'));
    const seq = join(PACKAGE_ROOT, 'resources/examples/trap/trap.wseq');
    const snap = join(dir, 't.msnap');
    const core = join(dir, 't.core.wasm');
    expect(memscope(['run', '--deterministic', '--snapshot', snap, '--coredump', core, seq]).status).toBe(1);
    const r = memscope(['snapshot', snap, '--diff', core]);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `memscope snapshot: --diff compares .msnap snapshots; ${core} is a Wasm coredump\n`]);
    const module = join(PACKAGE_ROOT, 'resources/examples/trap/trap.wasm');
    expect(memscope(['snapshot', snap, '--diff', module]).stderr).toBe(`memscope snapshot: --diff compares .msnap snapshots; ${module} is a Wasm module\n`);
  });
});
