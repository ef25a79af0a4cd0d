// A module with a linear memory it neither exports nor imports: the host has no handle on it (the
// JS API reaches a memory only through an export or an import), so nothing can read or write it.
// The engine then hosts an empty placeholder; these words say why instead of "0 bytes".

import type { ModuleInfo } from './dto.ts';

export function hidesMemory(info: Pick<ModuleInfo, 'memories' | 'exports' | 'imports'>): boolean {
  return info.memories.length > 0 && !info.exports.some((e) => e.kind === 'memory') && !info.imports.some((i) => i.kind === 'memory');
}

/** Why a read or write cannot reach it, and the fix. */
export const HIDDEN_MEMORY_TEXT = 'the module\'s memory is neither exported nor imported, so the host cannot reach it: '
  + 'export it (`(export "memory" (memory 0))`, wasm-ld --export-memory) to look inside';
