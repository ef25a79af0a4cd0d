// Memory references as the Debug Adapter Protocol carries them: an address in guest linear
// memory written `0x…` (VS Code's memory view and hex editor echo it back, with an offset).

import { hexAddress } from '../shared/hex.ts';

export function memoryReference(address: number): string {
  return hexAddress(address);
}

/** The address a reference plus offset names, or null when it is not an address. */
export function parseMemoryReference(reference: string, offset = 0): number | null {
  const text = reference.trim();
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) return null;
  const address = Number(text) + offset;
  return Number.isSafeInteger(address) && address >= 0 ? address : null;
}
