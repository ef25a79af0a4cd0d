// Milliseconds on a monotonic clock, for the durations the guest's thread measures (steps,
// calls, host calls, a run's flushes). Not performance.now(): the first use of the `performance`
// global in a thread loads node:perf_hooks and the nine modules behind it, measured at ~1.3 ms
// of CPU in a fresh worker, which every start of the guest's thread paid for this clock alone.

/** Milliseconds since an arbitrary origin, monotonic, sub-microsecond resolution. */
export function nowMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
