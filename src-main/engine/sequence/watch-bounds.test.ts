// `watch` steps whose range runs past 4 GiB are refused where the address or length is written,
// as the live watch set refuses them, instead of being watched (never hit, and widening the
// rewrite's hull to all of memory) or failing as an internal typed-array error.

import { describe, expect, it } from 'vitest';
import { GuestMemory } from '../memory/guest-memory.ts';
import { SequenceExecutor, type GuestPort } from './execute.ts';
import { parseSequence } from './parse.ts';

function run(text: string): { error: { code: string; message: string; line?: number; column?: number } | undefined; watched: unknown[] } {
  const watched: unknown[] = [];
  const memory = new WebAssembly.Memory({ initial: 1 });
  const port: GuestPort = {
    allocator: null,
    memory: () => new GuestMemory(memory),
    signature: () => undefined,
    call: () => [],
    watch: (name, address, size, stop) => { watched.push([name, address, size, stop]); },
  };
  const { sequence, errors } = parseSequence(text, 'test.wseq');
  expect(errors).toEqual([]);
  const exec = new SequenceExecutor(sequence, port);
  const results = sequence.steps.map((_, i) => exec.execute(i));
  return { error: results.at(-1)!.error as never, watched };
}

describe('watch bounds', () => {
  it('refuses an address at or past 4 GiB, at the address', () => {
    const { error, watched } = run('watch z @ 0x100000000 [2]\n');
    expect(watched).toEqual([]);
    expect(error).toMatchObject({ code: 'out-of-bounds', message: "watch 'z': [0x100000000, +2) is past the 4 GiB a 32-bit memory can address" });
    expect(JSON.stringify(error)).toContain('"column":11');
  });

  it('refuses a length that carries the range past 4 GiB, at the length', () => {
    const { error, watched } = run('watch big @ 0 [0x20000000000]\n');
    expect(watched).toEqual([]);
    expect(error).toMatchObject({ code: 'out-of-bounds', message: "watch 'big': [0x0, +2199023255552) is past the 4 GiB a 32-bit memory can address" });
    expect(JSON.stringify(error)).toContain('"column":16');
  });

  it('refuses a default 4-byte watch that crosses 4 GiB, at the address', () => {
    const { error } = run('watch e @ 0xfffffffe\n');
    expect(error).toMatchObject({ code: 'out-of-bounds', message: "watch 'e': [0xfffffffe, +4) is past the 4 GiB a 32-bit memory can address" });
    expect(JSON.stringify(error)).toContain('"column":11');
  });

  it('keeps a watch on the last bytes below 4 GiB (memory the guest may grow into)', () => {
    const { error, watched } = run('watch top @ 0xfffffffe [2] stop\n');
    expect(error).toBeUndefined();
    expect(watched).toEqual([['top', 0xfffffffe, 2, true]]);
  });
});
