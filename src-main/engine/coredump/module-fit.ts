// Whether a module file is the one a coredump was taken of, for the page's Open Memory Image and
// the CLI's `snapshot --module`. A dump records names only, no hash (ours: the module's file
// name as process and module; wasmtime's CLI: the program it ran as process, each module's
// name-section name or `<anonymous-module-N>`; wasmtime's library: a fixed "store_name" as
// process), so the structure decides: a module whose functions or globals cannot be the dumped
// ones is not it. Names that differ alone (a renamed file, a rebuilt one) are only said.

import type { ModuleInfo, NameSection } from '../../shared/dto.ts';
import { count } from '../../shared/count.ts';
import { hexAddress } from '../../shared/hex.ts';
import type { Coredump } from './model.ts';

/**
 * Why `moduleFile` cannot be the module the dump was taken of, or null: a frame calls a function
 * it does not have or stands past the end of one's body, or the instance's globals are not its
 * globals (how many, their types and mutability).
 */
export function notTheDumpedModule(dump: Coredump, dumpFile: string, moduleFile: string, info: ModuleInfo): string | null {
  const named = recordedNames(dump);
  const lead = `${moduleFile} is not the module ${dumpFile} was dumped from${named.length > 0 ? ` (it names ${named.join(', ')})` : ''}`;
  const imported = info.imports.filter((i) => i.kind === 'func').length;
  const functions = imported + info.functionCount;
  const module = givenModule(dump, moduleFile, info.names);
  for (const thread of dump.threads) {
    // Frames of other instances' modules (in a dump of several) are not this module's.
    const own = thread.frames.filter((f) => runsModule(dump, f.instance, module));
    const frame = own.find((f) => f.funcIndex >= functions);
    if (frame) return `${lead}: thread "${thread.name}" has a frame in function ${frame.funcIndex}${placed(frame)}, but ${moduleFile} has ${count(functions, 'function')}`;
    // A code offset counts from the body's start (wasmtime's may count from its size field, at
    // most 5 bytes before it); one past the end was shown as in the function, with no source line.
    const past = own.find((f) => f.funcIndex >= imported && f.codeOffset >= info.codeSizes[f.funcIndex - imported]! + 5);
    if (past) {
      return `${lead}: thread "${thread.name}" has a frame in function ${past.funcIndex} at +${hexAddress(past.codeOffset)}${placed(past)}, past the end of its ${info.codeSizes[past.funcIndex - imported]}-byte body in ${moduleFile}`;
    }
  }
  // Instance globals cover the module's whole index space, imported ones too.
  const order = instanceGlobals(dump, module);
  if (order.length !== info.globals.length) return `${lead}: the dump holds ${count(order.length, 'global')}${placed(globalsListed(dump, module))}, ${moduleFile} declares ${info.globals.length}`;
  const text = (g: { type: string; mutable: boolean }) => `${g.mutable ? 'mutable ' : ''}${g.type}`;
  for (const [index, at] of order.entries()) {
    const held = dump.globals[at];
    const declared = info.globals[index]!;
    if (held && (held.value.type !== declared.type || held.mutable !== declared.mutable)) {
      return `${lead}: global ${index} is ${text({ type: held.value.type, mutable: held.mutable })} in the dump${placed(held)}, ${text(declared)} in ${moduleFile}`;
    }
  }
  return null;
}

/**
 * The names the dump records for what it was taken of, when none is `moduleFile`'s (its file
 * name without folders, or its name section's module name); null when one is, or when the dump
 * records no name worth comparing.
 */
export function otherDumpedName(dump: Coredump, moduleFile: string, names: NameSection | null): string | null {
  const recorded = recordedNames(dump);
  if (recorded.length === 0) return null;
  return recorded.some(namesFile(moduleFile, names)) ? null : recorded.join(', ');
}

/** The process and module names the dump records, without placeholders (`<anonymous-module-0>`, wasmtime's library's "store_name", ''). */
function recordedNames(dump: Coredump): string[] {
  return [...new Set([dump.processName, ...dump.modules].filter((n) => n !== '' && n !== 'store_name' && !/^<.*>$/.test(n)))];
}

/**
 * Which of the dump's modules a module file given beside it is taken to be: the one the dump
 * names as it (the file's name without folders, or its name section's module name) when exactly
 * one does; else instance 0's. A dump Memscope writes has one module and instance; wasmtime's CLI
 * names each module and instantiates `--preload` modules first, so instance 0 may be another's
 * and the name is the better guide when there is one.
 */
export function givenModule(dump: Coredump, moduleFile: string, names: NameSection | null): number {
  const isFile = namesFile(moduleFile, names);
  const matching = dump.modules.flatMap((n, i) => (isFile(n) ? [i] : []));
  return matching.length === 1 ? matching[0]! : dump.instances[0]?.module ?? 0;
}

/** Whether frames in `instance` run the dump's module `module` (a dump listing no instances ran one module). */
export function runsModule(dump: Coredump, instance: number, module: number): boolean {
  return dump.instances.length === 0 || dump.instances[instance]?.module === module;
}

/**
 * The memory a dump is read at when none is named: the first memory of the instance the
 * innermost frame runs in (the trap's), else of `module`'s first instance. Memory 0 was read,
 * which with the trap in another instance was that instance's neighbour's memory, shown as the
 * one. `instance` is null for a dump listing no instances (hand-made ones: memory 0 is the only
 * candidate); `index` is null when the chosen instance has no memory.
 */
export function trapMemory(dump: Coredump, module: number): { instance: number | null; index: number | null } {
  if (dump.instances.length === 0) return { instance: null, index: dump.memories.length > 0 ? 0 : null };
  const inner = dump.threads.flatMap((t) => t.frames)[0];
  const at = inner && dump.instances[inner.instance] ? inner.instance : Math.max(0, dump.instances.findIndex((i) => i.module === module));
  const index = dump.instances[at]?.memories[0];
  return { instance: at, index: index !== undefined && dump.memories[index] ? index : null };
}

/** Why a dump has nothing to read at `instance` (trapMemory's null index), for the page and the CLI. */
export function noMemoryText(dump: Coredump, instance: number): string {
  const n = dump.memories.length;
  if (n === 0) return 'the dump has no memory';
  return `instance ${instance} has no memory; ${n === 1 ? "the dump's one memory is another instance's" : `the dump's ${n} memories are other instances'`}`;
}

/** The dump's globals of the first instance of `module`, in its index order (all of them when the dump lists no instances). */
export function instanceGlobals(dump: Coredump, module: number): number[] {
  if (dump.instances.length === 0) return dump.globals.map((_g, i) => i);
  return dump.instances.find((i) => i.module === module)?.globals ?? [];
}

/**
 * What in the dump says how many globals the module's instance has: the instance (its list of
 * globals), or with no instances listed the global section's first global (nothing, with none).
 */
function globalsListed(dump: Coredump, module: number): { at?: number } {
  if (dump.instances.length === 0) return dump.globals[0] ?? {};
  return dump.instances.find((i) => i.module === module) ?? {};
}

/** Where a frame, instance or global sits in the dump, as other dump errors say it: the refusal named both files, but not which bytes. */
const placed = (f: { at?: number }): string => (f.at === undefined ? '' : ` (byte offset ${f.at})`);

const base = (n: string): string => n.replace(/^.*[\\/]/, '');

/** Whether a name the dump records is the module file's: its name without folders, or its name section's module name. */
function namesFile(moduleFile: string, names: NameSection | null): (recorded: string) => boolean {
  const given = new Set([base(moduleFile), ...(names?.module ? [names.module] : [])]);
  return (recorded) => given.has(base(recorded)) || given.has(recorded);
}
