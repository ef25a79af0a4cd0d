// The shared strings of a session's step ring (wire-codec.ts): strings its records repeat that
// both ends know before the first step, so each is written as its index, not its text.
//
// Why: a record's strings (the export a call called, the names a step binds as keys, a struct
// read's type text, a block's allocating export) were written out at every step and read back
// into new strings, the reading one call into Node's Buffer code each (~17 a string-return story).

import type { FieldType } from './sequence/ast.ts';
import type { WorkerInit } from './protocol.ts';

/** Longest string shared; longer ones are rare in records and written out. */
const MAX_SHARED_LENGTH = 256;

/**
 * The module's function export names, then the names and type texts of the sequence's steps, in
 * step order, each once: the same list at both ends, as both build it from the same WorkerInit.
 */
export function sharedStrings(init: Pick<WorkerInit, 'info' | 'sequence'>): string[] {
  const out = new Set<string>();
  for (const e of init.info.exports) if (e.kind === 'func') out.add(e.name);
  for (const step of init.sequence?.parsed.steps ?? []) {
    switch (step.kind) {
      case 'call':
        out.add(step.callee);
        for (const target of step.targets) out.add(target.name);
        break;
      case 'assign':
        out.add(step.target.name);
        break;
      case 'read':
        if (step.target) out.add(step.target.name);
        out.add(step.typeText);
        if (step.type.kind === 'struct') addFields(step.type, out);
        break;
      case 'write':
        if (step.target) out.add(step.target.name);
        break;
      default:
        break;
    }
  }
  return [...out].filter((s) => s.length <= MAX_SHARED_LENGTH);
}

/** A struct type's field names, nested structs' too. */
function addFields(type: FieldType, out: Set<string>): void {
  if (type.kind !== 'struct') return;
  for (const field of type.fields) {
    out.add(field.name);
    addFields(field.type, out);
  }
}

/** `strings` by id, for the writing end. */
export function sharedIds(strings: readonly string[]): Map<string, number> {
  return new Map(strings.map((s, id) => [s, id]));
}
