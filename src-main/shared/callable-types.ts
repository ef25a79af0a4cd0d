// Which functions a sequence can call, by their type. It passes numbers (i32, i64, f32, f64) and
// has no way to write a reference (externref, funcref) or a v128; and the JS API throws a
// TypeError at any call of an export with a v128 in its signature, which a step reported as a
// guest trap. Shared: the engine refuses such a call (sequence/validate.ts) and leaves it out of a
// starter; the page offers no line for it (its editor hint, the module panel's click-to-insert).

import type { FuncType, ValType } from './dto.ts';

/** The value types a sequence value converts to (toWasmArg), and so the only ones it passes or binds. */
export const NUMBERS: readonly ValType[] = ['i32', 'i64', 'f32', 'f64'];

/** Why a sequence cannot call a function of this type (`takes a v128, …`), or null when it can. */
export function uncallable(type: FuncType): string | null {
  const param = type.params.find((t) => !NUMBERS.includes(t));
  if (param) return `takes ${param === 'externref' ? 'an' : 'a'} ${param}, which a sequence cannot pass (it passes numbers: i32, i64, f32, f64)`;
  if (type.results.includes('v128')) return 'returns a v128, which JavaScript cannot receive from WebAssembly (the JS API refuses any call of it)';
  return null;
}
