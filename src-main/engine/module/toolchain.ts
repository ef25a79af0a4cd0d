// Guesses which toolchain built a module, with the evidence. Every clue adds a weight to one
// toolchain; the heaviest wins. Strong clues (a producers entry, `~lib/` names, `__wbindgen_*`,
// `go:buildid` / `go.buildid`) outweigh weak ones (clang in producers, wasi-libc names) because Rust, Zig and
// TinyGo modules often link C code built by clang.

import type { Toolchain, ToolchainGuess } from '../../shared/dto.ts';
import { functionType, type RawModule } from './model.ts';
import { hasSignature } from './signature.ts';

interface Clue {
  toolchain: Toolchain;
  weight: number;
  evidence: string;
}

/** A rule over names; each rule contributes at most once, citing the first name it matched. */
interface NameRule {
  toolchain: Toolchain;
  weight: number;
  test: (name: string) => boolean;
}

const RUST_HASH = /17h[0-9a-f]{16}E$/;

const FUNCTION_NAME_RULES: NameRule[] = [
  { toolchain: 'assemblyscript', weight: 10, test: (n) => n.startsWith('~lib/') },
  { toolchain: 'rust', weight: 10, test: (n) => n === 'rust_begin_unwind' || n.startsWith('__rust_') },
  { toolchain: 'rust', weight: 8, test: (n) => n.startsWith('_ZN') && RUST_HASH.test(n) },
  { toolchain: 'rust', weight: 8, test: (n) => n.startsWith('core::') || n.startsWith('alloc::') || (n.startsWith('std::') && n.includes('{{closure}}')) },
  { toolchain: 'tinygo', weight: 10, test: (n) => n.includes('tinygo') },
  { toolchain: 'tinygo', weight: 6, test: (n) => n === 'runtime.runtimePanic' || n === 'runtime.nilPanic' || n === 'runtime.hashmapGet' || n === 'runtime.lookupPanic' },
  { toolchain: 'go', weight: 10, test: (n) => n.startsWith('_rt0_wasm_') },
  { toolchain: 'go', weight: 6, test: (n) => n === 'runtime.schedinit' || n === 'runtime.mstart' || n === 'runtime.gcenable' },
  { toolchain: 'go', weight: 1, test: (n) => n.startsWith('runtime.') },
  { toolchain: 'tinygo', weight: 1, test: (n) => n.startsWith('runtime.') },
  { toolchain: 'zig', weight: 8, test: (n) => n.startsWith('std.') || n.startsWith('__zig_') },
  { toolchain: 'emscripten', weight: 8, test: (n) => n.includes('emscripten_') && /^_{0,2}emscripten_/.test(n) },
  { toolchain: 'c', weight: 3, test: (n) => n.startsWith('__wasilibc_') || n === '__original_main' || n === '__main_void' || n === '__libc_start_main' },
];

const EXPORT_RULES: NameRule[] = [
  { toolchain: 'assemblyscript', weight: 6, test: (n) => n === '__new' || n === '__pin' || n === '__rtti_base' },
  { toolchain: 'rust', weight: 10, test: (n) => n.startsWith('__wbindgen_') },
  // Rust's unwinding personality, exported by napi-rs builds (e.g. @node-rs/crc32-wasm32-wasi,
  // which has no producers section and no names), and napi-rs's per-item registration exports.
  { toolchain: 'rust', weight: 10, test: (n) => n === 'rust_eh_personality' },
  { toolchain: 'rust', weight: 6, test: (n) => n.startsWith('__napi_register__') },
  { toolchain: 'emscripten', weight: 8, test: (n) => /^_?emscripten_/.test(n) || n === 'stackAlloc' },
  { toolchain: 'tinygo', weight: 6, test: (n) => n === 'go_scheduler' },
];

const IMPORT_RULES: NameRule[] = [
  { toolchain: 'go', weight: 6, test: (n) => n.startsWith('gojs.') || n.startsWith('go.') },
  { toolchain: 'go', weight: 6, test: (n) => n.endsWith('.runtime.wasmExit') || n.endsWith('.runtime.nanotime1') },
  { toolchain: 'tinygo', weight: 8, test: (n) => n.endsWith('.runtime.ticks') || n.endsWith('.runtime.sleepTicks') },
  { toolchain: 'rust', weight: 10, test: (n) => n.includes('__wbindgen_') || n.startsWith('wbg.') },
  { toolchain: 'emscripten', weight: 10, test: (n) => n.includes('.emscripten_') || n.startsWith('env.__syscall_') },
];

export function guessToolchain(m: RawModule): ToolchainGuess {
  const clues: Clue[] = [...producerClues(m), ...patternClues(m)];
  const names = m.names ? Object.values(m.names.functions) : [];
  clues.push(...applyRules(FUNCTION_NAME_RULES, names, 'function name'));
  clues.push(...applyRules(EXPORT_RULES, m.exports.map((e) => e.name), 'export'));
  clues.push(...applyRules(IMPORT_RULES, m.imports.map((i) => `${i.module}.${i.name}`), 'import'));
  // Go 1.19 names the section `go.buildid`; other Go releases `go:buildid`.
  const buildId = m.customSections.find((s) => s.name === 'go:buildid' || s.name === 'go.buildid');
  if (buildId) clues.push({ toolchain: 'go', weight: 10, evidence: `custom section ${buildId.name}` });
  const rustData = m.dataMarkers.find((t) => t === '/rustc/' || t.startsWith('library/'));
  if (rustData) clues.push({ toolchain: 'rust', weight: 8, evidence: `data mentions ${rustData}… (Rust std's panic locations)` });
  return pick(clues);
}

function producerClues(m: RawModule): Clue[] {
  const clues: Clue[] = [];
  for (const [field, entries] of Object.entries(m.producers)) {
    for (const { name, version } of entries) {
      const toolchain = producerToolchain(field, name);
      if (!toolchain) continue;
      const weight = toolchain.weight;
      clues.push({ toolchain: toolchain.name, weight, evidence: `producers: ${field} ${name}${version ? ` ${version}` : ''}` });
    }
  }
  return clues;
}

function producerToolchain(field: string, name: string): { name: Toolchain; weight: number } | null {
  const n = name.toLowerCase();
  if (n.includes('emscripten')) return { name: 'emscripten', weight: 10 };
  if (n.includes('tinygo')) return { name: 'tinygo', weight: 10 };
  if (n === 'rust' || n === 'rustc' || n === 'wasm-bindgen') return { name: 'rust', weight: 10 };
  if (n === 'zig') return { name: 'zig', weight: 10 };
  if (n === 'assemblyscript') return { name: 'assemblyscript', weight: 10 };
  if (field === 'language' && n === 'go') return { name: 'go', weight: 4 };
  // LLVM writes C++ as C_plus_plus, C_plus_plus_14, C_plus_plus_17…
  if (field === 'language' && /^(c|c\d\d|c\+\+(\d\d)?|c_plus_plus(_\d\d)?|objective-c)$/.test(n)) {
    return { name: 'c', weight: 6 };
  }
  if (n === 'clang' || n.endsWith(' clang')) return { name: 'c', weight: 3 };
  return null;
}

/** Clues from combinations: AssemblyScript's abort import, clang plus WASI imports. */
function patternClues(m: RawModule): Clue[] {
  const clues: Clue[] = [];
  const abortIndex = m.imports.filter((i) => i.kind === 'func').findIndex((i) => i.module === 'env' && i.name === 'abort');
  if (abortIndex >= 0 && hasSignature(functionType(m, abortIndex), ['i32', 'i32', 'i32', 'i32'], [])) {
    clues.push({ toolchain: 'assemblyscript', weight: 4, evidence: 'import env.abort (i32, i32, i32, i32) -> ()' });
  }
  const clang = (m.producers['processed-by'] ?? []).some((p) => /(^| )clang$/.test(p.name));
  const wasi = m.imports.find((i) => i.module.startsWith('wasi_snapshot_preview1') || i.module === 'wasi_unstable');
  if (hasMinifiedImports(m.imports)) {
    clues.push({ toolchain: 'emscripten', weight: 4, evidence: `minified imports a.${m.imports[0]!.name}, … (Emscripten -O3/-Os naming)` });
  }
  // `runtime.*` functions are Go's runtime; TinyGo's also exports malloc/free for hosts.
  const runtimeName = m.names ? Object.values(m.names.functions).find((n) => n.startsWith('runtime.')) : undefined;
  if (runtimeName) {
    const malloc = m.exports.some((e) => e.kind === 'func' && e.name === 'malloc');
    clues.push(malloc
      ? { toolchain: 'tinygo', weight: 3, evidence: `function name ${runtimeName} with an exported malloc (TinyGo's runtime)` }
      : { toolchain: 'go', weight: 3, evidence: `function name ${runtimeName} without an exported malloc (Go's runtime)` });
  }
  if (clang && wasi) {
    clues.push({ toolchain: 'c', weight: 3, evidence: `clang-built with WASI imports (wasi-libc): import ${wasi.module}.${wasi.name}` });
  }
  return clues;
}

function applyRules(rules: NameRule[], names: string[], label: string): Clue[] {
  const clues: Clue[] = [];
  for (const rule of rules) {
    const hit = names.find(rule.test);
    if (hit !== undefined) clues.push({ toolchain: rule.toolchain, weight: rule.weight, evidence: `${label} ${hit}` });
  }
  return clues;
}

function pick(clues: Clue[]): ToolchainGuess {
  const totals = new Map<Toolchain, number>();
  for (const c of clues) totals.set(c.toolchain, (totals.get(c.toolchain) ?? 0) + c.weight);
  let best: Toolchain = 'unknown';
  let bestWeight = 0;
  for (const [toolchain, weight] of totals) {
    if (weight > bestWeight) {
      best = toolchain;
      bestWeight = weight;
    }
  }
  // Weak clues alone (a stray `runtime.` name) are not enough to name a toolchain.
  if (bestWeight < 3) {
    const weak = clues.map((c) => `weak hint of ${c.toolchain}: ${c.evidence}`);
    return { name: 'unknown', evidence: weak.length ? weak : ['no producers entry and no names typical of a toolchain'] };
  }
  const evidence = clues
    .filter((c) => c.toolchain === best)
    .sort((a, b) => b.weight - a.weight)
    .map((c) => c.evidence);
  // A name rule and the runtime clue can both cite one function: "function name runtime.x" is
  // said once, by the longer clue that also says why.
  return { name: best, evidence: evidence.filter((e, i) => !evidence.some((o, j) => j !== i && o.startsWith(`${e} `))) };
}

/**
 * Emscripten's minified output (-O3, -Os): everything imported from module "a" under one- or
 * two-letter names, which only its JS glue maps back (emscripten-glue.ts, when it is found beside
 * the module). Memscope hosts Emscripten's runtime by name, so without it such imports cannot be
 * told apart (guest/link.ts refuses them at the call).
 */
export function hasMinifiedImports(imports: readonly { module: string; name: string }[]): boolean {
  return imports.length > 0 && imports.every((i) => i.module === 'a' && i.name.length <= 2);
}

/** What inspect and a refused call say about such a module. */
export const MINIFIED_IMPORTS = "Emscripten minified this module's import names (a.a, a.b, …, at -O3 and -Os): Memscope hosts "
  + "Emscripten's runtime by name and cannot tell them apart, so a call that reaches one fails; put the .js Emscripten wrote "
  + 'with it beside the .wasm under the same name, or open (or drop) both together: Memscope reads the real names there; or build with -O2 or lower, '
  + 'whose names stay readable';
