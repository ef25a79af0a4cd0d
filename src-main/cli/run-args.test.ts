// `memscope run` options that bound how long a step and its capture may take and what a run
// keeps: --timeout, --history-mb, --capture-limit.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunArgs, RUN_USAGE, type RunArgs } from './run-args.ts';
import { openSession } from './run-command.ts';

const RETURN_STRING = resolve(import.meta.dirname, '../../resources/examples/return-string/return-string.wasm');

/** The capture limit a session opened as `memscope run` opens it ends up with. */
async function captureLimitOf(sequenceText: string, ...options: string[]): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), 'memscope-capture-')), 'a.wseq');
  writeFileSync(file, `module "${RETURN_STRING}"\n${sequenceText}p = malloc(8)\n`);
  const opened = await openSession(parseRunArgs([file, ...options]) as RunArgs);
  if (!opened.ok) throw new Error(opened.messages.join('\n'));
  try {
    return opened.session.config.captureLimitMs;
  } finally {
    await opened.session.dispose();
  }
}

describe('parseRunArgs --timeout', () => {
  it('takes 1 to 86400000 ms, as the `timeout` directive does', () => {
    expect(parseRunArgs(['a.wseq', '--timeout', '86400000'])).toMatchObject({ timeoutMs: 86_400_000 });
    expect(parseRunArgs(['--timeout=1', 'a.wseq'])).toMatchObject({ timeoutMs: 1 });
  });

  it('names what is wrong with a bad value in the directive\'s words', () => {
    expect(parseRunArgs(['a.wseq', '--timeout', '1e30'])).toBe('--timeout takes a time limit in milliseconds (1 to 86400000), not "1e30"');
    expect(parseRunArgs(['a.wseq', '--timeout', '86400001'])).toBe('--timeout takes a time limit in milliseconds (1 to 86400000), not "86400001"');
    expect(parseRunArgs(['a.wseq', '--timeout', '0'])).toBe('--timeout takes a time limit in milliseconds (1 to 86400000), not "0"');
    expect(parseRunArgs(['a.wseq', '--timeout', 'soon'])).toBe('--timeout takes a time limit in milliseconds (1 to 86400000), not "soon"');
    // Number() took these: 0x10 was a 16 ms limit.
    expect(parseRunArgs(['a.wseq', '--timeout', '0x10'])).toBe('--timeout takes a time limit in milliseconds (1 to 86400000), not "0x10"');
    expect(parseRunArgs(['a.wseq', '--history-mb', '1e20'])).toBe('--history-mb takes a positive whole number of MiB, not "1e20"');
    expect(parseRunArgs(['a.wseq', '--capture-limit', ' 5'])).toBe('--capture-limit takes a positive whole number of seconds, not " 5"');
  });
});

describe('parseRunArgs --history-mb', () => {
  it('takes a whole number of MiB, as a separate or an = value', () => {
    expect(parseRunArgs(['a.wseq', '--history-mb', '64'])).toMatchObject({ sequence: 'a.wseq', historyMb: 64 });
    expect(parseRunArgs(['--history-mb=1024', 'a.wseq'])).toMatchObject({ historyMb: 1024 });
    expect(parseRunArgs(['a.wseq'])).not.toHaveProperty('historyMb');
  });

  it('names what is wrong with a bad value', () => {
    expect(parseRunArgs(['a.wseq', '--history-mb', '0'])).toBe('--history-mb takes a positive whole number of MiB, not "0"');
    expect(parseRunArgs(['a.wseq', '--history-mb', 'lots'])).toBe('--history-mb takes a positive whole number of MiB, not "lots"');
    expect(parseRunArgs(['a.wseq', '--history-mb'])).toBe('--history-mb needs a value');
  });
});

describe('parseRunArgs --capture-limit', () => {
  it('takes a whole number of seconds, as a separate or an = value', () => {
    expect(parseRunArgs(['a.wseq', '--capture-limit', '120'])).toMatchObject({ sequence: 'a.wseq', captureLimitS: 120 });
    expect(parseRunArgs(['--capture-limit=5', 'a.wseq'])).toMatchObject({ captureLimitS: 5 });
    expect(parseRunArgs(['a.wseq'])).not.toHaveProperty('captureLimitS');
  });

  it('names what is wrong with a bad value', () => {
    expect(parseRunArgs(['a.wseq', '--capture-limit', '0'])).toBe('--capture-limit takes a positive whole number of seconds, not "0"');
    expect(parseRunArgs(['a.wseq', '--capture-limit', '1.5'])).toBe('--capture-limit takes a positive whole number of seconds, not "1.5"');
    expect(parseRunArgs(['a.wseq', '--capture-limit', '90000'])).toBe('--capture-limit takes at most 86400 seconds (a day), not "90000"');
    expect(parseRunArgs(['a.wseq', '--capture-limit'])).toBe('--capture-limit needs a value');
  });

  it('is in the usage text', () => {
    expect(RUN_USAGE).toContain('[--capture-limit SECONDS]');
    expect(RUN_USAGE).toMatch(/--capture-limit SECONDS\n\s+time limit of Memscope's change capture after a step \(default 60/);
  });
});

describe('the capture limit a run gets', () => {
  it('is 60 s by default, the sequence\'s `capture limit` line, or --capture-limit over both', async () => {
    expect(await captureLimitOf('')).toBe(60_000);
    expect(await captureLimitOf('capture limit 90\n')).toBe(90_000);
    expect(await captureLimitOf('capture limit 90\n', '--capture-limit', '5')).toBe(5_000);
  });
});

describe('parseRunArgs file options', () => {
  it('refuses an empty FILE or DIR, which used to mean no option at all (and a run that wrote nothing said ✓)', () => {
    expect(parseRunArgs(['a.wseq', '--snapshot', ''])).toBe('--snapshot needs a file name, not ""');
    expect(parseRunArgs(['a.wseq', '--output-dir='])).toBe('--output-dir needs a file name, not ""');
    expect(parseRunArgs(['a.wseq', '--coredump='])).toBe('--coredump needs a file name, not ""');
  });

  it('does not take the next option as the FILE (`--snapshot --json` wrote a file named "--json")', () => {
    expect(parseRunArgs(['a.wseq', '--snapshot', '--json'])).toBe('--snapshot needs a file name before --json');
    expect(parseRunArgs(['a.wseq', '--coredump', '--timeout=5'])).toBe('--coredump needs a file name before --timeout=5');
    // A name that only starts with a dash is still a name, and `=` takes anything.
    expect(parseRunArgs(['a.wseq', '--snapshot', '-x.msnap'])).toMatchObject({ snapshot: '-x.msnap' });
    expect(parseRunArgs(['a.wseq', '--snapshot=--json'])).toMatchObject({ snapshot: '--json', json: false });
  });
});
