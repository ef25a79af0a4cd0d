// Decides how every import is bound (controlling side), before the worker instantiates:
// WASI for wasi_snapshot_preview1, a builtin when configured (or AssemblyScript's env.abort /
// env.trace), defaults for memories/tables/globals, and a recording stub for anything else.

import type { ImportInfo, MemscopeError, ModuleInfo, Result } from '../../shared/dto.ts';
import { formatExternType } from '../../shared/type-format.ts';
import type { Directive } from '../sequence/ast.ts';
import {
  BUILTIN_NAMES, importKey, isGoRuntimeImport, isTempRetImport, isEmscriptenRuntimeImport, isWasiModule, type BuiltinName, type ImportPlan, type PlannedBinding,
} from '../protocol.ts';

const AS_AUTO: Record<string, BuiltinName> = { 'env.abort': 'abort', 'env.trace': 'trace' };

export function planImports(
  info: ModuleInfo,
  importBindings: Record<string, string>,
  strict: boolean,
): Result<ImportPlan> {
  for (const [key, builtin] of Object.entries(importBindings)) {
    if (!(BUILTIN_NAMES as readonly string[]).includes(builtin)) {
      return fail('usage', `import ${key} = ${builtin}: unknown builtin; use one of ${BUILTIN_NAMES.join(', ')}`);
    }
  }
  const plan: ImportPlan = {};
  const unresolved: string[] = [];
  for (const imp of info.imports) {
    const key = importKey(imp.module, imp.name);
    const planned = planOne(imp, info, importBindings);
    if (planned.binding === 'stub') unresolved.push(`${key} ${formatExternType(imp)}`);
    plan[key] = planned;
  }
  if (strict && unresolved.length > 0) {
    return fail('link-error',
      `unresolved import${unresolved.length > 1 ? 's' : ''}: ${unresolved.join('; ')} ` +
      `(bind with \`import module.name = <builtin>\`, or turn strict imports off to stub them)`);
  }
  return { ok: true, value: plan };
}

function planOne(imp: ImportInfo, info: ModuleInfo, bindings: Record<string, string>): PlannedBinding {
  if (imp.kind !== 'func') return { binding: 'default' };
  const key = importKey(imp.module, imp.name);
  const configured = bindings[key];
  if (configured) return { binding: 'builtin', builtin: configured as BuiltinName };
  if (isWasiModule(imp.module)) return { binding: 'wasi' };
  if (isGoRuntimeImport(imp.module, imp.name)) return { binding: 'builtin', builtin: 'gojs' };
  if (isTempRetImport(imp.module, imp.name)) return { binding: 'builtin', builtin: 'tempret' };
  if (isEmscriptenRuntimeImport(imp.module, imp.name)) return { binding: 'builtin', builtin: 'emscripten' };
  const auto = AS_AUTO[key];
  if (auto && info.toolchain.name === 'assemblyscript') return { binding: 'builtin', builtin: auto };
  return { binding: 'stub' };
}

/** The module's imports with `binding` (and `builtin`) filled in, for the ModuleInfo a session exposes. */
export function annotateImports(info: ModuleInfo, plan: ImportPlan): ModuleInfo {
  const imports = info.imports.map((imp) => {
    const planned = plan[importKey(imp.module, imp.name)];
    if (!planned) return imp;
    return planned.builtin ? { ...imp, binding: planned.binding, builtin: planned.builtin } : { ...imp, binding: planned.binding };
  });
  return { ...info, imports };
}

function fail(code: MemscopeError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * The module's imports annotated as a session would bind them with these `import` bindings and
 * strict imports off: what `memscope inspect` shows, from the planner the runtime uses.
 */
export function planModuleImports(info: ModuleInfo, importBindings: Record<string, string> = {}): Result<ModuleInfo> {
  const plan = planImports(info, importBindings, false);
  return plan.ok ? { ok: true, value: annotateImports(info, plan.value) } : plan;
}

/** `module.name` → builtin, from a sequence's `import` directives. */
export function importBindingsOf(directives: readonly Directive[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of directives) if (d.kind === 'import') out[importKey(d.module, d.name)] = d.builtin;
  return out;
}
