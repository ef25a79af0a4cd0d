// When a snapshot's memory was taken, in the one wording of the CLI's summary and the page's
// image panel: a dump's memory exported as a snapshot (step -1, labelled with the dump) is at no
// step of a sequence; it read "before the first step" beside its label.

import { describe, expect, it } from 'vitest';
import { dumpLabel, snapshotStepText } from './snapshot-manifest.ts';

describe('snapshotStepText', () => {
  it('says a dump\'s memory is from the dump, not before the first step', () => {
    expect(snapshotStepText({ step: -1, label: dumpLabel('coredump', 'trap.step9.core.wasm') }))
      .toBe('memory from coredump trap.step9.core.wasm, not taken at a step');
    expect(snapshotStepText({ step: -1, label: dumpLabel('raw', 'memory.bin') })).toBe('memory from raw memory dump memory.bin, not taken at a step');
  });

  it('says a step, or before the first, with any other label quoted', () => {
    expect(snapshotStepText({ step: -1 })).toBe('before the first step');
    expect(snapshotStepText({ step: -1, label: 'start' })).toBe('before the first step, "start"');
    expect(snapshotStepText({ step: 4, line: 24, source: 'f(1)', label: 'from coredump x' })).toBe('after step 5 (line 24: f(1)), "from coredump x"');
  });
});
