// Timestamps the UI benchmark reads (window.__memscope): when a step's delta arrived and when the
// grid last painted memory of a given step. Plain numbers; nothing reads them inside the app.

export interface PerfHooks {
  /** performance.now() when the last delta (a step's end) arrived. */
  deltaAt: number;
  /** The nextStep of that delta. */
  deltaStep: number;
  /** performance.now() after the grid rendered freshly fetched memory. */
  gridAt: number;
  /** The nextStep the grid's memory belongs to. */
  gridStep: number;
  /** Round trip of the readMemory request behind the last grid update. */
  fetchMs: number;
}

export const perfHooks: PerfHooks = { deltaAt: 0, deltaStep: -1, gridAt: 0, gridStep: -1, fetchMs: 0 };

if (typeof window !== 'undefined') (window as unknown as { __memscope: PerfHooks }).__memscope = perfHooks;
