// Rust legacy symbols from rustc 1.63's name sections (the frames of a real panic), read back.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';
import { demangleNames, demangleRust } from './demangle.ts';
import { inspectFile } from './inspect.ts';

describe('demangleRust', () => {
  it('reads paths, drops the hash, and decodes escapes', () => {
    expect(demangleRust('_ZN4core9panicking18panic_bounds_check17h9e099015b52d9b3bE')).toBe('core::panicking::panic_bounds_check');
    expect(demangleRust('_ZN3std9panicking19begin_panic_handler28_$u7b$$u7b$closure$u7d$$u7d$17h8ef066ac4d1e7406E'))
      .toBe('std::panicking::begin_panic_handler::{{closure}}');
    expect(demangleRust('_ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$16reserve_for_push17h7eba0903ee53ac1aE'))
      .toBe('alloc::raw_vec::RawVec<T,A>::reserve_for_push');
    expect(demangleRust('_ZN44_$LT$$RF$T$u20$as$u20$core..fmt..Display$GT$3fmt17h0123456789abcdefE'))
      .toBe('<&T as core::fmt::Display>::fmt');
  });

  it('leaves alone what is not a legacy symbol', () => {
    for (const name of ['idx', 'rust_begin_unwind', '__rust_alloc', 'std::vector<int>::push_back', '_ZN3foo3barEv', '_ZN3fooE3bar', '_ZNE', '_ZN99tooLongE', '_R7mangled']) {
      expect(demangleRust(name), name).toBeNull();
    }
    // A one-part path keeps its last part even when it looks like a hash.
    expect(demangleRust('_ZN17h0123456789abcdefE')).toBe('h0123456789abcdef');
  });

  it('maps a name section, keeping every other name', () => {
    expect(demangleNames({ 0: 'idx', 6: '_ZN4core9panicking9panic_fmt17h768731f43edd91bfE' })).toEqual({ 0: 'idx', 6: 'core::panicking::panic_fmt' });
  });
});

describe('a Rust module\'s names as inspect gives them', () => {
  it('are demangled, while the toolchain guess still saw the mangled ones', async () => {
    const info = await inspectFile(resolve(HEAP_TESTDATA, 'heap-rust.wasm'));
    if (!info.ok) throw new Error(info.error.message);
    const names = Object.values(info.value.names!.functions);
    expect(names.filter((n) => /^_ZN.*17h[0-9a-f]{16}E$/.test(n))).toEqual([]);
    expect(names).toContain('core::panicking::panic_fmt');
    expect(info.value.toolchain.name).toBe('rust');
    expect(info.value.toolchain.evidence.join('; ')).toMatch(/function name _ZN/);
  });
});
