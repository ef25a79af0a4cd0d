// A sequence name that is also a name the Go or Rust host program declares got no trailing
// underscore, so the program did not build: `checkStep = 1` made Go's checkStep() no function,
// `fround = 1` hid Rust's. The preludes' top-level names are read from their text here, so a
// function added to a prelude and not to the reserved list fails this test, not a user's build.
// (The JavaScript host keeps bindings in an object: its names cannot collide.)

import { describe, expect, it } from 'vitest';
import { GO_HELPERS } from './go-prelude.ts';
import { RUST_HELPERS } from './rust-prelude.ts';
import { ident } from './names.ts';

const declared = (text: string, pattern: RegExp): string[] => [...text.matchAll(pattern)].map((m) => m[1]!);

describe('names the host programs declare are reserved', () => {
  it('Go: every top-level func, var, const and type of the prelude', () => {
    const names = declared(GO_HELPERS, /^(?:func|var|const|type) (\w+)/gm);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => ident(n) === n)).toEqual([]);
  });

  it('Rust: every top-level fn, const, static, struct and enum of the prelude', () => {
    const names = declared(RUST_HELPERS, /^(?:pub )?(?:fn|const|static|struct|enum|type) (\w+)/gm);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => ident(n) === n)).toEqual([]);
  });
});
