import { describe, expect, it } from 'vitest';
import { formatLocation } from './error-format.ts';

describe('error locations in words', () => {
  it('says which file, section and byte offset a malformed module failed at', () => {
    expect(formatLocation({ file: 'bad.wasm', offset: 8, section: 'type' })).toBe('bad.wasm: type section, byte offset 8 (0x8)');
    expect(formatLocation({ offset: 300 })).toBe('byte offset 300 (0x12c)');
    expect(formatLocation({ file: 'bad.wasm', offset: 8, section: 'type' }, 'type section: declares 5 bytes')).toBe('bad.wasm: byte offset 8 (0x8)');
  });
  it('gives a sequence position as line:column', () => {
    expect(formatLocation({ file: 'a.wseq', line: 3, column: 7 })).toBe('a.wseq: line 3:7');
    expect(formatLocation({ line: 3 })).toBe('line 3');
  });
  it('is empty without a location', () => {
    expect(formatLocation(undefined)).toBe('');
    expect(formatLocation({})).toBe('');
  });
});
