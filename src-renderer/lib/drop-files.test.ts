import { describe, expect, it } from 'vitest';
import { splitDrop } from './drop-files.ts';

const f = (name: string) => ({ name });

describe('splitDrop', () => {
  it('a coredump with its module: the image is the .core.wasm, the module the other .wasm', () => {
    const [core, module] = [f('trap.step5.core.wasm'), f('trap.wasm')];
    expect(splitDrop([module, core])).toEqual({ image: core, wasm: module });
  });
  it('snapshots and raw dumps are images; a module with its sequence is not', () => {
    expect(splitDrop([f('a.msnap')]).image?.name).toBe('a.msnap');
    expect(splitDrop([f('memory.BIN')]).image?.name).toBe('memory.BIN');
    expect(splitDrop([f('greet.wasm'), f('greet.wseq')])).toEqual({ wasm: f('greet.wasm'), wseq: f('greet.wseq') });
  });
});
