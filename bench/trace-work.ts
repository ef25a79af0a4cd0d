// Sums a Chromium trace's main-thread work for one page into script, style+layout and paint, the
// way DevTools' Performance panel groups it. Thread time (tts/tdur) is used where the trace has
// it, so a loaded machine that preempts the renderer does not inflate the figures.

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tts?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string }[] } };
}

export interface MainThreadWork {
  /** Milliseconds of each kind; an event nested in another counted one counts as its parent. */
  script: number;
  layout: number;
  paint: number;
  /** script + layout + paint. */
  total: number;
  /** Every top-level task on the thread (includes idle-time housekeeping), for reference. */
  tasks: number;
  /** The same counted work by trace event name (Layerize, Commit, FireAnimationFrame, …). */
  events: Record<string, number>;
}

const KIND: Record<string, 'script' | 'layout' | 'paint'> = {};
for (const n of ['EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'EvaluateScript',
  'v8.evaluateModule', 'RunMicrotasks', 'v8.run', 'v8.compile', 'v8.compileModule', 'V8.Execute', 'MinorGC', 'MajorGC',
  'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'ParseHTML', 'XHRReadyStateChange']) KIND[n] = 'script';
for (const n of ['UpdateLayoutTree', 'RecalculateStyles', 'Layout', 'HitTest']) KIND[n] = 'layout';
for (const n of ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'UpdateLayerTree', 'Commit', 'PaintImage',
  'CompositeLayers', 'Decode Image']) KIND[n] = 'paint';

/** The renderer process showing `urlPart`, from the TracingStartedInBrowser frame list. */
export function rendererPid(events: TraceEvent[], urlPart: string): number | null {
  for (const e of events) {
    for (const f of e.args?.data?.frames ?? []) if (f.url?.includes(urlPart) && f.processId) return f.processId;
  }
  return null;
}

/** The main thread (CrRendererMain) of process `pid`. */
export function mainThread(events: TraceEvent[], pid: number): number | null {
  const e = events.find((x) => x.ph === 'M' && x.name === 'thread_name' && x.pid === pid && x.args?.name === 'CrRendererMain');
  return e ? e.tid : null;
}

interface Span { name: string; start: number; end: number; cpu: number }

/** Complete spans of one thread: X events as they are, B/E pairs matched on a stack. */
function spans(events: TraceEvent[], pid: number, tid: number): Span[] {
  const out: Span[] = [];
  const open: TraceEvent[] = [];
  const sorted = events.filter((e) => e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  for (const e of sorted) {
    if (e.ph === 'X' && e.dur !== undefined) out.push({ name: e.name, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (!b) continue;
      const cpu = b.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : e.ts - b.ts;
      out.push({ name: b.name, start: b.ts, end: e.ts, cpu });
    }
  }
  // Parents before children: by start, then the longer first.
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

export function mainThreadWork(events: TraceEvent[], pid: number, tid: number): MainThreadWork {
  const work: MainThreadWork = { script: 0, layout: 0, paint: 0, total: 0, tasks: 0, events: {} };
  let countedUntil = -Infinity;
  let taskUntil = -Infinity;
  for (const s of spans(events, pid, tid)) {
    if ((s.name === 'RunTask' || s.name === 'ThreadControllerImpl::RunTask') && s.start >= taskUntil) {
      work.tasks += s.cpu / 1000;
      taskUntil = s.end;
    }
    const kind = KIND[s.name];
    if (!kind || s.start < countedUntil) continue;
    work[kind] += s.cpu / 1000;
    work.events[s.name] = (work.events[s.name] ?? 0) + s.cpu / 1000;
    countedUntil = s.end;
  }
  work.total = work.script + work.layout + work.paint;
  return work;
}

/** Parses Playwright's `stopTracing()` buffer and sums the work of the page at `urlPart`. */
export function pageWork(trace: Buffer | string, urlPart: string): MainThreadWork {
  const parsed = JSON.parse(String(trace)) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const pid = rendererPid(events, urlPart);
  if (pid === null) throw new Error(`the trace names no renderer for ${urlPart}`);
  const tid = mainThread(events, pid);
  if (tid === null) throw new Error(`the trace has no main thread for renderer ${pid}`);
  return mainThreadWork(events, pid, tid);
}
