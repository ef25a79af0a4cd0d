// The column bounds: the grid keeps its minimum whenever the window has room for every minimum,
// and a column never goes below its own, whatever the window.

import { describe, expect, it } from 'vitest';
import { CALL_LOG_MIN, callLogBounds, clampTo, defaultCallLogWidth, GRID_MIN, SEQUENCE_MIN, sequenceBounds, SIDE_MAX, SPLITTER_PX } from './pane-layout.ts';

describe('pane layout', () => {
  it('gives the call log what the sequence column and the grid leave', () => {
    const b = callLogBounds(1280, 256);
    expect(b).toEqual({ min: CALL_LOG_MIN, max: 1280 - 256 - GRID_MIN - 2 * SPLITTER_PX });
    expect(clampTo(5000, b)).toBe(b.max);
    expect(clampTo(10, b)).toBe(CALL_LOG_MIN);
    expect(clampTo(300.4, b)).toBe(300);
  });

  it('keeps every minimum in a window too small for them all (the grid gives way)', () => {
    expect(callLogBounds(700, 250)).toEqual({ min: CALL_LOG_MIN, max: CALL_LOG_MIN });
    expect(sequenceBounds(700)).toEqual({ min: SEQUENCE_MIN, max: SEQUENCE_MIN });
  });

  it('leaves the sequence column room for the call log at its narrowest', () => {
    const w = 1400;
    const seq = sequenceBounds(w).max;
    expect(seq + CALL_LOG_MIN + GRID_MIN + 2 * SPLITTER_PX).toBe(w);
    expect(callLogBounds(w, seq).max).toBe(CALL_LOG_MIN);
  });

  it('caps side columns on a wide screen', () => {
    expect(callLogBounds(4000, 300).max).toBe(SIDE_MAX);
  });

  it('starts the call log at about a fifth of the window, within 240..340 px', () => {
    expect(defaultCallLogWidth(1280)).toBe(240);
    expect(defaultCallLogWidth(1600)).toBe(288);
    expect(defaultCallLogWidth(2560)).toBe(340);
  });
});
