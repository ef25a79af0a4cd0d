import { describe, expect, it } from 'vitest';
import { cArray, formatCopy, hexText, structRead, wseqWrite } from './copy-format.ts';

const hello = new TextEncoder().encode('hello from C');

describe('copy formats', () => {
  it('hex and text', () => {
    expect(hexText(hello.subarray(0, 5))).toBe('68 65 6c 6c 6f');
    expect(formatCopy('text', hello, 0)).toBe('hello from C');
  });
  it('a C array, 12 bytes a line, named after its address', () => {
    expect(cArray(hello, 0x10630)).toBe([
      '// 12 bytes at 0x00010630',
      'const unsigned char mem_10630[12] = {',
      '    0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x66, 0x72, 0x6f, 0x6d, 0x20, 0x43,',
      '};',
    ].join('\n'));
    expect(cArray(new Uint8Array(13), 0).split('\n')).toHaveLength(5);
    expect(cArray(new Uint8Array(1), 0).split('\n')[0]).toBe('// 1 byte at 0x00000000');
  });
  it('a .wseq write step that puts the bytes back', () => {
    expect(wseqWrite(hello.subarray(0, 2), 1024)).toBe('write bytes "68 65" @ 0x00000400');
  });
});

describe('interpret selection as struct', () => {
  it('writes a read line with naturally aligned fields', () => {
    expect(structRead(0x10620, 8, 's')).toBe('s = read {at0: u32, at4: u32} @ 0x00010620');
    expect(structRead(0x400, 7)).toBe('st = read {at0: u32, at4: u16, at6: u8} @ 0x00000400');
    expect(structRead(0x401, 3)).toBe('st = read {at0: u16, at2: u8} @ 0x00000401');
  });
});
