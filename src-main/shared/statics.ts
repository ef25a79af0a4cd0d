// Static variables DWARF names (ModuleInfo.statics, read by engine/module/dwarf): which one holds
// an address, and how Memscope says so, the same in the CLI, the heap report and the app.

import type { StaticVariable } from './dto.ts';

/**
 * The static variable holding `address` (the nearest one starting at or below it whose size
 * covers it; a variable of unknown size covers its first byte only), or null. `statics` is in
 * address order.
 */
export function staticAt(statics: readonly StaticVariable[], address: number): StaticVariable | null {
  let lo = 0;
  let hi = statics.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (statics[mid]!.address <= address) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Several may start at or below it (a zero-sized one among them): a few back, the nearest that covers it.
  for (let i = best; i >= 0 && i > best - 8; i--) {
    const v = statics[i]!;
    if (address < v.address + Math.max(1, v.size ?? 1)) return v;
  }
  return null;
}

/**
 * The statics with those of the program's own files first: the shortest source paths (`kv.c`,
 * `src/lib.rs`) before a libc's and Rust's std (`libc-top-half/musl/src/stdio/stdout.c`);
 * otherwise in address order. For lists people read; lookups want address order.
 */
export function ownStaticsFirst(statics: readonly StaticVariable[]): StaticVariable[] {
  const depth = (v: StaticVariable) => (v.unit ?? '').split('/').length;
  return [...statics].sort((a, b) => depth(a) - depth(b) || a.address - b.address);
}

/** "the static table (pair *)", "the static app::names (vector<…>), 4 bytes in": where `address` lies in `v`. */
export function staticPlace(v: Pick<StaticVariable, 'name' | 'type' | 'address'>, address: number): string {
  const offset = address - v.address;
  return `the static ${v.name}${v.type ? ` (${shortType(v.type)})` : ''}${offset > 0 ? `, ${offset} byte${offset === 1 ? '' : 's'} in` : ''}`;
}

/** Past this many characters a type's template arguments read as `<…>`: libc++'s map<…> spells out 300. */
const LONG_TYPE = 48;

/** `vector<…>` for `vector<std::__2::basic_string<char, …>, …>`; a short type as it is. */
export function shortType(type: string): string {
  const open = type.indexOf('<');
  if (type.length <= LONG_TYPE || open === -1) return type;
  let depth = 0;
  for (let i = open; i < type.length; i++) {
    if (type[i] === '<') depth++;
    else if (type[i] === '>' && --depth === 0) return `${type.slice(0, open)}<…>${shortType(type.slice(i + 1))}`;
  }
  return type;
}
