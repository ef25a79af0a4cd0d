// Which known names a mistyped one is close to: the sequence language's suggestions ("unknown
// builtin 'mallco' (did you mean 'malloc'?)") and the CLI's ("unknown option --jsn (did you
// mean --json?)") use the same measure, so a typo is forgiven equally in both.

/** Names from `candidates` within a small edit distance of `name`, closest first. */
export function closeNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: [number, string][] = [];
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    const limit = Math.floor(Math.max(name.length, c.length) / 3);
    const contains = lower.length >= 3 && c.length >= 3 && (c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
    if (d <= limit || contains) scored.push([d, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, max).map(([, c]) => c);
}

/** Optimal string alignment distance: edits plus adjacent transpositions ('rte' → 'ret' is 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
