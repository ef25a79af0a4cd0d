// What an edit of the sequence does to the run so far: the steps that ran and are still the first
// steps of the edited text are replayed (so adding a note or a step below keeps them); an edit
// to a step that ran restarts the run, which the editor says before it happens.

import { DIRECTIVES } from '../../src-main/shared/directive-names.ts';
import { sequenceLines } from '../../src-main/shared/sequence-text.ts';

export interface StepText {
  /** 1-based line. */
  line: number;
  /** The statement: the line trimmed, without its comment. */
  text: string;
}

/** A line's statement: trimmed, up to a `#` outside a string ("…", with backslash escapes). */
export function statementOf(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted) return line.slice(0, i).trim();
  }
  return line.trim();
}

/**
 * The step lines of `text` with their statements: exact when the engine's `stepLines` are given,
 * else a guess (every statement that is not a directive) for warning before the edit is parsed.
 */
export function stepTexts(text: string, stepLines?: readonly number[]): StepText[] {
  const lines = sequenceLines(text);
  if (stepLines) return stepLines.map((line) => ({ line, text: statementOf(lines[line - 1] ?? '') }));
  const out: StepText[] = [];
  lines.forEach((l, i) => {
    const s = statementOf(l);
    if (s !== '' && !DIRECTIVES.includes(/^[a-z_]+/.exec(s)?.[0] ?? '')) out.push({ line: i + 1, text: s });
  });
  return out;
}

/** How many of the steps that ran (their statements, in order) the edited steps still begin with. */
export function keptSteps(ran: readonly { source: string }[], edited: readonly StepText[]): number {
  let k = 0;
  while (k < ran.length && k < edited.length && edited[k].text === ran[k].source.trim()) k++;
  return k;
}

export interface EditPlan {
  /** Steps that ran and will be replayed after the edit is applied. */
  kept: number;
  /** Steps that ran before the edit. */
  ran: number;
  /** The first line whose step ran and changed (null when none did or it was removed). */
  changedLine: number | null;
}

/** What applying `text` does to a run that has executed `ran`. */
export function planEdit(ran: readonly { source: string }[], text: string): EditPlan {
  const edited = stepTexts(text);
  const kept = keptSteps(ran, edited);
  return { kept, ran: ran.length, changedLine: kept < ran.length ? (edited[kept]?.line ?? null) : null };
}
