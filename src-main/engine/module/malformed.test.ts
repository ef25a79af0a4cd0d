// Hand-assembled malformed modules: each must come back as a malformed-module error value that
// names the section and the exact byte offset (and V8 must agree the bytes are invalid).
import { describe, expect, it } from 'vitest';
import { inspectBytes, readModule } from './inspect.ts';
import { HEADER as H } from './testing/wasm-bytes.ts';

interface Case {
  name: string;
  bytes: number[];
  section: string;
  offset: number;
  message: RegExp;
}

const TYPE_VOID = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]; // bytes 8..13: one type () -> ()
const ASCII = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const CASES: Case[] = [
  { name: 'empty file', bytes: [], section: 'header', offset: 0, message: /the file is empty/ },
  { name: 'truncated header', bytes: [0x00, 0x61, 0x73], section: 'header', offset: 3, message: /ends after 3 bytes/ },
  { name: 'bad magic', bytes: [0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0], section: 'header', offset: 0, message: /bad magic number.*found 00 61 73 6e/ },
  { name: 'a text file', bytes: ASCII('hello world\n'), section: 'header', offset: 0, message: /bad magic number.*68 65 6c 6c$/ },
  { name: 'WebAssembly text', bytes: ASCII('\n  (module (memory 1))\n'), section: 'header', offset: 0, message: /found 0a 20 20 28; this looks like WebAssembly text \(WAT\): build the binary first, e\.g\. `wat2wasm FILE\.wat`/ },
  { name: 'WebAssembly text with a comment first', bytes: ASCII(';; a module\n(module)'), section: 'header', offset: 0, message: /this looks like WebAssembly text/ },
  { name: 'a call sequence', bytes: ASCII('# a demo\n\nmodule "x.wasm"\nf()\n'), section: 'header', offset: 0, message: /found 23 20 61 20; this looks like a call sequence \(\.wseq\), not a module: give it as the sequence/ },
  { name: 'bad version', bytes: [0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0], section: 'header', offset: 4, message: /unsupported version 02 00 00 00/ },
  // id @8, size LEB @9 runs off the end
  { name: 'section size LEB overrun', bytes: [...H, 0x01, 0x80, 0x80], section: 'type', offset: 9, message: /LEB128 section size runs past the end/ },
  // payload @10: a 6-byte LEB
  { name: 'over-long LEB', bytes: [...H, 0x01, 0x06, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], section: 'type', offset: 10, message: /type count is longer than 5 bytes/ },
  { name: 'LEB beyond 32 bits', bytes: [...H, 0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x7f], section: 'type', offset: 10, message: /type count does not fit in 32 bits/ },
  { name: 'section longer than the file', bytes: [...H, 0x01, 0x10, 0x00], section: 'type', offset: 8, message: /declares 16 bytes but only 1 remain in the file/ },
  { name: 'unknown section id', bytes: [...H, 0x0e, 0x00], section: 'unknown (id 14)', offset: 8, message: /^unknown section id 14$/ },
  // import payload @16: count, "env", field len @21, bytes c3 28 @22
  {
    name: 'invalid UTF-8 import name',
    bytes: [...H, ...TYPE_VOID, 0x02, 0x0a, 0x01, 0x03, ...ASCII('env'), 0x02, 0xc3, 0x28, 0x00, 0x00],
    section: 'import', offset: 22, message: /import field name is not valid UTF-8/,
  },
  { name: 'invalid UTF-8 export name', bytes: [...H, 0x07, 0x05, 0x01, 0x01, 0xff, 0x00, 0x00], section: 'export', offset: 12, message: /export name is not valid UTF-8/ },
  // function section declares 2 (@14..18); code count @21 says 1
  {
    name: 'function/code count mismatch',
    bytes: [...H, ...TYPE_VOID, 0x03, 0x03, 0x02, 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b],
    section: 'code', offset: 21, message: /has 1 function bodies but the function section declares 2/,
  },
  { name: 'functions without a code section', bytes: [...H, ...TYPE_VOID, 0x03, 0x02, 0x01, 0x00], section: 'code', offset: 18, message: /missing, but the function section declares 1 functions/ },
  { name: 'sections out of order', bytes: [...H, 0x02, 0x01, 0x00, 0x01, 0x01, 0x00], section: 'type', offset: 11, message: /out of order: it must come before the import section/ },
  { name: 'duplicate section', bytes: [...H, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00], section: 'type', offset: 11, message: /appears a second time/ },
  { name: 'bytes left over in a section', bytes: [...H, 0x01, 0x03, 0x00, 0x00, 0x00], section: 'type', offset: 11, message: /2 bytes left over/ },
  // code: id @18, size @19, count @20, body size @21 = 5 with 1 byte left
  {
    name: 'function body past the section end',
    bytes: [...H, ...TYPE_VOID, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x03, 0x01, 0x05, 0x00],
    section: 'code', offset: 21, message: /body of function 0 is 5 bytes but only 1 remain/,
  },
  { name: 'data count mismatch', bytes: [...H, 0x0c, 0x01, 0x02, 0x0b, 0x01, 0x00], section: 'data', offset: 13, message: /has 0 segments but the data count section says 2/ },
  { name: 'unknown import kind', bytes: [...H, 0x02, 0x06, 0x01, 0x01, 0x61, 0x01, 0x62, 0x09], section: 'import', offset: 15, message: /import a\.b has unknown kind 0x09/ },
  { name: 'unknown value type', bytes: [...H, 0x01, 0x05, 0x01, 0x60, 0x01, 0x40, 0x00], section: 'type', offset: 13, message: /unknown parameter type 0x40/ },
  { name: 'export index out of range', bytes: [...H, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00], section: 'export', offset: 14, message: /export "f" refers to func 0, but there are only 0/ },
  // global: count @10, type @11, mut @12, i32.const @13, LEB @14 whose 5th byte sets unused bits
  {
    name: 'i32.const beyond 32 bits',
    bytes: [...H, 0x06, 0x0a, 0x01, 0x7f, 0x00, 0x41, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b],
    section: 'global', offset: 14, message: /i32\.const does not fit in 32 bits/,
  },
  { name: 'custom section name past its end', bytes: [...H, 0x00, 0x02, 0x05, 0x41], section: 'custom', offset: 10, message: /section name of 5 bytes runs past the end/ },
  { name: 'invalid UTF-8 custom section name', bytes: [...H, 0x00, 0x03, 0x02, 0xff, 0xfe], section: 'custom', offset: 11, message: /section name is not valid UTF-8/ },
  { name: 'bad memory flags', bytes: [...H, 0x05, 0x03, 0x01, 0x08, 0x01], section: 'memory', offset: 11, message: /memory limits flags 0x08 has unknown bits/ },
];

describe('malformed modules', () => {
  for (const c of CASES) {
    it(`${c.name}: section ${c.section}, byte offset ${c.offset}`, () => {
      const bytes = new Uint8Array(c.bytes);
      const result = inspectBytes(bytes);
      expect(WebAssembly.validate(bytes)).toBe(false);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('malformed-module');
      expect(result.error.where).toEqual({ offset: c.offset, section: c.section });
      expect(result.error.message).toMatch(c.message);
      if (c.section !== 'header' && !c.section.startsWith('unknown')) {
        expect(result.error.message.startsWith(`${c.section} section: `)).toBe(true);
      }
    });
  }
});

describe('errors only V8 finds', () => {
  it('an invalid function body is rejected with V8 reason, offset and our section name', () => {
    // code: id @18, size @19, count @20, body size @21, locals @22, i32.add @23 (empty stack)
    const bytes = new Uint8Array([...H, ...TYPE_VOID, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x6a, 0x0b]);
    expect(readModule(bytes).ok).toBe(true);
    const result = inspectBytes(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('malformed-module');
    expect(result.error.where?.section).toBe('code');
    expect(result.error.where?.offset).toBe(23);
    expect(result.error.message).toMatch(/^code section: Compiling function #0 failed: .*\(rejected by V8\)$/);
  });

  it('a valid module using what this V8 does not run says so before V8\'s words', () => {
    // memory section: one memory, flags 0x04 (64-bit), minimum 1; then two 32-bit memories.
    const cases: [number[], RegExp][] = [
      [[0x05, 0x03, 0x01, 0x04, 0x01], /^the module uses a 64-bit memory \(memory64\), which the WebAssembly engine Memscope runs on \(V8 [\d.]+[^)]*\) does not support; memory section: .*\(rejected by V8\)$/],
      [[0x05, 0x05, 0x02, 0x00, 0x01, 0x00, 0x01], /^the module uses 2 memories \(multi-memory\), which .* does not support; memory section: /],
    ];
    for (const [section, message] of cases) {
      const result = inspectBytes(new Uint8Array([...H, ...section]));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('unsupported');
      expect(result.error.message).toMatch(message);
    }
  });

  it('a malformed name section is a warning, since engines ignore it', () => {
    // custom "name": subsection 1 of declared size 9 with nothing after it
    const bytes = new Uint8Array([...H, 0x00, 0x07, 0x04, ...ASCII('name'), 0x01, 0x09]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const result = inspectBytes(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.warnings).toEqual([expect.stringMatching(/^custom section "name" ignored from byte offset 16: name subsection 1 declares 9 bytes but only 0 remain$/)]);
    expect(result.value.customSections).toEqual([{ name: 'name', offset: 15, size: 2 }]);
  });
});
