// `&name` in a sequence: which static variable of the module's DWARF (ModuleInfo.statics) a name
// means. A full name (`statics::inner::TABLE`, `calls::n`) or, when only one static has it, its
// last part (`TABLE`, `n`): C's globals have no prefix, Rust's carry their crate and modules.

import type { StaticVariable } from '../../shared/dto.ts';
import { partByPath, pathText } from '../../shared/statics.ts';
import type { Expr } from './ast.ts';
import { quoted, SequenceFault, suggestion } from './errors.ts';

function lastPart(name: string): string {
  const at = name.lastIndexOf('::');
  return at === -1 ? name : name.slice(at + 2);
}

/** The static `name` names, or what is wrong (no DWARF, no such static, several). */
export function findStatic(name: string, statics: readonly StaticVariable[] | undefined): StaticVariable | string {
  if (statics === undefined) return `${quoted(`&${name}`)} needs the module's debug info (DWARF), which names its static variables: build it with -g`;
  const exact = statics.find((v) => v.name === name);
  if (exact) return exact;
  const byLast = statics.filter((v) => lastPart(v.name) === name);
  if (byLast.length === 1) return byLast[0]!;
  if (byLast.length > 1) return `'&${name}' could be ${byLast.slice(0, 4).map((v) => `'&${v.name}'`).join(', ')}${byLast.length > 4 ? ', …' : ''}: say which`;
  const hint = suggestion(name, statics.map((v) => v.name)) || suggestion(name, statics.map((v) => lastPart(v.name)));
  return `the module's DWARF names no static variable ${quoted(name)}${hint}`;
}

/**
 * What evaluating a `&name` needs: the address of the static (or of the part its path names),
 * and its size for a watch of it. A path the static's DWARF layout does not have is what is
 * wrong, returned.
 */
export function placeStatic(e: Extract<Expr, { kind: 'static' }>, v: StaticVariable): string | undefined {
  const part = e.path ? partByPath(v, e.path) : { offset: 0, size: v.size };
  if (typeof part === 'string') return `${quoted(`&${e.name}${pathText(e.path!)}`)}: ${part}`;
  e.address = BigInt(v.address + part.offset);
  e.size = part.size;
  return undefined;
}

/** Gives each `&name` in `e` its address and size (an expression typed in the app or the DAP); throws SequenceFault at the first it cannot. */
export function resolveStatics(e: Expr, statics: readonly StaticVariable[] | undefined): void {
  switch (e.kind) {
    case 'static': {
      const v = findStatic(e.name, statics);
      const wrong = typeof v === 'string' ? v : placeStatic(e, v);
      if (wrong !== undefined) throw new SequenceFault('eval-error', wrong, e.span);
      return;
    }
    case 'field': return resolveStatics(e.object, statics);
    case 'unary': return resolveStatics(e.operand, statics);
    case 'binary':
      resolveStatics(e.left, statics);
      return resolveStatics(e.right, statics);
    default:
  }
}
