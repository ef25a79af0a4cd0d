// The Session is composed, not layered (issue 7: one owner per fact): its parts are plain
// classes that get narrow views of SessionCore, so no session file subclasses another or shares
// state through `protected`; a fact's owner is found in one file.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const parts = readdirSync(here).filter((f) => /^session.*\.ts$/.test(f) && !f.endsWith('.test.ts'));

describe('the session parts', () => {
  it('are found (the check is not vacuous)', () => {
    expect(parts).toEqual(expect.arrayContaining(['session.ts', 'session-core.ts', 'session-calls.ts', 'session-replay.ts']));
  });

  it('neither extend one another nor share protected state', () => {
    const layered = parts.flatMap((f) => readFileSync(`${here}/${f}`, 'utf8').split('\n')
      .filter((line) => /\bclass\s+\w+\s+extends\b|\bprotected\b|\babstract\s+class\b/.test(line))
      .map((line) => `${f}: ${line.trim()}`));
    expect(layered).toEqual([]);
  });
});
