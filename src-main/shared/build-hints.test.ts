// namesHint: why a module's functions have no names. A module with a name section was not
// stripped, so the hint does not say it was (the real reader's warning: cli/inspect-name-section-hint.test.ts).

import { describe, expect, it } from 'vitest';
import { namesHint } from './build-hints.ts';
import type { ModuleInfo, NameSection } from './dto.ts';

function info(names: NameSection | null, warnings?: string[]): ModuleInfo {
  return {
    size: 40, kind: 'library', toolchain: { name: 'unknown', evidence: [] }, allocator: null, imports: [], exports: [],
    functionCount: 1, tables: [], memories: [], globals: [], start: null, elementSegments: 0, dataCount: null, codeSizes: [2],
    dataSegments: [], customSections: names ? [{ name: 'name', offset: 30, size: 5 }] : [], names, producers: {},
    targetFeatures: [], dwarf: [], ...(warnings ? { warnings } : {}),
  };
}

const NONE = 'none: calls, writers, heap owners and trap stacks show its functions as func[N]; ';

describe('namesHint', () => {
  it('no name section: a build step stripped it', () => {
    expect(namesHint(info(null))).toBe(`${NONE}a build step stripped the name section (wasm-opt without -g, wasm-strip, or wasm-ld --strip-all)`);
  });

  it('a malformed name section, ignored before its function names: says so, not that it was stripped', () => {
    const hint = namesHint(info({ functions: {} }, ['custom section "name" ignored from byte offset 35: function name of 9 bytes runs past the end']));
    expect(hint).toBe(`${NONE}its name section is malformed and was ignored from where it breaks, before any function name (the warning says where and why)`);
  });

  it('a well-formed name section without function names', () => {
    expect(namesHint(info({ functions: {}, module: 'm' }))).toBe(`${NONE}its name section holds no function names`);
  });

  it('function names kept before the section broke: no hint', () => {
    expect(namesHint(info({ functions: { 0: 'f' } }, ['custom section "name" ignored from byte offset 40: …']))).toBeNull();
  });
});
