// The real names of a minified Emscripten module, read from its JavaScript glue. At -O3 and -Os
// Emscripten renames every import to module "a" and a one- or two-letter name (a.a, a.b, …) and
// every export likewise (d, e, f, …); only the .js it writes beside the .wasm says which is
// which, in code like (3.1.6; later releases say wasmImports and wasmExports):
//
//   var asmLibraryArg = {"c": _emscripten_memcpy_big, "b": _emscripten_resize_heap, "a": _fd_write};
//   var _greet = Module["_greet"] = function() {
//     return (_greet = Module["_greet"] = Module["asm"]["f"]).apply(null, arguments) };
//   wasmMemory = Module["asm"]["d"]; … wasmTable = Module["asm"]["h"];
//
// The import object maps a minified name to the JS function that implements it, named for the C
// symbol with one `_` in front (`_fd_write` is fd_write, `___cxa_throw` __cxa_throw); which
// module it came from is lost (the glue hands one object to every module), so a WASI preview1
// name is wasi_snapshot_preview1's and the rest env's, as in a -O2 build. An export is what an
// assignment chain ends in: `<exports>["f"]`, with Module["_greet"] or _greet assigned it.
//
// Read with acorn (the JavaScript parser the web's build tools use) and a walk over its tree, not
// with patterns over the text: the glue's formatting differs between releases and flags.

import { createRequire } from 'node:module';
import type { Node } from 'acorn';
import type { MemscopeError, Result } from '../../shared/dto.ts';
import { PREVIEW1_NAMES, WASI_MODULE } from '../protocol.ts';
import type { RawModule } from './model.ts';

export interface GlueNames {
  /** The glue file's name, for what is shown (`names from greet.js`). */
  file: string;
  /** Minified import name → the module and name a -O2 build imports. */
  imports: Map<string, { module: string; name: string }>;
  /** Minified export name → the name a -O2 build exports. */
  exports: Map<string, string>;
}

/** Names the glue gives the module's objects rather than a C symbol. */
const GLUE_VARIABLES: Readonly<Record<string, string>> = { wasmMemory: 'memory', wasmTable: '__indirect_function_table' };
/** The objects the glue reads exports from: Module["asm"] (3.1.x before 3.1.45) or wasmExports. */
const EXPORT_OBJECTS = new Set(['asm', 'wasmExports']);
/** The object the glue passes as the imports: asmLibraryArg (3.1.x) or wasmImports. */
const IMPORT_OBJECTS = new Set(['asmLibraryArg', 'wasmImports']);
const WASI = new Set<string>(PREVIEW1_NAMES);

type AnyNode = Node & Record<string, unknown>;

export function readGlueNames(text: string, file: string): Result<GlueNames> {
  let program: Node;
  try {
    program = parseScript(text);
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number }; pos?: number };
    const where: MemscopeError['where'] = { file, ...(e.loc ? { line: e.loc.line, column: e.loc.column + 1 } : {}) };
    return { ok: false, error: { code: 'usage', message: `${file} is not JavaScript Memscope can read: ${e.message.replace(/ \(\d+:\d+\)$/, '')}`, where } };
  }
  const names: GlueNames = { file, imports: new Map(), exports: new Map() };
  walk(program, (node) => {
    if (node.type === 'VariableDeclarator' || node.type === 'AssignmentExpression') {
      const target = node.type === 'VariableDeclarator' ? node.id as AnyNode : node.left as AnyNode;
      const value = (node.type === 'VariableDeclarator' ? node.init : node.right) as AnyNode | null;
      if (value?.type === 'ObjectExpression' && IMPORT_OBJECTS.has(identifier(target) ?? '')) importsOf(value, names);
    }
    if (node.type === 'AssignmentExpression') exportOf(node, names);
  });
  if (names.imports.size === 0 && names.exports.size === 0) {
    return { ok: false, error: { code: 'usage', message: `${file} names none of the module's imports or exports: it is not the JavaScript Emscripten wrote beside a minified module`, where: { file } } };
  }
  return { ok: true, value: names };
}

/**
 * The module with the glue's names: each import and export renamed, its minified name kept as
 * `wire` (what instantiation and the exports object use). Every import must be named: a glue
 * of another build would bind the wrong functions.
 */
export function renameFromGlue(m: RawModule, names: GlueNames): Result<RawModule> {
  const unnamed = m.imports.filter((i) => !names.imports.has(i.name)).map((i) => `${i.module}.${i.name}`);
  if (unnamed.length > 0) {
    return { ok: false, error: { code: 'usage', message: `${names.file} does not name the module's import${unnamed.length === 1 ? '' : 's'} ${unnamed.slice(0, 4).join(', ')}${unnamed.length > 4 ? ', …' : ''}: it is the glue of another build`, where: { file: names.file } } };
  }
  return {
    ok: true,
    value: {
      ...m,
      imports: m.imports.map((i) => ({ ...i, ...names.imports.get(i.name)!, wire: { module: i.module, name: i.name } })),
      exports: m.exports.map((e) => {
        const name = names.exports.get(e.name);
        return name === undefined ? e : { ...e, name, wire: e.name };
      }),
    },
  };
}

type Acorn = typeof import('acorn');
let acorn: Acorn | undefined;

function parseScript(text: string): Node {
  // Loaded on first use: ~14 ms that every other start (inspect, run) would pay for nothing.
  const { parse } = (acorn ??= createRequire(import.meta.url)('acorn') as Acorn);
  try {
    return parse(text, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
  } catch {
    // -sEXPORT_ES6 writes a module (import.meta, export default).
    return parse(text, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  }
}

/** `{"c": _emscripten_memcpy_big, a: _fd_write, …}`: each minified name and what implements it. */
function importsOf(object: AnyNode, names: GlueNames): void {
  for (const p of object.properties as AnyNode[]) {
    if (p.type !== 'Property') continue;
    const key = propertyKey(p.key as AnyNode, p.computed as boolean);
    const value = identifier(p.value as AnyNode);
    if (key === null || value === null) continue;
    const name = GLUE_VARIABLES[value] ?? symbolName(value);
    names.imports.set(key, { module: WASI.has(name) ? WASI_MODULE : 'env', name });
  }
}

/** `_greet = Module["_greet"] = Module["asm"]["f"]`: the chain's targets name export f. */
function exportOf(node: AnyNode, names: GlueNames): void {
  // Only the outermost assignment of a chain: its inner ones are its right side.
  const targets: AnyNode[] = [];
  let value: AnyNode = node;
  while (value.type === 'AssignmentExpression' && value.operator === '=') {
    targets.push(value.left as AnyNode);
    value = value.right as AnyNode;
  }
  const wire = exportKey(value);
  if (wire === null || names.exports.has(wire)) return;
  // The glue's own variables say most (`__indirect_function_table = wasmTable = …`), then
  // Module's key (the C symbol with its `_`), then a variable named for the symbol.
  let byModule: string | null = null;
  let byVariable: string | null = null;
  for (const target of targets) {
    const variable = identifier(target);
    if (variable !== null && GLUE_VARIABLES[variable] !== undefined) {
      names.exports.set(wire, GLUE_VARIABLES[variable]);
      return;
    }
    if (target.type === 'MemberExpression' && identifier(target.object as AnyNode) === 'Module') {
      byModule ??= propertyKey(target.property as AnyNode, target.computed as boolean);
    }
    if (variable !== null) byVariable ??= variable;
  }
  const js = byModule ?? byVariable;
  if (js !== null) names.exports.set(wire, symbolName(js));
}

/** `Module["asm"]["f"]`, `wasmExports["f"]`, `wasmExports.f`: "f"; else null. */
function exportKey(node: AnyNode): string | null {
  if (node.type !== 'MemberExpression') return null;
  const object = node.object as AnyNode;
  const from = object.type === 'MemberExpression' && identifier(object.object as AnyNode) === 'Module'
    ? propertyKey(object.property as AnyNode, object.computed as boolean) : identifier(object);
  if (from === null || !EXPORT_OBJECTS.has(from)) return null;
  return propertyKey(node.property as AnyNode, node.computed as boolean);
}

/** A C symbol's JavaScript name has one `_` in front (`_malloc`, `___cxa_throw`); runtime ones none (`stackSave`). */
function symbolName(js: string): string {
  return js.startsWith('_') ? js.slice(1) : js;
}

function identifier(node: AnyNode | null | undefined): string | null {
  return node?.type === 'Identifier' ? node.name as string : null;
}

/** A property's name: `x` in o.x, `"x"` in o["x"] or {"x": …}; null for a computed expression. */
function propertyKey(key: AnyNode, computed: boolean): string | null {
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (!computed && key.type === 'Identifier') return key.name as string;
  return null;
}

/** Visits every node, depth first (no recursion: the glue nests deep enough for a long stack). */
function walk(root: Node, visit: (node: AnyNode) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (node === null || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') continue;
    visit(node as AnyNode);
    for (const [key, child] of Object.entries(node)) if (key !== 'loc' && child !== null && typeof child === 'object') stack.push(child);
  }
}
