// Diffing the memory after two steps: the step records say where bytes may differ (every change
// of the steps in between); reading both sides there and comparing gives the exact ranges (a
// byte written and written back is not a difference), as `memscope snapshot --diff` reports.

/** Coalesced [start, end) ranges changed by the steps after `from` up to and including `to`. */
export function candidateRanges(steps: readonly { changes: readonly (readonly [number, number])[] }[], from: number, to: number): [number, number][] {
  const all: [number, number][] = [];
  for (let i = Math.min(from, to) + 1; i <= Math.max(from, to); i++) for (const [a, b] of steps[i]?.changes ?? []) all.push([a, b]);
  all.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The exact differing ranges, given both sides' bytes at `start` (missing bytes count as zero). */
export function differingRanges(start: number, a: Uint8Array, b: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  const n = Math.max(a.length, b.length);
  let open = -1;
  for (let i = 0; i <= n; i++) {
    const differs = i < n && (a[i] ?? 0) !== (b[i] ?? 0);
    if (differs && open < 0) open = i;
    else if (!differs && open >= 0) {
      out.push([start + open, start + i]);
      open = -1;
    }
  }
  return out;
}
