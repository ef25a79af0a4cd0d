// Host code export: a sequence and its module in, the source of a host program out, in the
// language asked for. Errors are messages naming the file and place.

import {
  annotateImports, directivesToConfig, formatSourceError, hasMinifiedImports, inspectBytes, isEmscriptenUnwindImport,
  isGoModule, isGoSyscallJsImport, parseSequence, planImports, resolveSequenceStatics, validateSequence, withDeclaredAllocator,
} from '../engine/index.ts';
import { exportJs } from './js.ts';
import { exportRust } from './rust.ts';
import { exportGo } from './go.ts';
import { HostPlan } from './plan.ts';
import { hostSetup } from './setup.ts';
import type { MemscopeError, ModuleInfo } from '../shared/dto.ts';

export const HOST_LANGUAGES = ['js', 'rust', 'go'] as const;
export type HostLanguage = (typeof HOST_LANGUAGES)[number];

export interface ExportHostInput {
  language: HostLanguage;
  sequenceText: string;
  sequenceFile: string;
  moduleBytes: Uint8Array;
  moduleFile: string;
  /** Where the program will be written: its paths are relative to this directory. */
  outDir: string;
  deterministic?: boolean;
}

/** `env.memory` when the module's memory is imported and no memory is exported; else null. */
function importedOnlyMemory(info: ModuleInfo): string | null {
  const imported = info.imports.find((i) => i.kind === 'memory');
  return imported && !info.exports.some((e) => e.kind === 'memory') ? `${imported.module}.${imported.name}` : null;
}

/**
 * Imports of Emscripten's JavaScript unwinding beyond a plain throw (invoke_*, catches, longjmp):
 * the Rust and Go hosts write out only the throw that ends the call (catching off).
 */
function unwindingImports(info: ModuleInfo): string[] {
  return info.imports.filter((i) => i.kind === 'func' && i.module === 'env' && isEmscriptenUnwindImport(i.name)
    && i.name !== '__cxa_allocate_exception' && i.name !== '__cxa_throw').map((i) => `env.${i.name}`);
}

/** Why no host is written; `located`: the message is errors at their file:line:column, said as a parse error is. */
export type ExportHostRefusal = { ok: false; message: string; located?: true };

function refuseAt(errors: readonly MemscopeError[]): ExportHostRefusal {
  return { ok: false, message: errors.map(formatSourceError).join('\n'), located: true };
}

export function exportHost(input: ExportHostInput): { ok: true; source: string } | ExportHostRefusal {
  const parsed = parseSequence(input.sequenceText, input.sequenceFile);
  if (parsed.errors.length > 0) return refuseAt(parsed.errors);
  const inspected = inspectBytes(input.moduleBytes);
  if (!inspected.ok) return { ok: false, message: `${input.moduleFile}: ${inspected.error.message}` };
  // Its hosts would bind a.a, a.b, … to zeros: what each is, only Emscripten's glue says.
  if (hasMinifiedImports(inspected.value.imports)) {
    return {
      ok: false,
      message: `${input.moduleFile}: Emscripten minified its import names (a.a, a.b, …, at -O3 and -Os), and an exported host binds `
        + "imports by the module's own names, which do not say what each is (memscope run reads them from the .js beside it); "
        + 'build with -O2 or lower to export a host',
    };
  }
  const config = directivesToConfig(parsed.sequence.directives, '.');
  const imports = planImports(inspected.value, config.importBindings ?? {}, false);
  if (!imports.ok) return { ok: false, message: imports.error.message };
  const declared = withDeclaredAllocator(inspected.value, parsed.sequence.directives);
  const problem = declared.problem;
  if (problem) return { ok: false, message: `${input.sequenceFile}:${problem.directive.line}:${problem.span.column}: ${problem.message}` };
  const info = annotateImports(declared.info, imports.value);
  // `&name` is written out as the static's address (the host program has no DWARF to ask).
  const unresolved = resolveSequenceStatics(parsed.sequence, info.statics);
  if (unresolved) return refuseAt([unresolved]);
  // What run refuses before anything runs (an unknown export, an argument count, a name used
  // before it is bound, a call no sequence can make), then the calls it refuses when they run
  // that are known now (the plan's): a host written for them would not compile, or would do
  // something else.
  const invalid = validateSequence(parsed.sequence, info);
  if (invalid.length > 0) return refuseAt(invalid);
  const plan = new HostPlan(parsed.sequence, info);
  if (plan.refusals.length > 0) return refuseAt(plan.refusals);
  const setup = hostSetup(parsed.sequence, info, { sequence: input.sequenceFile, module: input.moduleFile, outDir: input.outDir });
  if (input.deterministic) setup.deterministic = true;
  const unexported = importedOnlyMemory(info);
  if (unexported && input.language !== 'js') {
    return {
      ok: false,
      message: `${input.moduleFile} imports its memory (${unexported}) and does not export it; the ${input.language} host `
        + 'reads memory through an export, so only --lang js can host this module (it creates the memory, as Memscope does)',
    };
  }
  const unwinding = unwindingImports(info);
  if (unwinding.length > 0 && input.language !== 'js') {
    return {
      ok: false,
      message: `${input.moduleFile} uses Emscripten's JavaScript exceptions or longjmp (${unwinding.slice(0, 3).join(', ')}${unwinding.length > 3 ? ', …' : ''}): `
        + `a throw leaves wasm through the host and comes back through invoke_* imports, which only --lang js writes out; `
        + 'for a C++ module hosted in any language, build with -fwasm-exceptions',
    };
  }
  // Go's runtime imports (writes, exit, timers) and syscall/js's JavaScript world: the Rust
  // and Go hosts have neither, and stubbing them would lose the output and the exit.
  const goImports = info.imports.filter((i) => isGoModule(i.module));
  if (goImports.length > 0 && input.language !== 'js') {
    const syscallJs = goImports.some((i) => isGoSyscallJsImport(i.module, i.name)) ? ' and syscall/js' : '';
    return {
      ok: false,
      message: `${input.moduleFile} is a Go js/wasm program (${goImports.length} imports of Go's JavaScript runtime${syscallJs}, such as ${goImports[0]!.module}.${goImports[0]!.name}): `
        + `only --lang js writes that runtime out (Go's own wasm_exec.js for syscall/js); `
        + `for a ${input.language} host, build for WASI (Go 1.21+ with GOOS=wasip1, TinyGo with -target=wasi)`,
    };
  }
  switch (input.language) {
    case 'js': return { ok: true, source: exportJs(plan, setup) };
    case 'rust': return { ok: true, source: exportRust(plan, setup) };
    case 'go': return { ok: true, source: exportGo(plan, setup) };
  }
}
