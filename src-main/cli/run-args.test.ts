// `memscope run` options that bound what a run keeps: --history-mb.

import { describe, expect, it } from 'vitest';
import { parseRunArgs } from './run-args.ts';

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
