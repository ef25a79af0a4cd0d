// Decides how every import is bound (controlling side), before the worker instantiates:
// WASI for wasi_snapshot_preview1, a builtin when configured (or AssemblyScript's env.abort /
// env.trace), defaults for memories/tables/globals, and a recording stub for anything else.

import type { ImportInfo, MemscopeError, ModuleInfo, Result } from '../../shared/dto.ts';
import { formatExternType } from '../../shared/type-format.ts';
import type { Directive } from '../sequence/ast.ts';
import { unknownBuiltinMessage } from '../sequence/validate.ts';
import {
  BUILTIN_NAMES, importKey, isGoRuntimeImport, isTempRetImport, isEmscriptenRuntimeImport, isWasiModule, type BuiltinName, type ImportPlan, type PlannedBinding,
} from '../protocol.ts';

const AS_AUTO: Record<string, BuiltinName> = { 'env.abort': 'abort', 'env.trace': 'trace' };

/**
 * How each import is bound. A binding to a name that is no builtin binds nothing (the import is
 * planned as if none were named, and strict mode does not count it as unresolved): the sequence
 * validator reports one from an `import` line at its line:column, and unknownBuiltin one given
 * elsewhere (Session.open's config, memscope inspect). Refused here, it hid the validator's
 * located errors behind "usage: import env.log = printf: unknown builtin", said of the module.
 */
export function planImports(
  info: ModuleInfo,
  importBindings: Record<string, string>,
  strict: boolean,
): Result<ImportPlan> {
  const plan: ImportPlan = {};
  const unresolved: string[] = [];
  for (const imp of info.imports) {
    const key = importKey(imp.module, imp.name);
    const planned = planOne(imp, info, importBindings);
    if (planned.binding === 'stub' && !(key in importBindings)) unresolved.push(`${key} ${formatExternType(imp)}`);
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
  if (configured && isBuiltin(configured)) return { binding: 'builtin', builtin: configured };
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

function isBuiltin(name: string): name is BuiltinName {
  return (BUILTIN_NAMES as readonly string[]).includes(name);
}

/**
 * A refusal of the first binding to a name that is no builtin, for bindings that reach a planner
 * with no sequence line to locate them at (an `import` line's is the validator's to report);
 * `what` names them in the message: `import env.log = printf: unknown builtin 'printf' …`.
 */
export function unknownBuiltin(importBindings: Record<string, string>, what = 'import'): Result<never> | null {
  const bad = Object.entries(importBindings).find(([, builtin]) => !isBuiltin(builtin));
  return bad ? fail('usage', `${what} ${bad[0]} = ${bad[1]}: ${unknownBuiltinMessage(bad[1])}`) : null;
}

/**
 * The module's imports annotated as a session would bind them with these `import` bindings and
 * strict imports off: what `memscope inspect` shows, from the planner the runtime uses.
 */
export function planModuleImports(info: ModuleInfo, importBindings: Record<string, string> = {}): Result<ModuleInfo> {
  const unknown = unknownBuiltin(importBindings);
  if (unknown) return unknown;
  const plan = planImports(info, importBindings, false);
  return plan.ok ? { ok: true, value: annotateImports(info, plan.value) } : plan;
}

/** `module.name` → builtin, from a sequence's `import` directives. */
export function importBindingsOf(directives: readonly Directive[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of directives) if (d.kind === 'import') out[importKey(d.module, d.name)] = d.builtin;
  return out;
}
