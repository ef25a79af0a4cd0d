// The column bounds: the grid keeps its minimum whenever the window has room for every minimum,
// and a column never goes below its own, whatever the window.

import { describe, expect, it } from 'vitest';
import { CALL_LOG_MIN, callLogBounds, clampTo, defaultCallLogWidth, GRID_MIN, moduleBounds, SEQUENCE_MIN, sequenceBounds, SIDE_MAX, SPLITTER_PX, terminalBounds } from './pane-layout.ts';

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

  it('bounds the terminal and the module panel by the window, so a height kept from a taller window leaves room above', () => {
    expect(terminalBounds(1200)).toEqual({ min: 60, max: 900 });
    expect(terminalBounds(800)).toEqual({ min: 60, max: 560 });
    expect(clampTo(900, terminalBounds(600))).toBe(360);
    // A window too short for anything keeps the minimum.
    expect(terminalBounds(200)).toEqual({ min: 60, max: 60 });
    expect(moduleBounds(1200, 200)).toEqual({ min: 60, max: 800 });
    expect(moduleBounds(800, 150)).toEqual({ min: 60, max: 450 });
    expect(clampTo(700, moduleBounds(700, 360))).toBe(140);
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
