// Comparing function types (their text form is shared/type-format.ts's formatSignature).

import type { FuncType, ValType } from '../../shared/dto.ts';

export type { FuncType };

/** True when `type` has exactly these parameter and result types. */
export function hasSignature(type: FuncType | undefined, params: readonly ValType[], results: readonly ValType[]): boolean {
  if (!type) return false;
  return sameList(type.params, params) && sameList(type.results, results);
}

function sameList(a: readonly ValType[], b: readonly ValType[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
