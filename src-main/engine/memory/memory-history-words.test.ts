// The history's refusals count steps from 1, as the rest of the API does ("steps 1..2 ran"),
// and call the initial image "before the first step": they once said "memory after step -1".

import { describe, expect, it } from 'vitest';
import { ChangeTracker } from './change-tracker.ts';
import { MemoryHistory } from './memory-history.ts';
import { WASM_PAGE } from './types.ts';

function history(steps: number): MemoryHistory {
  const mem = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const tracker = new ChangeTracker();
  const h = new MemoryHistory(tracker.reset(new Uint8Array(mem.buffer)));
  for (let s = 0; s < steps; s++) {
    if (s === 1) mem.grow(1);
    new Uint8Array(mem.buffer)[s] = s + 1;
    h.commit(s, tracker.capture(new Uint8Array(mem.buffer)));
  }
  return h;
}

function message(r: { ok: true } | { ok: false; error: { message: string } }): string {
  return r.ok ? 'ok' : r.error.message;
}

describe('memory history messages', () => {
  it('say a read past the memory of the initial image is before the first step', () => {
    const h = history(2);
    expect(message(h.read(WASM_PAGE, 4, -1))).toBe(
      `cannot read 4 bytes at address ${WASM_PAGE} (0x10000): memory before the first step is ${WASM_PAGE} bytes (0x10000)`);
  });

  it('count the step a read is after from 1', () => {
    const h = history(2);
    // Index 0 is the first step, before memory grew.
    expect(message(h.read(WASM_PAGE, 4, 0))).toBe(
      `cannot read 4 bytes at address ${WASM_PAGE} (0x10000): memory after step 1 is ${WASM_PAGE} bytes (0x10000)`);
    expect(h.read(WASM_PAGE, 4, 1).ok).toBe(true);
  });

  it('count one byte as a byte', () => {
    // A one-byte read past the end once said "cannot read 1 bytes".
    const h = history(2);
    expect(message(h.read(2 * WASM_PAGE, 1, 1))).toBe(
      `cannot read 1 byte at address ${2 * WASM_PAGE} (0x20000): memory after step 2 is ${2 * WASM_PAGE} bytes (0x20000)`);
  });

  it('say which steps ran when asked for one that did not', () => {
    const h = history(2);
    expect(message(h.checkStep(2))).toBe('no memory recorded after step 3: steps 1..2 ran');
    expect(message(history(0).checkStep(0))).toBe('no memory recorded after step 1: no step has run yet');
    expect(message(h.checkStep(-2))).toBe('no step index -2: an index is a whole number from -1 (before the first step) to 1; steps 1..2 ran');
    expect(message(h.checkStep(0.5))).toMatch(/^no step index 0\.5: /);
  });
});
