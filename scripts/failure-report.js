// The part of a failed stage's output worth repeating at the end of `npm test`: vitest's
// "Failed Tests" / "Unhandled Errors" sections through its summary, else the output's last
// lines. Colour codes are dropped (they are noise in a CI log's tail).

const MAX_LINES = 150;
const TAIL_LINES = 40;
// vitest's section banner: a rule of "⎯" around the section's name.
const SECTION = /⎯{3,}\s*(Failed Tests|Unhandled Errors?|Failed Suites)\b/;

/** @param {string} output the stage's stdout and stderr, in arrival order */
export function failureReport(output) {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').trimEnd().split('\n');
  const start = lines.findIndex((line) => SECTION.test(line));
  if (start < 0) return lines.slice(-TAIL_LINES).join('\n').trim();
  const end = lines.findIndex((line, i) => i > start && /^\s*Test Files\b/.test(line));
  const section = lines.slice(start, end < 0 ? undefined : end);
  const cut = section.length - MAX_LINES;
  return (cut > 0 ? [...section.slice(0, MAX_LINES), `… ${cut} more lines: in the stage's output above`] : section).join('\n').trim();
}
