import { describe, expect, it } from 'vitest';
import { dropConflict, splitDrop } from './drop-files.ts';

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

describe('dropConflict', () => {
  it('names the files when two modules, two sequences or two images come together', () => {
    expect(dropConflict([f('a.wasm'), f('b.wasm')])).toContain('2 modules dropped together ("a.wasm", "b.wasm")');
    expect(dropConflict([f('a.wasm'), f('a.wseq'), f('b.wseq')])).toContain('2 sequences dropped together ("a.wseq", "b.wseq")');
    expect(dropConflict([f('x.msnap'), f('y.core.wasm'), f('m.wasm')])).toContain('2 memory images');
  });
  it('says picked, and what to pick, for files chosen together in Open module…', () => {
    expect(dropConflict([f('a.wasm'), f('b.wasm'), f('a.js')], 'picked')).toBe(
      '2 modules picked together ("a.wasm", "b.wasm"): pick one module, with its .js glue if it has one.',
    );
  });
  it('a module with its sequence and glue, or an image with its module, is one session', () => {
    expect(dropConflict([f('a.wasm'), f('a.wseq'), f('a.js')])).toBeNull();
    expect(dropConflict([f('trap.step5.core.wasm'), f('trap.wasm')])).toBeNull();
  });
});
