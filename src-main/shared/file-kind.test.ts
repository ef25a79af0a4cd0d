// The one wording for a file of another kind given where a module or a call sequence goes.

import { describe, expect, it } from 'vitest';
import { notAModule, notASequence, wrongKindText } from './file-kind.ts';

const WASM = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const SNAPSHOT = new TextEncoder().encode('MSNAP\0\0\x01');

describe('wrongKindText', () => {
  it("says a memory image where a sequence goes in `memscope run`'s words (run-command.ts), so each command can say it so", () => {
    expect(wrongKindText('crash.step3.core.wasm', 'sequence')).toBe('crash.step3.core.wasm is a memory image (a snapshot, coredump or raw dump, by its name), not a call sequence: `memscope snapshot crash.step3.core.wasm` reads it');
  });

  it('says nothing of a file of the kind wanted, or of a name that says no kind', () => {
    expect([wrongKindText('m.wasm', 'module'), wrongKindText('s.wseq', 'sequence'), wrongKindText('s.txt', 'sequence'), wrongKindText('names.wat', 'module')]).toEqual([null, null, null, null]);
  });

  it('by contents: a sequence file that is a module is left to the parser, a coredump or snapshot is not', () => {
    expect(notASequence('x.wseq', WASM, false)).toBe(null);
    expect(notASequence('x.wseq', WASM, true)).toMatch(/^x\.wseq is a memory image \(a Wasm coredump, by its contents\), not a call sequence/);
    expect(notASequence('x', SNAPSHOT, false)).toMatch(/^x is a memory image \(a Memscope snapshot, by its contents\), not a call sequence/);
    expect(notAModule('x.wasm', WASM, false)).toBe(null);
    expect(notAModule('x.wasm', WASM, true)).toBe('x.wasm is a memory image (a Wasm coredump, by its contents), not a module: `memscope snapshot x.wasm` reads it');
  });
});
