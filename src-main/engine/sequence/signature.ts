// Reads the signature text the module reader writes for functions: `(i32, i32) -> i64`,
// `() -> (i32, i32)`, `(i32)` or `(i32) -> ()` for no results.

import type { ValType } from '../../shared/dto.ts';

export interface Signature {
  params: ValType[];
  results: ValType[];
}

const VAL_TYPES: readonly string[] = ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref'];

function list(text: string | undefined): ValType[] | null {
  const inner = (text ?? '').trim().replace(/^\[|\]$/g, '').replace(/^\(|\)$/g, '').trim();
  if (inner === '') return [];
  const out: ValType[] = [];
  for (const part of inner.split(',')) {
    // Tolerate named params like `len: i32`.
    const word = part.trim().split(/[\s:]+/).pop() ?? '';
    if (!VAL_TYPES.includes(word)) return null;
    out.push(word as ValType);
  }
  return out;
}

/** The parsed signature, or null when the text is not a function signature. */
export function parseSignature(type: string): Signature | null {
  const m = /^\s*(\([^)]*\)|\[[^\]]*\])\s*(?:->\s*(.*?))?\s*$/.exec(type);
  if (!m) return null;
  const params = list(m[1]);
  const results = list(m[2]);
  return params && results ? { params, results } : null;
}

export function formatTypes(types: ValType[]): string {
  return `(${types.join(', ')})`;
}
