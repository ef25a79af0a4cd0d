// Checks a parsed sequence against a module before anything runs: exports and argument counts,
// names used before they are bound, struct fields, alloc/free without an allocator, builtin
// names, directive placement and multi-value arity. Every error carries file:line:column.

import type { ErrorCode, FuncType as Signature, MemscopeError, ModuleInfo, StaticVariable } from '../../shared/dto.ts';
import { findStatic, placeStatic, resolveStatics } from './static-names.ts';
import type { Directive, Expr, FieldType, Sequence, Span, Step } from './ast.ts';
import { BUILTIN_NAMES, registersEmbindFunctions, setsGoFunctions } from '../protocol.ts';
import { clipped, listedErrors, locatedError, quoted, SequenceFault, suggestion } from './errors.ts';
import { formatValTypes } from '../../shared/type-format.ts';
import { sequenceName } from '../../shared/value-format.ts';
import { withDeclaredAllocator } from './declared-allocator.ts';
import { uncallable } from '../../shared/callable-types.ts';
import { misfitAllocator, misfitFree } from '../module/allocator.ts';
import { freesBlocks } from './allocator.ts';
import { constantArgFault, constantStepFault } from './constant-arg.ts';

const BUILTINS: readonly string[] = BUILTIN_NAMES;

/** What the validator knows of a bound name's value. */
type StaticType = 'int' | 'float' | 'text' | 'bytes' | 'any' | { fields: Map<string, FieldType> };

/** How a call step reaches the guest: an export, or the `alloc`/`free` pseudo-functions. */
export type CalleeKind = 'export' | 'alloc' | 'free';

export function calleeKind(name: string, isExport: boolean): CalleeKind {
  if (isExport) return 'export';
  return name === 'alloc' ? 'alloc' : name === 'free' ? 'free' : 'export';
}

export function validateSequence(seq: Sequence, info: ModuleInfo): MemscopeError[] {
  const errors: MemscopeError[] = [];
  const report = (code: ErrorCode, message: string, source: string, span: Span): void => {
    errors.push(locatedError(code, message, { file: seq.file, source }, span));
  };
  checkDirectives(seq, info, report);
  // Calls are checked against the allocator the sequence names, if it names one.
  const { info: module, problem } = withDeclaredAllocator(info, seq.directives);
  if (problem) report('parse-error', problem.message, problem.directive.source, problem.span);
  const named = seq.directives.some((d) => d.kind === 'allocator');
  const funcs = new Map<string, Signature>();
  for (const e of info.exports) if (e.kind === 'func') funcs.set(e.name, e.type);
  const scope = new Map<string, StaticType>();
  const bindsAt = new Map<string, number[]>();
  // Pushed, not copied: a name bound on every line of a long sequence made this quadratic (32,000 `x = 1` lines: 40 s).
  for (const s of seq.steps) {
    for (const n of boundNames(s)) {
      const lines = bindsAt.get(n);
      if (lines) lines.push(s.line);
      else bindsAt.set(n, [s.line]);
    }
  }
  for (const step of seq.steps) {
    const r = (code: ErrorCode, message: string, span: Span): void => report(code, message, step.source, span);
    const later = (name: string): number | undefined => bindsAt.get(name)?.find((l) => l > step.line);
    for (const e of stepExprs(step)) checkExpr(e, scope, later, r, info.statics);
    const fault = constantStepFault(step);
    if (fault) r(fault.code, fault.message, fault.span ?? step.span);
    if (step.kind === 'call') checkCall(step, funcs, module, scope, r, named);
    else if (step.kind === 'assign') scope.set(step.target.name, 'any');
    else if (step.kind === 'write' && step.target) scope.set(step.target.name, 'int');
    else if (step.kind === 'read' && step.target) {
      const t = step.type;
      scope.set(step.target.name, t.kind === 'struct' ? { fields: new Map(t.fields.map((f) => [f.name, f.type])) }
        : t.kind === 'num' ? (t.type.startsWith('f') ? 'float' : 'int') : t.kind === 'bytes' ? 'bytes' : 'text');
    }
  }
  // Listed, not all, in line order (the page and run show them as given).
  return listedErrors(errors.sort((a, b) => (a.where?.line ?? 0) - (b.where?.line ?? 0) || (a.where?.column ?? 0) - (b.where?.column ?? 0)));
}

type Report = (code: ErrorCode, message: string, source: string, span: Span) => void;

function checkDirectives(seq: Sequence, info: ModuleInfo, report: Report): void {
  const firstStep = seq.steps[0]?.line ?? Infinity;
  const seen = new Map<string, Directive>();
  const funcImports = info.imports.filter((i) => i.kind === 'func').map((i) => `${i.module}.${i.name}`);
  for (const d of seq.directives) {
    // Named as it is written (`trace writes`), not by its kind's spelling (trace-writes).
    const written = d.kind.replace('-', ' ');
    if (d.line > firstStep && d.kind !== 'bookmark') {
      report('parse-error', `the ${written} directive must come before the first step (line ${firstStep})`, d.source, d.span);
    }
    const once = ['module', 'allocator', 'timeout', 'capture-limit', 'memory-cap', 'deterministic', 'tty', 'trace-writes'];
    const prev = seen.get(d.kind);
    if (once.includes(d.kind) && prev) {
      report('parse-error', `${written} is already given on line ${prev.line}`, d.source, d.span);
    }
    seen.set(d.kind, d);
    if (d.kind !== 'import') continue;
    if (!BUILTINS.includes(d.builtin)) report('parse-error', unknownBuiltinMessage(d.builtin), d.source, d.builtinSpan);
    const full = `${d.module}.${d.name}`;
    if (!funcImports.includes(full)) {
      const hint = suggestion(full, funcImports) || (funcImports.length ? `; its function imports are ${funcImports.slice(0, 8).join(', ')}` : '; it imports no functions');
      report('parse-error', `the module has no function import ${clipped(full)}${hint}`, d.source, d.span);
    }
  }
}

/**
 * The `import` lines that name no builtin, located at the name as validateSequence reports them:
 * what `memscope inspect --sequence` checks, holding no one module to check the rest against.
 */
export function unknownBuiltinErrors(seq: Sequence): MemscopeError[] {
  return seq.directives.flatMap((d) => (d.kind === 'import' && !BUILTINS.includes(d.builtin)
    ? [locatedError('parse-error', unknownBuiltinMessage(d.builtin), { file: seq.file, source: d.source }, d.builtinSpan)] : []));
}

/** Why `name` cannot be bound to an import, and the builtins that can (one wording for an `import` line and for a config's importBindings). */
export function unknownBuiltinMessage(name: string): string {
  return `unknown builtin '${name}'${suggestion(name, BUILTINS)}; builtins are ${BUILTINS.join(', ')}`;
}

/** The names a step binds (`p = …`, `(a, b) = …`, `n = write …`); `_` binds none. */
export function boundNames(s: Step): string[] {
  if (s.kind === 'call') return s.targets.map((t) => t.name).filter((n) => n !== '_');
  if ((s.kind === 'assign' || s.kind === 'read' || s.kind === 'write') && s.target) return [s.target.name];
  return [];
}

/** The expressions a step evaluates, in order. */
export function stepExprs(s: Step): Expr[] {
  switch (s.kind) {
    case 'call': return s.args;
    case 'assign': return [s.expr];
    case 'read': return s.length ? [s.address, s.length] : [s.address];
    case 'write': return [s.value, s.address];
    case 'expect': return [s.left, s.right];
    case 'snapshot':
    case 'mark':
    case 'expect-no-leaks': case 'expect-no-heap-problems': return [];
    case 'watch': return s.length ? [s.address, s.length] : [s.address];
  }
}

type R = (code: ErrorCode, message: string, span: Span) => void;

/**
 * Checks names and struct fields; returns the expression's static type when it is a name or
 * field. A static (`&table`) is looked up in the module's DWARF statics and, when found, given
 * its address and size here: this is where the sequence meets the module, once.
 */
function checkExpr(e: Expr, scope: Map<string, StaticType>, later: (name: string) => number | undefined, r: R,
  statics: readonly StaticVariable[] | undefined): StaticType {
  const check = (x: Expr): StaticType => checkExpr(x, scope, later, r, statics);
  switch (e.kind) {
    case 'name': {
      const t = scope.get(e.name);
      if (t !== undefined) return t;
      const line = later(e.name);
      const hint = line !== undefined ? ` (it is bound later, on line ${line})` : suggestion(e.name, scope.keys());
      r('eval-error', `unknown name ${quoted(e.name)}${hint}`, e.span);
      return 'any';
    }
    case 'static': {
      const v = findStatic(e.name, statics);
      const wrong = typeof v === 'string' ? v : placeStatic(e, v);
      if (wrong !== undefined) r('eval-error', wrong, e.span);
      return 'int';
    }
    case 'field': {
      const t = check(e.object);
      if (t === 'any') return 'any';
      if (typeof t === 'string') {
        r('eval-error', `'.${e.field}' needs a struct, but this is ${t === 'int' ? 'an integer' : t === 'float' ? 'a float' : t}`, e.span);
        return 'any';
      }
      const f = t.fields.get(e.field);
      if (!f) {
        r('eval-error', `the struct has no field ${quoted(e.field)}${suggestion(e.field, t.fields.keys())}; its fields are ${[...t.fields.keys()].join(', ')}`, e.span);
        return 'any';
      }
      return f.kind === 'struct' ? { fields: new Map(f.fields.map((x) => [x.name, x.type])) } : f.type.startsWith('f') ? 'float' : 'int';
    }
    case 'unary': check(e.operand); return 'any';
    case 'binary': check(e.left); check(e.right); return 'any';
    default: return 'any';
  }
}

/** `named`: the sequence has an `allocator` line, so alloc()/free() without an allocator is that line's error, said there. */
function checkCall(step: Extract<Step, { kind: 'call' }>, funcs: Map<string, Signature | null>, info: ModuleInfo,
  scope: Map<string, StaticType>, r: R, named: boolean): void {
  const kind = calleeKind(step.callee, funcs.has(step.callee));
  if (step.force && !forcible(step.callee, kind, info)) {
    const a = info.allocator;
    const frees = [...new Set(['free', a?.free?.name, a?.unpin?.name].filter((n) => n !== undefined))];
    r('parse-error', `only the allocator's free (${frees.join(', ')}) and realloc can be forced with '!' (free!(p)), not ${step.callee}`,
      { ...step.calleeSpan, length: step.callee.length + 1 });
  }
  let sig: Signature | null;
  if (kind === 'export') {
    if (!funcs.has(step.callee)) {
      const other = info.exports.find((e) => e.name === step.callee);
      // Possibly a function the constructors register with embind, or Go's main sets with
      // js.FuncOf: checked when the step runs.
      if (!other && (registersEmbindFunctions(info) || setsGoFunctions(info))) {
        bindAll(step, scope, null);
        return;
      }
      const msg = other ? `'${step.callee}' is a ${other.kind} export, not a function`
        : `the module exports no function ${quoted(step.callee)}${suggestion(step.callee, funcs.keys())}`;
      r('no-such-export', msg, step.calleeSpan);
      bindAll(step, scope, null);
      return;
    }
    sig = funcs.get(step.callee) ?? null;
    const why = sig && uncallable(sig);
    if (why) {
      r('eval-error', `'${step.callee}' ${why}`, step.calleeSpan);
      bindAll(step, scope, null);
      return;
    }
  } else {
    sig = pseudoSignature(kind, info, step, named ? () => {} : r);
  }
  if (sig && step.args.length !== sig.params.length) {
    const n = sig.params.length;
    r('parse-error', `${sequenceName(step.callee)} takes ${n} argument${n === 1 ? '' : 's'} ${formatValTypes(sig.params)}, but ${step.args.length} ${step.args.length === 1 ? 'is' : 'are'} given`, step.span);
  }
  if (sig) checkArity(step, sig, r);
  if (sig && kind === 'export' && step.args.length === sig.params.length) checkConstantArgs(step, sig, r);
  bindAll(step, scope, sig);
}

/**
 * An argument without bound names that run would refuse when the step runs (`id32(4294967296)`,
 * an f32 given 1e50, `f(1 / 0)`): refused here, in run's words at the argument, so the steps
 * before it do not run first. One with names is known only then, and run refuses it there.
 * alloc/free are left to run: it converts their arguments for the allocator's own exports.
 */
function checkConstantArgs(step: Extract<Step, { kind: 'call' }>, sig: Signature, r: R): void {
  step.args.forEach((arg, k) => {
    const fault = constantArgFault(arg, sig.params[k]!, `argument ${k + 1} of ${sequenceName(step.callee)}`);
    if (fault) r(fault.code, fault.message, fault.span ?? arg.span);
  });
}

/** A call `!` may force: one that frees (the free pseudo-call, the allocator's own free, C's realloc). */
function forcible(callee: string, kind: CalleeKind, info: ModuleInfo): boolean {
  const a = info.allocator;
  return kind === 'free' || callee === 'realloc' || freesBlocks(a ?? null, callee);
}

function pseudoSignature(kind: CalleeKind, info: ModuleInfo, step: Extract<Step, { kind: 'call' }>, r: R): Signature | null {
  const alloc = info.allocator;
  if (!alloc) {
    // A malloc of another type is not one: say so, or the user sees a malloc export and no reason.
    const misfit = misfitAllocator(info.exports);
    r('no-such-export', `${step.callee}() needs the module's allocator, but it exports none Memscope knows (malloc/free, alloc/dealloc, allocate, cabi_realloc, __new, __wbindgen_malloc)`
      + `${misfit ? ` (${misfit})` : ''}; if it has one by another name, say which before the first step: allocator ALLOC FREE`, step.calleeSpan);
    return null;
  }
  if (kind === 'free' && !alloc.free && !alloc.unpin) {
    const misfit = misfitFree(info.exports, alloc.convention);
    r('no-such-export', `free() needs a matching free function, but the ${alloc.convention} allocator (${alloc.alloc.name}) has none${misfit ? ` (${misfit})` : ''}`, step.calleeSpan);
    return null;
  }
  return kind === 'alloc' ? { params: ['i32'], results: ['i32'] } : { params: ['i32'], results: [] };
}

function checkArity(step: Extract<Step, { kind: 'call' }>, sig: Signature, r: R): void {
  const n = sig.results.length;
  // Named as the sequence writes it (`"my-func"`): the hint below is a line to write.
  const shown = `${sequenceName(step.callee)} returns ${n === 0 ? 'nothing' : n === 1 ? `one value (${sig.results[0]})` : `${n} values ${formatValTypes(sig.results)}`}`;
  const span = step.targets.length ? { ...step.span, length: step.calleeSpan.column - step.span.column } : step.span;
  if (step.tuple && step.targets.length !== n) {
    r('parse-error', `${shown}, but ${step.targets.length} names are bound; use ${n} (or _ to skip one)`, span);
  } else if (!step.tuple && step.targets.length === 1 && n !== 1) {
    const names = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i)).join(', ');
    r('parse-error', n === 0 ? `${shown}; drop '${step.targets[0].name} ='` : `${shown}; bind them with (${names}) = ${sequenceName(step.callee)}(...)`, span);
  }
}

function bindAll(step: Extract<Step, { kind: 'call' }>, scope: Map<string, StaticType>, sig: Signature | null): void {
  step.targets.forEach((t, i) => {
    if (t.name === '_') return;
    const vt = sig?.results[i];
    scope.set(t.name, vt === 'i32' || vt === 'i64' ? 'int' : vt === 'f32' || vt === 'f64' ? 'float' : 'any');
  });
}

/**
 * Resolves every `&name` of a sequence read without the rest of validation (an exported host,
 * which takes names the module registers at run time); the first it cannot, as a located error.
 */
export function resolveSequenceStatics(seq: Sequence, statics: readonly StaticVariable[] | undefined): MemscopeError | null {
  for (const step of seq.steps) {
    try {
      for (const e of stepExprs(step)) resolveStatics(e, statics);
    } catch (e) {
      if (!(e instanceof SequenceFault) || !e.span) throw e;
      return locatedError(e.code, e.message, { file: seq.file, source: step.source }, e.span);
    }
  }
  return null;
}
