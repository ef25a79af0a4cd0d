// The --json record for one file: one line per file. Everything ModuleInfo has, except the
// per-function arrays (codeSizes, the name maps), which are summarised so a line stays small.

import type { MemscopeError, ModuleInfo } from '../shared/dto.ts';

export function okRecord(file: string, info: ModuleInfo): string {
  const { size, kind, toolchain, allocator, codeSizes, names, imports, exports, memories, dataSegments, customSections, ...rest } = info;
  let codeSize = 0;
  for (const s of codeSizes) codeSize += s;
  return JSON.stringify({
    file,
    ok: true,
    size,
    kind,
    toolchain,
    allocator,
    imports,
    exports,
    memories,
    dataSegments,
    customSections,
    ...rest,
    codeSize,
    moduleName: names?.module ?? null,
    functionNames: names ? Object.keys(names.functions).length : 0,
  });
}

export function errorRecord(file: string, error: MemscopeError, size: number | null): string {
  return JSON.stringify({ file, ok: false, error: { code: error.code, message: error.message, where: error.where ?? {} }, size });
}
