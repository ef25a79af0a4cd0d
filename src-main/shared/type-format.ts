// The one place wasm types become text, for the CLI, the renderer, the starter sequence and
// error messages alike (types travel as structure; each edge formats them here):
//   (i32, i32) -> i64          function, one result: bare
//   (i32) -> ()                no results: empty parentheses
//   (i32, i32) -> (i32, i32)   several results (multi-value): parenthesised list
//   2..16 pages, shared        memory (min..max in 64 KiB pages; `2..` when there is no max)
//   funcref 1..                table
//   mut i64                    global (`i64` when immutable)

import type { ExternType, FuncType, GlobalType, MemoryInfo, TableInfo, ValType } from './dto.ts';

/** `(i32, i64)`: a parameter or result list. */
export function formatValTypes(types: readonly ValType[]): string {
  return `(${types.join(', ')})`;
}

export function formatSignature(type: FuncType): string {
  const results = type.results.length === 1 ? type.results[0]! : formatValTypes(type.results);
  return `${formatValTypes(type.params)} -> ${results}`;
}

export function formatMemoryType(m: MemoryInfo): string {
  return `${m.min}..${m.max ?? ''} pages${m.shared ? ', shared' : ''}${m.memory64 ? ', 64-bit' : ''}`;
}

export function formatTableType(t: TableInfo): string {
  return `${t.element} ${t.min}..${t.max ?? ''}`;
}

export function formatGlobalType(g: GlobalType): string {
  return g.mutable ? `mut ${g.type}` : g.type;
}

/** The compact type text of an import or export, by its kind. */
export function formatExternType(e: ExternType): string {
  switch (e.kind) {
    case 'func':
    case 'tag':
      return formatSignature(e.type);
    case 'memory':
      return formatMemoryType(e.type);
    case 'table':
      return formatTableType(e.type);
    case 'global':
      return formatGlobalType(e.type);
  }
}
