// The words for a step's import calls whose records ended with its worker (StepRecord.importsBeforeEnd),
// one text for the CLI and the call log.

import { count } from './count.ts';

/** "1500 import calls made before the worker was ended (their records ended with it)". */
export function importsBeforeEndText(made: number): string {
  return `${count(made, 'import call')} made before the worker was ended (their records ended with it)`;
}
