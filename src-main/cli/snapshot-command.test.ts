// `memscope snapshot`: sparse snapshots written by `memscope run` load back for viewing and diffing.

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const DEMO = join(PACKAGE_ROOT, 'resources/examples/return-string');
const TRAP = join(PACKAGE_ROOT, 'resources/examples/trap');

/**
 * A .msnap's header (magic, version, manifest length, manifest padded to 8 bytes) with the
 * manifest `edit` makes of `bytes`' own: the layout snapshot-format.ts reads.
 */
function headWith(bytes: Buffer, edit: (manifest: Record<string, unknown>) => unknown): { head: Buffer; rest: Buffer } {
  const length = bytes.readUInt32LE(8);
  const text = Buffer.from(JSON.stringify(edit(JSON.parse(bytes.subarray(12, 12 + length).toString()) as Record<string, unknown>)));
  const head = Buffer.alloc(Math.ceil((12 + text.length) / 8) * 8);
  bytes.copy(head, 0, 0, 8);
  head.writeUInt32LE(text.length, 8);
  text.copy(head, 12);
  return { head, rest: bytes.subarray(Math.ceil((12 + length) / 8) * 8) };
}

describe('memscope snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-snap-'));
  const final = join(dir, 'final.msnap');
  const early = join(dir, 'early.msnap');
  const trap = join(dir, 'trap.msnap');

  beforeAll(() => {
    expect(memscope(['run', '--deterministic', '--snapshot', final, join(DEMO, 'return-string.wseq')]).status).toBe(0);
    // The same story cut after `ret = malloc(8)`: ReturnString has not written anything yet.
    const earlySeq = join(dir, 'early.wseq');
    writeFileSync(earlySeq, `module "${join(DEMO, 'return-string.wasm')}"\nret = malloc(8)\n`);
    expect(memscope(['run', '--deterministic', '--snapshot', early, earlySeq]).status).toBe(0);
    // Another module, one page of memory (return-string has two); the run ends in its trap.
    expect(memscope(['run', '--deterministic', '--snapshot', trap, join(TRAP, 'trap.wseq')]).status).toBe(1);
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
    expect([far.status, far.stderr]).toEqual([2, 'memscope snapshot: --dump 0xffffffff is past the end of memory (131072 bytes, 0x0..0x1ffff)\n']);
    expect(JSON.parse(far.stdout).errors[0].message).toBe('--dump 0xffffffff is past the end of memory (131072 bytes, 0x0..0x1ffff)');
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

  it('--diff against another module with another memory size says both before the ranges', () => {
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
    const caveats = [
      `memory sizes differ: ${final} has 131072 bytes (2 pages), ${trap} 65536 bytes (1 page); the bytes past 0x10000, where ${trap} ends, are compared with zero`,
      `different modules: ${final} is of return-string.wasm (sha256 ${sha(join(DEMO, 'return-string.wasm'))}…), ${trap} of trap.wasm (sha256 ${sha(join(TRAP, 'trap.wasm'))}…); their memory layouts need not agree`,
    ];
    const r = memscope(['snapshot', final, '--diff', trap]);
    expect(r.status).toBe(0);
    const diff = r.stdout.slice(r.stdout.indexOf('\n\n') + 2).split('\n');
    expect(diff.slice(0, 2)).toEqual(caveats);
    expect(diff[2]).toMatch(new RegExp(`^differs from ${trap} in \\d+ bytes, \\d+ ranges$`));
    const json = JSON.parse(memscope(['snapshot', final, '--diff', trap, '--json']).stdout).diff;
    expect(json.warnings).toEqual(caveats);
    expect(json.other).toMatchObject({ moduleName: 'trap.wasm', memorySize: 65536 });
    // The same module and size: nothing to say but the ranges.
    expect(memscope(['snapshot', final, '--diff', early]).stdout).toMatch(/\n\ndiffers from /);
  });

  it('--diff counts one byte and one range in the singular', () => {
    // It said "differs from … in 1 bytes, 1 ranges" and "  [0x1ffff, 0x20000)  1 bytes".
    const one = join(dir, 'one.msnap');
    const none = join(dir, 'none.msnap');
    const module = `module "${join(DEMO, 'return-string.wasm')}"\n`;
    writeFileSync(join(dir, 'one.wseq'), `${module}write u8 1 @ 0x1ffff\n`);
    writeFileSync(join(dir, 'none.wseq'), module);
    expect(memscope(['run', '--deterministic', '--snapshot', one, join(dir, 'one.wseq')]).status).toBe(0);
    expect(memscope(['run', '--deterministic', '--snapshot', none, join(dir, 'none.wseq')]).status).toBe(0);
    const r = memscope(['snapshot', one, '--diff', none]);
    expect(r.status).toBe(0);
    expect(r.stdout.slice(r.stdout.indexOf('\n\n') + 2)).toBe(`differs from ${none} in 1 byte, 1 range\n  [0x1ffff, 0x20000)  1 byte\n`);
  });

  it('--dump LEN: a second operand that looks like a number is the length, refused as one; a repeated option is refused', () => {
    const usage = (args: string[]) => {
      const r = memscope(['snapshot', final, ...args]);
      return [r.status, r.stdout, r.stderr.split('\n')[0]];
    };
    expect(usage(['--dump', '16', '1.5'])).toEqual([2, '', 'memscope snapshot: --dump length must be 1..1048576 bytes, not 1.5']);
    expect(usage(['--dump', '0', '-5'])).toEqual([2, '', 'memscope snapshot: --dump length must be 1..1048576 bytes, not -5']);
    expect(usage(['--dump', '16', '0'])).toEqual([2, '', 'memscope snapshot: --dump length must be 1..1048576 bytes, not 0']);
    expect(usage(['--diff', early, '--diff', final])).toEqual([2, '', 'memscope snapshot: --diff given twice; give it once']);
  });

  it('an address past 2^53 is quoted as typed, not rounded', () => {
    const r = memscope(['snapshot', final, '--dump', '0xFFFFFFFFFFFFFFFFFFFF']);
    expect([r.status, r.stderr]).toEqual([2, 'memscope snapshot: --dump 0xFFFFFFFFFFFFFFFFFFFF is past the end of memory (131072 bytes, 0x0..0x1ffff)\n']);
  });

  it('a directory or a missing file is said in words; with --json, the refusal object is on stdout', () => {
    const folder = join(dir, 'folder.msnap');
    mkdirSync(folder);
    const d = memscope(['snapshot', folder]);
    expect([d.status, d.stdout, d.stderr]).toEqual([2, '', `memscope snapshot: ${folder}: cannot read: is a directory\n`]);
    const missing = join(dir, 'missing.msnap');
    const m = memscope(['snapshot', missing, '--json']);
    expect([m.status, m.stderr]).toEqual([2, `memscope snapshot: ${missing}: cannot read: no such file or directory\n`]);
    expect(JSON.parse(m.stdout)).toEqual({ ok: false, errors: [{ code: 'io', message: 'cannot read: no such file or directory', where: { file: missing } }] });
    const diff = memscope(['snapshot', final, '--diff', folder, '--json']);
    expect(JSON.parse(diff.stdout)).toEqual({ ok: false, errors: [{ code: 'io', message: 'cannot read: is a directory', where: { file: folder } }] });
    const past = memscope(['snapshot', final, '--dump', '131072', '--json']);
    expect([past.status, past.stderr]).toEqual([2, 'memscope snapshot: --dump 0x20000 is past the end of memory (131072 bytes, 0x0..0x1ffff)\n']);
    expect(JSON.parse(past.stdout)).toEqual({
      ok: false, errors: [{ code: 'out-of-bounds', message: '--dump 0x20000 is past the end of memory (131072 bytes, 0x0..0x1ffff)', where: { file: final } }],
    });
  });

  it('--module with a .msnap is refused, not dropped without a word', () => {
    const r = memscope(['snapshot', final, '--module', join(DEMO, 'return-string.wasm')]);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `memscope snapshot: --module names the functions of a coredump's stack; ${final} is a Memscope snapshot, which has no stack\n`]);
  });

  it('a Wasm module that is no coredump is said to be one, not a file without "MSNAP"', () => {
    const module = join(DEMO, 'return-string.wasm');
    const r = memscope(['snapshot', module]);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `memscope snapshot: ${module}: no "core" custom section: this module is not a coredump (byte offset 8)\n`]);
    expect(memscope(['snapshot', module, '--diff', final]).stderr).toBe(r.stderr);
  });

  it('the summary counts one page as one page', () => {
    expect(memscope(['snapshot', trap]).stdout.split('\n')[1]).toMatch(/^memory 65536 bytes \(1 page\), 1 page holds data; taken /);
  });

  it('a foreign file\'s names with a line break or an ESC are shown escaped, not obeyed', () => {
    // final.msnap with its module name and a region's name rewritten; the blocks after the manifest kept.
    const { head, rest } = headWith(readFileSync(final), (manifest) => {
      manifest.moduleName = 'evil\x1b[2J.wasm\nforged line';
      (manifest.regions as { name: string }[])[0]!.name = 'r\x1b[31m';
      return manifest;
    });
    const odd = join(dir, 'odd-names.msnap');
    writeFileSync(odd, Buffer.concat([head, rest]));
    const r = memscope(['snapshot', odd]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\x1b/);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\S+: evil\\x1b\[2J\.wasm\\x0aforged line \(sha256 /);
    expect(lines[2]).toMatch(/^  region r\\x1b\[31m /);
  });

  it("--json's manifest has the manifest's own keys in one order, whatever else a foreign file's holds", () => {
    // final.msnap's manifest with its keys reversed and two of its own; they were printed as read.
    const { head, rest } = headWith(readFileSync(final), (manifest) => Object.fromEntries([...Object.entries(manifest).reverse(), ['evil', { a: 1 }], ['steps2', 3]]));
    const odd = join(dir, 'extra-keys.msnap');
    writeFileSync(odd, Buffer.concat([head, rest]));
    const keys = (file: string) => Object.keys((JSON.parse(memscope(['snapshot', file, '--json']).stdout) as { manifest: object }).manifest);
    const own = ['format', 'version', 'moduleName', 'moduleSha256', 'step', 'memorySize', 'blockSize', 'regions', 'bindings', 'steps', 'createdAt', 'line', 'source'];
    expect(keys(final)).toEqual(own);
    expect(keys(odd)).toEqual(own);
  });

  it('--diff of snapshots stored in different block sizes is refused, not a crash', () => {
    // A valid .msnap with 8 KiB blocks (Memscope writes 4 KiB ones): final's manifest, one block of 0x01.
    const { head } = headWith(readFileSync(final), (manifest) => ({ ...manifest, blockSize: 8192 }));
    const index = Buffer.alloc(20);
    index.writeBigUInt64LE(131072n, 0);
    index.writeUInt32LE(8192, 8);
    index.writeUInt32LE(1, 12);
    const big = join(dir, 'blocks-8k.msnap');
    writeFileSync(big, Buffer.concat([head, index, Buffer.alloc(8192, 1)]));
    expect(memscope(['snapshot', big]).status).toBe(0);
    const r = memscope(['snapshot', big, '--diff', final]);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `memscope snapshot: cannot diff ${big} (8192-byte blocks) against ${final} (4096-byte blocks)\n`]);
  });
});
