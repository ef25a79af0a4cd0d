import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWhole } from './write-whole.ts';

describe('writeWhole', () => {
  it('replaces a file with the whole new one and leaves nothing beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-whole-'));
    const file = join(dir, 'memory.msnap');
    writeFileSync(file, 'the snapshot before');
    await writeWhole(file, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    await writeWhole(join(dir, 'new.txt'), 'text');
    expect(readFileSync(join(dir, 'new.txt'), 'utf8')).toBe('text');
    expect(readdirSync(dir).sort()).toEqual(['memory.msnap', 'new.txt']);
  });

  it('keeps the file before when the new one cannot be written whole, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-whole-'));
    const file = join(dir, 'memory.msnap');
    writeFileSync(file, 'the snapshot before');
    // The temporary file's name is taken by a directory: the write fails before the rename.
    mkdirSync(`${file}.${process.pid}.partial`);
    await expect(writeWhole(file, 'new')).rejects.toMatchObject({ code: 'EISDIR' });
    expect(readFileSync(file, 'utf8')).toBe('the snapshot before');
    expect(readdirSync(dir).sort()).toEqual(['memory.msnap', `memory.msnap.${process.pid}.partial`]);
    await expect(writeWhole(join(dir, 'no', 'such', 'dir.bin'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes into what is not a regular file (a device, a pipe) as it is', async () => {
    await writeWhole('/dev/null', 'discarded');
    expect(readFileSync('/dev/null', 'utf8')).toBe('');
  });
});

describe('writeWhole, when the process exits in the middle of a write', () => {
  it('leaves neither a temporary file nor a truncated target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-whole-'));
    const file = join(dir, 'big.msnap');
    writeFileSync(file, 'the snapshot before');
    // A child writes 256 MiB and calls process.exit (as a Ctrl+C after the run does) once its
    // temporary file exists, before the write can end.
    const script = join(dir, 'exit-mid-write.mts');
    writeFileSync(script, `import { existsSync } from 'node:fs';
import { writeWhole } from ${JSON.stringify(join(import.meta.dirname, 'write-whole.ts'))};
void writeWhole(${JSON.stringify(file)}, new Uint8Array(256 * 1024 * 1024));
const temp = ${JSON.stringify(file)} + '.' + process.pid + '.partial';
const wait = () => (existsSync(temp) ? process.exit(130) : setImmediate(wait));
wait();
`);
    const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'run-ts.mjs'), script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(130);
    expect(readdirSync(dir).sort()).toEqual(['big.msnap', 'exit-mid-write.mts']);
    expect(readFileSync(file, 'utf8')).toBe('the snapshot before');
  });
});
