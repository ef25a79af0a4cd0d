// The source line of a code offset given as a coredump frame gives it: relative to the start of a
// function's body. Apart from dwarf/index.ts, which the guest's worker loads: this one needs the
// module reader (its code starts), which the worker's chunk does without (cli/built-js.test.ts).

import type { SourceLine } from '../../shared/dto.ts';
import { moduleLines } from './dwarf/index.ts';
import { readModule } from './inspect.ts';

/** `at(funcIndex, codeOffset)` (imports counted in the index) from the module's line table; null without one. */
export function functionSourceAt(bytes: Uint8Array): ((funcIndex: number, codeOffset: number) => SourceLine | null) | null {
  const m = readModule(bytes);
  if (!m.ok) return null;
  const read = moduleLines(bytes, m.value.customSections);
  if (!read || !('lines' in read)) return null;
  const { codeStarts, importFuncTypes } = m.value;
  return (funcIndex, codeOffset) => {
    const start = codeStarts[funcIndex - importFuncTypes.length];
    return start === undefined ? null : read.lines.at(start + codeOffset);
  };
}
