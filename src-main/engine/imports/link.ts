// Builds the import object (worker side) from the controller's plan: WASI functions, builtins,
// recording stubs, and defaults for imported memories, tables and globals.

import type { ModuleInfo } from '../../shared/dto.ts';
import type { ImportDesc } from '../runtime/wasm-binary.ts';
import { builtinFunction } from './builtins.ts';
import type { HostFunction, ImportContext } from './context.ts';
import { importKey, type ImportPlan } from './plan.ts';
import { stubFunction } from './stubs.ts';

export interface LinkInput {
  info: ModuleInfo;
  plan: ImportPlan;
  /** Binary descriptions of the imports, in order (for memory/table/global limits). */
  descs: ImportDesc[];
  ctx: ImportContext;
  /** The wasi_snapshot_preview1 functions by name. */
  wasi: Record<string, unknown>;
  capPages: number;
}

export interface Linked {
  imports: WebAssembly.Imports;
  /** The memory we created for an imported memory, if the module imports one. */
  importedMemory: WebAssembly.Memory | null;
}

export function linkImports(input: LinkInput): Linked {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  let importedMemory: WebAssembly.Memory | null = null;
  input.info.imports.forEach((imp, i) => {
    const ns = (imports[imp.module] ??= {});
    const desc = input.descs[i];
    if (imp.kind === 'func') {
      ns[imp.name] = linkFunction(input, imp.module, imp.name, imp.type) as unknown as WebAssembly.ImportValue;
    } else if (desc?.kind === 'memory') {
      const max = Math.min(desc.limits.max ?? input.capPages, input.capPages);
      const memory = new WebAssembly.Memory({ initial: desc.limits.min, maximum: Math.max(max, desc.limits.min), shared: desc.limits.shared } as WebAssembly.MemoryDescriptor);
      importedMemory ??= memory;
      ns[imp.name] = memory;
    } else if (desc?.kind === 'table') {
      const descriptor: WebAssembly.TableDescriptor = { element: desc.element, initial: desc.limits.min };
      if (desc.limits.max !== null) descriptor.maximum = desc.limits.max;
      ns[imp.name] = new WebAssembly.Table(descriptor);
    } else if (desc?.kind === 'global') {
      const value = desc.value as WebAssembly.ValueType;
      const zero = value === 'i64' ? 0n : value === 'anyfunc' || value === 'externref' ? null : 0;
      ns[imp.name] = new WebAssembly.Global({ value, mutable: desc.mutable }, zero as never);
    }
  });
  return { imports, importedMemory };
}

function linkFunction(input: LinkInput, module: string, name: string, signature: string): HostFunction {
  const planned = input.plan[importKey(module, name)];
  if (planned?.binding === 'builtin' && planned.builtin) return builtinFunction(input.ctx, module, name, planned.builtin);
  if (planned?.binding === 'wasi') {
    const fn = input.wasi[name];
    if (typeof fn === 'function') return fn as HostFunction;
  }
  return stubFunction(input.ctx, module, name, signature);
}
