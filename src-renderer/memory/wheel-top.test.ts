import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WheelTop } from './wheel-top.ts';

describe('WheelTop', () => {
  let container = 100;
  let reports: number[] = [];
  let wheel: WheelTop;
  beforeEach(() => {
    vi.useFakeTimers();
    container = 100;
    reports = [];
    wheel = new WheelTop(() => container, (t) => { reports.push(t); container = t; }, 250);
  });
  afterEach(() => {
    wheel.dispose();
    vi.useRealTimers();
  });

  it('draws where the wheel went and tells the container once, when the wheel rests', () => {
    for (const top of [105, 110, 115]) {
      wheel.moved(top, true);
      vi.advanceTimersByTime(120);
    }
    expect(wheel.shown()).toBe(115);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(reports).toEqual([115]);
    expect(wheel.shown()).toBe(115);
  });

  it('tells the container at once when the rows there are not held', () => {
    wheel.moved(105, true);
    wheel.moved(5000, false);
    expect(reports).toEqual([5000]);
    vi.advanceTimersByTime(1000);
    expect(reports).toEqual([5000]);
  });

  it('settles before another intent, and not again when nothing moved since', () => {
    wheel.moved(120, true);
    wheel.settle();
    expect(reports).toEqual([120]);
    wheel.settle();
    vi.advanceTimersByTime(1000);
    expect(reports).toEqual([120]);
  });

  it('gives way to a container that moved on its own (goto, a step), and never reports over it', () => {
    wheel.moved(130, true);
    container = 7;
    expect(wheel.shown()).toBe(7);
    vi.advanceTimersByTime(1000);
    expect(reports).toEqual([]);
  });

  it('a wheel back to where the container already is reports nothing', () => {
    wheel.moved(105, true);
    wheel.moved(100, true);
    vi.advanceTimersByTime(1000);
    expect(reports).toEqual([]);
  });

  it('says it is moving until the wheel rests, then calls rested once (the DOM rows catch up), even when nothing is reported', () => {
    const rested: number[] = [];
    const w = new WheelTop(() => container, (t) => { container = t; }, 250, () => rested.push(container));
    expect(w.moving()).toBe(false);
    w.moved(105, true);
    w.moved(100, true);
    expect(w.moving()).toBe(true);
    vi.advanceTimersByTime(249);
    expect(rested).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(w.moving()).toBe(false);
    expect(rested).toEqual([100]);
    w.settle();
    expect(rested).toEqual([100]);
    w.dispose();
  });
});
