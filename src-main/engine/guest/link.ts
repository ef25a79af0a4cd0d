// Builds the import object (worker side) from the controller's plan: WASI functions, builtins,
// recording stubs, and defaults for imported memories, tables, globals and tags.

import type { FuncType, ModuleInfo } from '../../shared/dto.ts';
import { builtinFunction } from './builtins.ts';
import type { ImportContext } from './import-context.ts';
import type { HostFunction } from './host-call.ts';
import { importKey, WASI_UNSTABLE_MODULE, type ImportPlan } from '../protocol.ts';
import { stubFunction } from './stubs.ts';
import { hasMinifiedImports, MINIFIED_IMPORTS } from '../module/toolchain.ts';
import type { KnownTag } from './trap.ts';

export interface LinkInput {
  info: ModuleInfo;
  plan: ImportPlan;
  ctx: ImportContext;
  /** The wasi_snapshot_preview1 functions by name. */
  wasi: Record<string, unknown>;
  /** The wasi_unstable functions by name. */
  wasiUnstable: Record<string, unknown>;
  capPages: number;
}

export interface Linked {
  imports: WebAssembly.Imports;
  /** The memory we created for an imported memory, if the module imports one. */
  importedMemory: WebAssembly.Memory | null;
  /** The tags we created for imported ones, so an exception the guest lets escape can be read. */
  tags: KnownTag[];
}

export function linkImports(input: LinkInput): Linked {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  let importedMemory: WebAssembly.Memory | null = null;
  const tags: KnownTag[] = [];
  // Memories, tables and globals are index spaces with the imports first, so the n-th imported
  // memory is info.memories[n] (likewise tables and globals).
  const seen = { memory: 0, table: 0, global: 0 };
  for (const imp of input.info.imports) {
    // Bound by the module's own names: a minified Emscripten module's are not the ones its glue gives (ModuleInfo.namesFrom).
    const wire = imp.wire ?? imp;
    const ns = (imports[wire.module] ??= {});
    if (imp.kind === 'func') {
      ns[wire.name] = linkFunction(input, imp.module, imp.name, imp.type) as unknown as WebAssembly.ImportValue;
    } else if (imp.kind === 'memory') {
      const limits = input.info.memories[seen.memory++]!;
      const max = Math.min(limits.max ?? input.capPages, input.capPages);
      const memory = new WebAssembly.Memory({ initial: limits.min, maximum: Math.max(max, limits.min), shared: limits.shared } as WebAssembly.MemoryDescriptor);
      importedMemory ??= memory;
      ns[wire.name] = memory;
    } else if (imp.kind === 'table') {
      const table = input.info.tables[seen.table++]!;
      const descriptor: WebAssembly.TableDescriptor = { element: jsRefType(table.element) as WebAssembly.TableKind, initial: table.min };
      if (table.max !== null) descriptor.maximum = table.max;
      ns[wire.name] = new WebAssembly.Table(descriptor);
    } else if (imp.kind === 'global') {
      const global = input.info.globals[seen.global++]!;
      const value = jsRefType(global.type) as WebAssembly.ValueType;
      const zero = value === 'i64' ? 0n : value === 'anyfunc' || value === 'externref' ? null : 0;
      ns[wire.name] = new WebAssembly.Global({ value, mutable: global.mutable }, zero as never);
    } else if (imp.kind === 'tag') {
      // What a JavaScript host gives C++ built with -fwasm-exceptions (env.__cpp_exception) or
      // Emscripten's longjmp (env.__c_longjmp): a fresh tag of the declared type. Nothing of the
      // host's throws it; the guest throws and catches it itself.
      const tag = new WebAssembly.Tag({ parameters: imp.type.params as WebAssembly.ValueType[] });
      tags.push({ name: `${imp.module}.${imp.name}`, tag, params: imp.type.params });
      ns[wire.name] = tag;
    }
  }
  return { imports, importedMemory, tags };
}

/** The JS API spells the function reference type `anyfunc`. */
function jsRefType(type: string): string {
  return type === 'funcref' ? 'anyfunc' : type;
}

function linkFunction(input: LinkInput, module: string, name: string, signature: FuncType): HostFunction {
  const planned = input.plan[importKey(module, name)];
  if (planned?.binding === 'builtin' && planned.builtin) return builtinFunction(input.ctx, module, name, planned.builtin, signature);
  if (planned?.binding === 'wasi') {
    const fn = (module === WASI_UNSTABLE_MODULE ? input.wasiUnstable : input.wasi)[name];
    if (typeof fn === 'function') return fn as HostFunction;
  }
  // A stub's zeros would let the guest run on wrong (an invoke_* that calls nothing, an
  // allocation that returns NULL): a minified Emscripten import fails the call instead.
  const refused = hasMinifiedImports(input.info.imports) ? MINIFIED_IMPORTS : null;
  return stubFunction(input.ctx, module, name, signature, refused);
}
