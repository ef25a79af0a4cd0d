// What the goto box means: a plain address (hex, decimal), a region or bound name, or else an
// expression the session evaluates (`s.ptr + 4`); an address outside memory is an error that says
// where memory ends.

import type { BoundValue, Region } from '../../src-main/shared/dto.ts';
import { namedAddress, parseAddress } from './address.ts';
import { hexAddress } from '../../src-main/shared/hex.ts';

export type GotoResult = { address: number } | { error: string } | null;

/** The bound names: `live` now, `shown` as of the step the grid shows (the same object when live). */
export interface GotoNames {
  live: Record<string, BoundValue>;
  shown: Record<string, BoundValue>;
}

/**
 * `evaluate` asks the session, over the names as of the step shown; it answers a decimal string or
 * an error message, with the column (1-based, in the text it was given) where the error is when
 * the session names one. `regions` are those of the step shown.
 */
export async function resolveGoto(
  text: string,
  memorySize: number,
  regions: readonly Region[],
  names: GotoNames,
  evaluate: (expression: string) => Promise<{ value: string } | { error: string; column?: number }>,
): Promise<GotoResult> {
  // Any name the session knows is a name, not bare hex (`ab`), even where a later step binds it:
  // then the session says so rather than the grid jumping to 0xab.
  const isName = (s: string) => s in names.live || regions.some((r) => r.name === s);
  let address = parseAddress(text, isName);
  if (address === null && text.trim() === '') return null;
  address ??= namedAddress(text, regions, names.shown);
  if (address === null) {
    const expression = text.trim();
    const r = await evaluate(expression);
    if ('error' in r) {
      // The session's message said what was wrong but not where ("expected a number …, found
      // end of line"): name the column, counted in the box as typed (leading blanks included).
      if (r.column === undefined) return { error: r.error };
      return { error: `column ${r.column + text.indexOf(expression)}: ${r.error}` };
    }
    address = Number(r.value);
  }
  if (!Number.isSafeInteger(address) || address < 0) return { error: `${address} is not an address` };
  // In hex, as the grid's addresses are, with the decimal beside it (the box takes either).
  if (address >= memorySize) return { error: outsideMemory(address, memorySize) };
  return { address };
}

/**
 * An address past the end of memory, in words (Go to, a jump to a bookmark or a pointer made
 * after a grow, the inspector's selection after a step back): in hex, as the grid's addresses
 * are, with the decimal beside it (Go to's box takes either), and where memory ends.
 */
export function outsideMemory(address: number, memorySize: number): string {
  const range = memorySize > 0 ? `0x0 … ${hexAddress(memorySize - 1)}, ${memorySize} bytes` : 'none';
  return `${hexAddress(address)} (${address}) is outside memory (${range})`;
}
