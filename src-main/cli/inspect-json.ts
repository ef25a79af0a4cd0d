// The --json record for one file: one line per file. Everything ModuleInfo has, except the
// per-function arrays (codeSizes, the name maps), which are summarised so a line stays small.
// Import, export and allocator types are written as text here (the form --json has always had,
// `"type": "(i32) -> i64"`), by the one type formatter.

import type { AllocatorFunction, AllocatorInfo, MemscopeError, ModuleInfo } from '../shared/dto.ts';
import { formatExternType, formatSignature } from '../shared/type-format.ts';

export function okRecord(file: string, info: ModuleInfo): string {
  const { size, kind, toolchain, allocator, allocatorGuess, codeSizes, names, imports, exports, memories, dataSegments, customSections, ...rest } = info;
  let codeSize = 0;
  for (const s of codeSizes) codeSize += s;
  return JSON.stringify({
    file,
    ok: true,
    size,
    kind,
    toolchain,
    allocator: allocator && allocatorText(allocator),
    ...(allocatorGuess ? { allocatorGuess: allocatorText(allocatorGuess) } : {}),
    imports: imports.map((i) => ({ ...i, type: formatExternType(i) })),
    exports: exports.map((e) => ({ ...e, type: formatExternType(e) })),
    memories,
    dataSegments,
    customSections,
    ...rest,
    codeSize,
    moduleName: names?.module ?? null,
    functionNames: names ? Object.keys(names.functions).length : 0,
  });
}

function allocatorText(a: AllocatorInfo): Record<string, unknown> {
  const text = (f: AllocatorFunction | null | undefined) => f && { ...f, type: formatSignature(f.type) };
  return { ...a, alloc: text(a.alloc), free: text(a.free), ...(a.pin ? { pin: text(a.pin) } : {}), ...(a.unpin ? { unpin: text(a.unpin) } : {}) };
}

export function errorRecord(file: string, error: MemscopeError, size: number | null): string {
  return JSON.stringify({ file, ok: false, error: { code: error.code, message: error.message, where: error.where ?? {} }, size });
}
