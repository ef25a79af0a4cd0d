// What each sequence name is bound to in the Go and Rust programs, which declare typed variables
// (the JavaScript program needs no types; it tracks only the f32s, js.ts F32Width), and the
// questions both emitters ask of an expression over those names.

import type { Expr } from '../engine/index.ts';
import type { Leaf } from './names.ts';

/** f32: a float from an f32 (a result, a read, a copy of one), shown and compared as an f32 as run does (BoundValue float `bits`). */
export type Kind = { kind: 'int' | 'text' | 'bytes' } | { kind: 'float'; f32?: true } | { kind: 'struct'; fields: Leaf[] };

/** A name's Kind as the steps so far bound it; undefined when unbound. */
export type KindOf = (name: string) => Kind | undefined;

/** `s.in.x`: the leaf field `in.x` of the struct bound as s (its variable s_in_x); undefined when e is none. */
export function fieldLeaf(e: Expr, kindOf: KindOf): Leaf | undefined {
  let root = e;
  const path: string[] = [];
  while (root.kind === 'field') { path.unshift(root.field); root = root.object; }
  const k = root.kind === 'name' && path.length > 0 ? kindOf(root.name) : undefined;
  return k?.kind === 'struct' ? k.fields.find((f) => f.label === path.join('.')) : undefined;
}

/**
 * Whether e is a name, or a struct field, bound from an f32 (expr.ts namesF32 in run): shown as
 * an f32, compared with a number as f32s, and a plain copy of it (`w = z`) is one too.
 */
export function namesF32(e: Expr, kindOf: KindOf): boolean {
  if (e.kind === 'field') return fieldLeaf(e, kindOf)?.type === 'f32';
  const k = e.kind === 'name' ? kindOf(e.name) : undefined;
  return k?.kind === 'float' && k.f32 === true;
}

/**
 * The leaves of a struct binding or of a struct inside one (`s.in`), each with the variable it is
 * copied from (`variable(s)` + `_in_x`, as the program declared it); null when e names no struct.
 */
export function structCopy(e: Expr, kindOf: KindOf, variable: (name: string) => string): [Leaf, string][] | null {
  let root = e;
  const path: string[] = [];
  while (root.kind === 'field') { path.unshift(root.field); root = root.object; }
  const k = root.kind === 'name' ? kindOf(root.name) : undefined;
  if (root.kind !== 'name' || k?.kind !== 'struct') return null;
  const label = path.length ? `${path.join('.')}.` : '';
  const prefix = path.length ? `${path.join('_')}_` : '';
  const inner = k.fields.filter((f) => f.label.startsWith(label));
  const from = variable(root.name);
  return inner.length ? inner.map((f) => [{ ...f, path: f.path.slice(prefix.length), label: f.label.slice(label.length) }, `${from}_${f.path}`]) : null;
}
