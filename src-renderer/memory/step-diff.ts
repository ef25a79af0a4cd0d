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

/** Most ranges listed at once; ↑ ↓ go through the rest (the list is rows of buttons). */
export const LIST_ROWS = 500;

/** The rows listed, [from, to): the block of LIST_ROWS holding the current range. */
export function listWindow(length: number, current: number): { from: number; to: number } {
  const at = Math.max(0, Math.min(current, length - 1));
  const from = at - (at % LIST_ROWS);
  return { from, to: Math.min(length, from + LIST_ROWS) };
}

/**
 * What the list leaves out, after it: the ranges not listed here (reached with ↑ ↓), and of a
 * file's diff the ranges the backend counted but did not send (`omitted`), which only the CLI lists.
 */
export function moreText(length: number, rows: { from: number; to: number }, omitted: number): string {
  const parts: string[] = [];
  const unlisted = length - (rows.to - rows.from);
  if (unlisted > 0) parts.push(`${unlisted} more not listed here (ranges ${rows.from + 1}–${rows.to} of ${length} shown; ↑ ↓ go through all ${length})`);
  if (omitted > 0) parts.push(`${omitted} more past the first ${length}, not sent: \`memscope snapshot --diff\` lists every range`);
  return parts.join('; ');
}
