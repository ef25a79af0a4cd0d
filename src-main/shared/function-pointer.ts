// What a C function pointer names. In wasm a function pointer holds a slot of table 0 (the
// module's `__indirect_function_table`), not an address in memory: `fn = addresses` stores 1.
// The module reader keeps which function each slot holds once instantiated
// (ModuleInfo.tableFunctions) and the name section names it, so `0x1` reads as gdb shows one:
// `0x1 <addresses>`. The debug adapter and the Statics panel both read values through this.

import type { ModuleInfo } from './dto.ts';
import type { Typed } from './static-values.ts';

/** What naming a slot needs from a module. */
export type FunctionSlots = Pick<ModuleInfo, 'tableFunctions' | 'names'>;

/**
 * Whether a value is a C function pointer, which holds a table slot. The DWARF reader says so
 * (functionPointer): its type's name does not when a typedef names it (`op_fn`).
 */
export function isFunctionPointer(part: Pick<Typed, 'functionPointer'>): boolean {
  return part.functionPointer === true;
}

/** The function table 0's `slot` holds as instantiated; null when no segment fills it or one holds no function known (ref.null). */
export function tableFunction(module: FunctionSlots | null | undefined, slot: number): number | null {
  const runs = module?.tableFunctions ?? [];
  // The last segment to fill a slot is the one instantiation leaves there.
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    if (slot >= run.slot && slot < run.slot + run.functions.length) return run.functions[slot - run.slot]!;
  }
  return null;
}

/**
 * `text`, a value of `part` holding table slot `slot` (its bytes as a pointer, pointerTarget),
 * with the name of the function that slot holds when it is a function pointer, as gdb shows one: `0x1 <addresses>`, `0x2 <function 6>`
 * without a name section. Any other value, a null pointer (slot 0 is never a function's in a
 * C build) and a slot no segment fills read as `text` alone.
 */
export function withFunctionName(text: string, part: Typed, slot: number | null, module: FunctionSlots | null | undefined): string {
  if (part.scalar !== 'pointer' || part.bits || !isFunctionPointer(part)) return text;
  const func = slot ? tableFunction(module, slot) : null;
  if (func === null) return text;
  return `${text} <${module?.names?.functions[func] ?? `function ${func}`}>`;
}
