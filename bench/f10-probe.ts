// F10 → grid latency, measured from outside the product (issue 8): an init script timestamps the
// F10 keydown, the page's `step` request and the frames that answer it, the Svelte flush that
// applies the step (the memory view's data-step), and every grid repaint with the frame it ends,
// so each F10 splits into key → request, request → step event (backend), event → applied
// (renderer), applied → the frame that shows the step's bytes.

/**
 * Installed before the page's scripts. "Frame end" is the first task after a frame's rAF
 * callbacks: Chromium runs style, layout, paint and commit in the same task as rAF, so a message
 * posted from inside the frame runs once its main-thread rendering is done.
 */
export const F10_PROBE = `(() => {
  const p = { cur: null, done: [], pending: new Map(), lastGridMutation: 0 };
  window.__f10 = p;
  const now = () => performance.now();
  // User-timing marks too, so a Chromium trace of the same run lines up with the parts.
  const mark = (name) => performance.mark('f10:' + name);
  const channel = new MessageChannel();
  const afterFrame = [];
  channel.port1.onmessage = () => { const t = now(); for (const f of afterFrame.splice(0)) f(t); };
  const frameEnd = (f) => { afterFrame.push(f); channel.port2.postMessage(0); };
  addEventListener('keydown', (e) => {
    if (e.key !== 'F10' || e.shiftKey) return;
    mark('key');
    p.cur = { key: now(), sent: 0, stepId: -1, event: 0, answer: 0, events: [], requests: [], applied: 0, appliedFrameEnd: 0, paints: [], canvasDraws: [], before: gridText() };
  }, true);
  // Only the start of a message is read: {"type":"event","name":…} / {"type":"response","id":…}.
  const head = (data) => {
    if (typeof data === 'string') return data.slice(0, 96);
    const buf = data instanceof ArrayBuffer ? data : data.buffer;
    const n = new DataView(buf, data.byteOffset ?? 0).getUint32(0, true);
    return new TextDecoder().decode(new Uint8Array(buf, (data.byteOffset ?? 0) + 4, Math.min(n, 96)));
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      p.socket = this;
      this.addEventListener('message', (e) => {
        const t = now();
        const h = head(e.data);
        const c = p.cur;
        let m = /^\\{"type":"event","name":"(\\w+)"/.exec(h);
        if (m) {
          if (c && c.sent) { c.events.push([m[1], t]); mark(m[1]); if (m[1] === 'step' && !c.event) c.event = t; }
          return;
        }
        m = /^\\{"type":"response","id":(\\d+)/.exec(h);
        if (m) {
          const id = Number(m[1]);
          const r = p.pending.get(id);
          if (r) { r.answer = t; p.pending.delete(id); }
          if (id === p.noopId) p.noopDone(t);
          if (c && id === c.stepId) c.answer = t;
        }
      });
    }
    send(data) {
      const h = head(data);
      const m = /^\\{"type":"request","id":(\\d+),"name":"(\\w+)"/.exec(h);
      const c = p.cur;
      if (m) {
        const r = { name: m[2], at: now(), answer: 0 };
        p.pending.set(Number(m[1]), r);
        if (c && m[2] === 'step' && !c.sent) { c.sent = r.at; c.stepId = Number(m[1]); mark('sent'); }
        else if (c && c.sent) c.requests.push(r);
      }
      super.send(data);
    }
  };
  function gridText() {
    const g = document.querySelector('[data-testid=memory-grid]');
    return g ? g.dataset.topRow + '|' + g.textContent : '';
  }
  // The memory view's data-step is written in the Svelte flush that applies the step event.
  new MutationObserver(() => {
    const c = p.cur;
    if (!c || !c.event || c.applied) return;
    c.applied = now();
    mark('applied');
    requestAnimationFrame(() => frameEnd((t) => { c.appliedFrameEnd = t; }));
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-step'] });
  // Grid repaints (the painter writes rows in a rAF callback): what the rows say, and when that frame ends.
  let gridObserved = null;
  const gridObserver = new MutationObserver(() => {
    const t = now();
    p.lastGridMutation = t;
    const c = p.cur;
    if (!c || !c.event) return;
    const paint = { at: t, end: 0, text: gridText() };
    c.paints.push(paint);
    frameEnd((e) => { paint.end = e; });
  });
  new MutationObserver(() => {
    const g = document.querySelector('[data-testid=memory-grid]');
    if (g === gridObserved) return;
    gridObserved = g;
    gridObserver.disconnect();
    if (g) gridObserver.observe(g, { subtree: true, childList: true, characterData: true, attributes: true });
  }).observe(document, { subtree: true, childList: true });
  // Canvas draws in the grid: the grid shows its rows on a canvas, and its DOM rows (what
  // gridText reads) may follow a frame later, showing what that canvas last drew. Every draw
  // clears at least the space below the last row, so clearRect marks one (once per task).
  const inGrid = new WeakMap();
  const clearRect = CanvasRenderingContext2D.prototype.clearRect;
  let drawing = false;
  CanvasRenderingContext2D.prototype.clearRect = function (...args) {
    let grid = inGrid.get(this.canvas);
    if (grid === undefined) inGrid.set(this.canvas, grid = !!this.canvas.closest?.('[data-testid=memory-grid]'));
    const c = p.cur;
    if (grid && c && c.event && !drawing) {
      drawing = true;
      const draw = { at: now(), end: 0 };
      c.canvasDraws.push(draw);
      frameEnd((e) => { draw.end = e; drawing = false; });
    }
    return clearRect.apply(this, args);
  };
  p.gridText = gridText;
  // The floor under "backend": a request that does nearly nothing (evaluate "1"), over the app's
  // own socket, timed the same way; its id is one the app's client never uses, so it ignores the answer.
  let noops = 0;
  p.noop = () => new Promise((resolve) => {
    p.noopId = 1e9 + noops++;
    const t0 = now();
    p.noopDone = (t) => { p.noopId = -1; resolve(t - t0); };
    Native.prototype.send.call(p.socket, JSON.stringify({ type: 'request', id: p.noopId, name: 'evaluate', params: { expression: '1' } }));
  });
})()`;

/** One F10's timestamps (performance.now() in the page, ms), as the in-page settle step returns them. */
export interface F10Raw {
  key: number;
  sent: number;
  event: number;
  answer: number;
  applied: number;
  appliedFrameEnd: number;
  /** Grid repaints after the step event: when, the end of their frame, what the grid said. */
  paints: { at: number; end: number; text: string }[];
  /** Canvas draws in the grid after the step event: when, and the end of their frame. */
  canvasDraws: { at: number; end: number }[];
  /** Requests the page sent after the step request, before the step settled. */
  requests: { name: string; at: number; answer: number }[];
  events: [string, number][];
  before: string;
  final: string;
}

/**
 * In-page, after the F10 press: waits until the step is settled (the step request answered, no
 * request pending, the grid unchanged for 5 frames and 100 ms), then returns the raw timestamps.
 */
export const SETTLE_F10 = (waitMs: number) => `(async () => {
  const p = window.__f10;
  const t0 = performance.now();
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const c = p.cur;
  if (!c) throw new Error('no F10 keydown reached the page');
  let quiet = 0;
  for (;;) {
    if (performance.now() - t0 > ${waitMs}) throw new Error('the step did not settle within ${waitMs / 1000} s');
    await frame();
    const settled = c.answer && p.pending.size === 0 && c.paints.every((x) => x.end) && c.canvasDraws.every((x) => x.end) && c.appliedFrameEnd
      && performance.now() - Math.max(c.answer, p.lastGridMutation) > 100;
    quiet = settled ? quiet + 1 : 0;
    if (quiet >= 5) break;
  }
  p.cur = null;
  return { ...c, final: p.gridText() };
})()`;

/** One F10 split into its parts (ms). */
export interface F10Sample {
  /** keydown → the frame in which the grid shows the step's memory (its last text), ended. */
  total: number;
  /** keydown → the page sends `step` (key handling, the store's queue). */
  keyToRequest: number;
  /** `step` sent → the `step` event arrives (WebSocket, backend queue, the step, what the event carries). */
  backend: number;
  /** event arrives → the Svelte flush that applies it (decode, store, every effect that re-runs). */
  apply: number;
  /** applied → the end of the frame that shows the step (grid rows written, style, layout, paint). */
  paint: number;
  /** Requests the page made after the step was sent (readMemory, pageMap, heap …). */
  followUps: string[];
  /** pass.step, set by the series. */
  label?: string;
}

/**
 * The grid "shows the step" in the first repaint after the event whose text (rows and top row)
 * is what the grid settled on, and no earlier than the end of the first frame after the apply
 * (a step that changes no visible text still shows its new highlights then). The DOM rows show
 * what the grid's canvas last drew, so when a canvas draw came before that repaint (in its frame
 * or one before) the step was on screen at the end of that draw's frame.
 */
export function f10Sample(r: F10Raw): F10Sample {
  if (!r.sent || !r.event || !r.applied) throw new Error(`incomplete F10 record: sent ${r.sent}, event ${r.event}, applied ${r.applied}`);
  const first = r.paints.find((x) => x.text === r.final);
  const drawn = first && r.canvasDraws.filter((d) => d.at <= first.at).at(-1);
  const shown = Math.max(r.appliedFrameEnd, drawn ? drawn.end : first?.end ?? 0);
  return {
    total: shown - r.key,
    keyToRequest: r.sent - r.key,
    backend: r.event - r.sent,
    apply: r.applied - r.event,
    paint: shown - r.applied,
    followUps: r.requests.map((q) => q.name),
  };
}
