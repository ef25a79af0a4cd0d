// Reading a host file by path: the refusals, and the words every command and shell says them in.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFailureText, readRegularFile } from './read-regular-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'memscope-read-'));
writeFileSync(join(dir, 'small.txt'), 'hello');

/** What reading `path` with `limit` fails with, in words (null: it read). */
async function failure(path: string, limit = 1024): Promise<string | null> {
  try {
    await readRegularFile(path, limit);
    return null;
  } catch (e) {
    return readFailureText(e);
  }
}

describe('readRegularFile and readFailureText', () => {
  it('read a regular file whole', async () => {
    expect(Buffer.from(await readRegularFile(join(dir, 'small.txt'), 1024)).toString()).toBe('hello');
  });

  it('say why a file is refused in words, never a bare code', async () => {
    expect(await Promise.all([
      failure(join(dir, 'missing.txt')),
      failure(dir),
      failure(join(dir, 'small.txt', 'below')),
      failure(join(dir, 'small.txt'), 2),
      failure('/dev/null'),
    ])).toEqual([
      'no such file or directory',
      'is a directory',
      'a part of its path is not a directory',
      'the file is 5 bytes, above the limit of 2 bytes',
      'not a regular file (a character device)',
    ]);
    expect(readFailureText(new Error('odd'))).toBe('odd');
  });
});
