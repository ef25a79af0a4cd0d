import { describe, expect, it } from 'vitest';
import { mainThread, mainThreadWork, pageWork, rendererPid, type TraceEvent } from './trace-work.ts';

const PID = 7;
const TID = 70;
const x = (name: string, ts: number, dur: number, tdur?: number, pid = PID, tid = TID): TraceEvent =>
  ({ name, ph: 'X', pid, tid, ts, dur, ...(tdur !== undefined ? { tdur } : {}) });

const meta: TraceEvent[] = [
  { name: 'TracingStartedInBrowser', ph: 'I', pid: 1, tid: 1, ts: 0, args: { data: { frames: [{ processId: 9, url: 'http://other/' }, { processId: PID, url: 'http://127.0.0.1:5/?t=1' }] } } },
  { name: 'thread_name', ph: 'M', pid: PID, tid: 71, ts: 0, args: { name: 'Compositor' } },
  { name: 'thread_name', ph: 'M', pid: PID, tid: TID, ts: 0, args: { name: 'CrRendererMain' } },
];

describe('trace main-thread work', () => {
  it('finds the page\'s renderer and its main thread', () => {
    expect(rendererPid(meta, '127.0.0.1:5')).toBe(PID);
    expect(mainThread(meta, PID)).toBe(TID);
    expect(rendererPid(meta, 'nowhere')).toBeNull();
  });

  it('counts nested work once, as its outermost kind, in thread time', () => {
    const events = [
      ...meta,
      x('RunTask', 0, 10_000, 9_000),
      x('EventDispatch', 100, 4_000, 3_000), // script, with a forced layout inside: counted as script
      x('Layout', 1_000, 1_000, 1_000),
      x('RunTask', 20_000, 5_000, 5_000),
      x('UpdateLayoutTree', 20_100, 500, 500),
      x('Paint', 21_000, 2_000), // no thread time: wall time
      x('Paint', 30_000, 9_000, 9_000, PID, 71), // another thread: not ours
      x('Paint', 40_000, 9_000, 9_000, 9, TID), // another process: not ours
    ];
    const w = mainThreadWork(events, PID, TID);
    expect(w.script).toBeCloseTo(3);
    expect(w.layout).toBeCloseTo(0.5);
    expect(w.paint).toBeCloseTo(2);
    expect(w.total).toBeCloseTo(5.5);
    expect(w.tasks).toBeCloseTo(14);
    expect(Object.keys(w.events).sort()).toEqual(['EventDispatch', 'Paint', 'UpdateLayoutTree']);
    expect(w.events.EventDispatch).toBeCloseTo(3);
    expect(w.events.Paint).toBeCloseTo(2);
  });

  it('pairs B/E events and uses their thread timestamps', () => {
    const events: TraceEvent[] = [
      ...meta,
      { name: 'Layout', ph: 'B', pid: PID, tid: TID, ts: 0, tts: 100 },
      { name: 'Layout', ph: 'E', pid: PID, tid: TID, ts: 3_000, tts: 2_100 },
    ];
    expect(pageWork(JSON.stringify({ traceEvents: events }), '127.0.0.1:5').layout).toBeCloseTo(2);
  });

  it('says so when the page is not in the trace', () => {
    expect(() => pageWork(JSON.stringify(meta), 'missing')).toThrow(/no renderer for missing/);
  });
});
