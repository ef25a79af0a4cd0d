// What the goto box means: a plain address (hex, decimal), a region or bound name, or else an
// expression the session evaluates (`s.ptr + 4`); an address outside memory is an error that says
// where memory ends.

import type { BoundValue, Region } from '../../src-main/shared/dto.ts';
import { namedAddress, parseAddress } from './address.ts';
import { hexAddress } from '../../src-main/shared/hex.ts';

export type GotoResult = { address: number } | { error: string } | null;

/** `evaluate` asks the session; it answers a decimal string or an error message. */
export async function resolveGoto(
  text: string,
  memorySize: number,
  regions: readonly Region[],
  bindings: Record<string, BoundValue>,
  evaluate: (expression: string) => Promise<{ value: string } | { error: string }>,
): Promise<GotoResult> {
  const isName = (s: string) => s in bindings || regions.some((r) => r.name === s);
  let address = parseAddress(text, isName);
  if (address === null && text.trim() === '') return null;
  address ??= namedAddress(text, regions, bindings);
  if (address === null) {
    const r = await evaluate(text.trim());
    if ('error' in r) return { error: r.error };
    address = Number(r.value);
  }
  if (!Number.isSafeInteger(address) || address < 0) return { error: `${address} is not an address` };
  // In hex, as the grid's addresses are, with the decimal beside it (the box takes either).
  if (address >= memorySize) return { error: `${hexAddress(address)} (${address}) is outside memory (0x0 … ${hexAddress(memorySize - 1)}, ${memorySize} bytes)` };
  return { address };
}
