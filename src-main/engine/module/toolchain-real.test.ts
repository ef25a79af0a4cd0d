// Toolchain evidence learned from real modules of compilers other than clang-14: Go 1.19's
// `go.buildid` section and a Rust library shipped without names or producers.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from './inspect.ts';

function inspect(url: URL) {
  const r = inspectBytes(new Uint8Array(readFileSync(url)));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('toolchain evidence from real modules', () => {
  it('Go 1.19 js/wasm: the build id section is spelled go.buildid', () => {
    const go = inspect(new URL('../../../resources/examples/go-hello/go-hello.wasm', import.meta.url));
    expect(go.toolchain.name).toBe('go');
    expect(go.toolchain.evidence).toContain('custom section go.buildid');
    // runtime.memequal is cited once, by the clue that says why it means Go.
    expect(go.toolchain.evidence.filter((e) => e.includes('runtime.memequal'))).toEqual(["function name runtime.memequal without an exported malloc (Go's runtime)"]);
    // Built with -ldflags=-s: no name section, the section and the imports still say Go.
    const fmt = inspect(new URL('../host/testdata/go-lib/go-lib.wasm', import.meta.url));
    expect(fmt.names).toBeNull();
    expect(fmt.toolchain.evidence[0]).toBe('custom section go.buildid');
  });

  it('Rust 1.63 stripped of names and producers: std panic locations in the data', () => {
    const rust = inspect(new URL('./testdata/rust-stripped/rust-stripped.wasm', import.meta.url));
    expect(rust.names).toBeNull();
    expect(rust.producers).toEqual({});
    expect(rust.toolchain).toEqual({ name: 'rust', evidence: ["data mentions library/std/src/… (Rust std's panic locations)"] });
  });
});
