// `memscope inspect` on a module whose name section the reader ignored as malformed: the names
// row says so (the warning row gives where and why), not that a build step stripped the section.

import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../engine/index.ts';
import { wasmBytes } from '../engine/testing.ts';
import { formatSummary } from './inspect-format.ts';

const { body, custom, funcType, module, section, u32, vec } = wasmBytes;

function rows(bytes: Uint8Array, label: string): string[] {
  const info = inspectBytes(bytes);
  if (!info.ok) throw new Error(info.error.message);
  return formatSummary('m.wasm', info.value).split('\n').filter((l) => l.startsWith(`  ${label.padEnd(10)}  `)).map((l) => l.slice(14));
}

const ONE_FUNCTION = [section(1, vec([funcType([], [])])), section(3, vec([u32(0)])), section(10, vec([body()]))];

describe('inspect: a name section without function names', () => {
  it('malformed (a function name runs past its subsection): the names row points at the warning', () => {
    // Subsection 1 of 5 bytes: one entry, function 0, a name of 9 bytes where 2 remain.
    const bytes = module(...ONE_FUNCTION, custom('name', [1, 5, 1, 0, 9, 0x66, 0x66]));
    expect(rows(bytes, 'names')).toEqual(['none: calls, writers, heap owners and trap stacks show its functions as func[N]; '
      + 'its name section is malformed and was ignored from where it breaks, before any function name (the warning says where and why)']);
    expect(rows(bytes, 'warning')).toEqual(['custom section "name" ignored from byte offset 35: function name of 9 bytes runs past the end']);
  });

  it('an empty one, then a second one (ignored): says so, not malformed', () => {
    const bytes = module(...ONE_FUNCTION, custom('name', []), custom('name', [1, 4, 1, 0, 1, 0x66]));
    expect(rows(bytes, 'names')).toEqual(['none: calls, writers, heap owners and trap stacks show its functions as func[N]; '
      + 'it has two name sections: the first holds no function names, and the second was ignored (a module has at most one; the warning says where)']);
    expect(rows(bytes, 'warning')).toEqual(['custom section "name" ignored from byte offset 38: a second name section']);
  });

  it('none at all: a build step stripped it', () => {
    expect(rows(module(...ONE_FUNCTION), 'names')).toEqual(['none: calls, writers, heap owners and trap stacks show its functions as func[N]; '
      + 'a build step stripped the name section (wasm-opt without -g, wasm-strip, or wasm-ld --strip-all)']);
  });
});
