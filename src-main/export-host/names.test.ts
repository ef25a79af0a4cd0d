// A sequence name that is also a name the Go or Rust host program declares got no trailing
// underscore, so the program did not build: `checkStep = 1` made Go's checkStep() no function,
// `fround = 1` hid Rust's. The reserved names are the preludes' top-level names, read from their
// text (PRELUDE_NAMES), so a function added to a prelude is reserved with it.
// (The JavaScript host keeps bindings in an object: its names cannot collide.)

import { describe, expect, it } from 'vitest';
import { ident, PRELUDE_NAMES } from './names.ts';

describe('names the host programs declare are reserved', () => {
  it("reads every top-level name of both preludes, each of a Go declaration's names", () => {
    expect(PRELUDE_NAMES.length).toBeGreaterThan(100);
    // Go: func, var (both of `var stepLine, stepColumn int`), type; Rust: fn, const, struct.
    expect(PRELUDE_NAMES).toEqual(expect.arrayContaining(['checkStep', 'stepLine', 'stepColumn', 'guestOut', 'guestErr', 'deterministic',
      'fround', 'STEP_TEXT', 'Bound']));
  });

  it('renames each of them, as a keyword', () => {
    expect(PRELUDE_NAMES.filter((n) => ident(n) === n)).toEqual([]);
    expect(ident('checkStep')).toBe('checkStep_');
    expect(ident('fround')).toBe('fround_');
    expect(ident('steps')).toBe('steps');
  });
});
