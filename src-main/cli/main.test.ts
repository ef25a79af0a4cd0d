import { describe, expect, it } from 'vitest';
import { unknownCommand } from './main.ts';

describe('an unknown command', () => {
  it('is answered with the close command name, when one is close', () => {
    expect(unknownCommand('rnu')).toBe('unknown command "rnu" (did you mean run?)');
    expect(unknownCommand('inspcet')).toBe('unknown command "inspcet" (did you mean inspect?)');
    expect(unknownCommand('frobnicate')).toBe('unknown command "frobnicate"');
  });

  it('that is a file is answered with the command that takes that file', () => {
    expect(unknownCommand('demo.wseq')).toBe('unknown command "demo.wseq": to run a sequence, memscope run demo.wseq');
    expect(unknownCommand('m.wasm')).toBe('unknown command "m.wasm": to summarise a module, memscope inspect m.wasm; a starter sequence for it: memscope new m.wasm');
    expect(unknownCommand('crash.core.wasm')).toBe('unknown command "crash.core.wasm": to view a snapshot or coredump, memscope snapshot crash.core.wasm');
    expect(unknownCommand('step3.msnap')).toBe('unknown command "step3.msnap": to view a snapshot or coredump, memscope snapshot step3.msnap');
  });
});
