// Type names as libc++'s type_info holds them, from Emscripten 3.1.6 and clang++-19 builds.

import { describe, expect, it } from 'vitest';
import { cxxTypeName } from './cxx-type-name.ts';

describe('cxxTypeName', () => {
  it.each([
    ['St16invalid_argument', 'std::invalid_argument'],
    ['St13runtime_error', 'std::runtime_error'],
    ['NSt3__112system_errorE', 'std::system_error'],
    ['N5shape6CircleE', 'shape::Circle'],
    ['9ParseFail', 'ParseFail'],
    ['i', 'int'],
    ['PKc', 'const char*'],
    ['RK9ParseFail', 'const ParseFail&'],
  ])('%s is %s', (mangled, readable) => {
    expect(cxxTypeName(mangled)).toBe(readable);
  });

  it.each(['NSt3__112basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEE', '', '16short', 'St', 'iX'])(
    'gives null outside its subset: %j', (mangled) => {
      expect(cxxTypeName(mangled)).toBeNull();
    });
});
