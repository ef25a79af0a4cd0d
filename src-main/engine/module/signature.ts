// Function types and their text form, the one way signatures are written everywhere:
//   (i32, i32) -> i64        one result: bare
//   (i32) -> ()              no results: empty parentheses
//   () -> ()                 no parameters, no results
//   (i32, i32) -> (i32, i32) several results (multi-value): parenthesised list

import type { ValType } from '../../shared/dto.ts';

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export function formatSignature(type: FuncType): string {
  const params = `(${type.params.join(', ')})`;
  const results = type.results.length === 1 ? type.results[0]! : `(${type.results.join(', ')})`;
  return `${params} -> ${results}`;
}

/** True when `type` has exactly these parameter and result types. */
export function hasSignature(type: FuncType | undefined, params: ValType[], results: ValType[]): boolean {
  if (!type) return false;
  return sameList(type.params, params) && sameList(type.results, results);
}

function sameList(a: ValType[], b: ValType[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
