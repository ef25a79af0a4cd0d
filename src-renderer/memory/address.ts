// Address text in and out: parse what a person types into goto (hex, decimal or a name), format addresses.

import type { BoundValue, Region } from '../../src-main/shared/dto.ts';

/**
 * Parses a plain address: `0x1f40` (hex), `8000` (decimal), or bare hex with a letter (`1f40`,
 * `ff`) unless `isName` says the text is a bound name. Returns null for anything else (the caller
 * then asks the engine to evaluate it as an expression) and for values outside 0..2^53.
 */
export function parseAddress(text: string, isName: (s: string) => boolean = () => false): number | null {
  const t = text.trim().replace(/_/g, '');
  if (t === '') return null;
  let value: number;
  if (/^0x[0-9a-f]+$/i.test(t)) value = parseInt(t.slice(2), 16);
  else if (/^[0-9]+$/.test(t)) value = parseInt(t, 10);
  else if (/^[0-9a-f]+$/i.test(t) && !isName(t)) value = parseInt(t, 16);
  else return null;
  return Number.isSafeInteger(value) ? value : null;
}

/** Hex digits an address column needs: 8 up to 4 GiB, more beyond (memory64). */
export function addressDigits(memorySize: number): number {
  let digits = 8;
  while (memorySize > 16 ** digits) digits++;
  return digits;
}

/** `0x0010fff0`-style address, zero padded to `digits`. Safe above 2^31 (no bitwise ops). */
export function formatAddress(address: number, digits = 8): string {
  return '0x' + address.toString(16).padStart(digits, '0');
}

/**
 * The address a bare name stands for, as the CLI's `snapshot --dump NAME` reads it: the newest
 * region of that name (an allocation, a struct or text that was read), else a bound text or
 * bytes value's address. Null when the text is not such a name (then it is an expression).
 */
export function namedAddress(
  text: string,
  regions: readonly Pick<Region, 'name' | 'start' | 'createdStep'>[],
  bindings: Record<string, BoundValue>,
): number | null {
  const name = text.trim();
  if (!/^[A-Za-z_][\w.]*$/.test(name)) return null;
  let found: Pick<Region, 'start' | 'createdStep'> | null = null;
  for (const r of regions) if (r.name === name && (!found || r.createdStep >= found.createdStep)) found = r;
  if (found) return found.start;
  const bound = Object.hasOwn(bindings, name) ? bindings[name] : undefined;
  return bound && (bound.kind === 'text' || bound.kind === 'bytes') ? bound.address : null;
}
