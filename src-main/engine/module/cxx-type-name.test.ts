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
    // libc++'s strings, whole (templates are outside the grammar): Emscripten's __2, clang's __1.
    ['NSt3__212basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEE', 'std::string'],
    ['NSt3__112basic_stringIwNS_11char_traitsIwEENS_9allocatorIwEEEE', 'std::wstring'],
  ])('%s is %s', (mangled, readable) => {
    expect(cxxTypeName(mangled)).toBe(readable);
  });

  it.each(['NSt3__26vectorIiNS_9allocatorIiEEEE', '', '16short', 'St', 'iX'])(
    'gives null outside its subset: %j', (mangled) => {
      expect(cxxTypeName(mangled)).toBeNull();
    });
});
