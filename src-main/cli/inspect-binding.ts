// How the runtime is expected to satisfy an import, shown by `inspect` so a user knows before
// loading: WASI preview1 functions by the WASI host, AssemblyScript's abort/trace and the
// print builtins by builtins, other functions by recording stubs, other kinds by defaults.

import type { ImportBinding, ImportInfo, ModuleInfo } from '../shared/dto.ts';

const BUILTINS = new Set(['print_utf8', 'print_utf16']);

export function expectedBinding(i: ImportInfo, info: ModuleInfo): ImportBinding {
  if (i.kind !== 'func') return 'default';
  if (i.module === 'wasi_snapshot_preview1') return 'wasi';
  if (BUILTINS.has(i.name)) return 'builtin';
  if (info.toolchain.name === 'assemblyscript' && i.module === 'env' && (i.name === 'abort' || i.name === 'trace')) return 'builtin';
  return 'stub';
}
