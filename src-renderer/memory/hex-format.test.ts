import { describe, expect, it } from 'vitest';
import { asciiChar, bytesToHex, formatRowText, hexByte } from './hex-format.ts';

describe('hex/ASCII formatting', () => {
  it('formats bytes as two hex digits', () => {
    expect(hexByte(0)).toBe('00');
    expect(hexByte(0xab)).toBe('ab');
    expect(hexByte(undefined)).toBe('··');
  });
  it('shows printable ASCII only', () => {
    expect(asciiChar(0x41)).toBe('A');
    expect(asciiChar(0x20)).toBe(' ');
    expect(asciiChar(0x7e)).toBe('~');
    expect(asciiChar(0x7f)).toBe('.');
    expect(asciiChar(0x0a)).toBe('.');
    expect(asciiChar(0xe9)).toBe('.');
  });
  it('formats a row and spaced hex', () => {
    expect(formatRowText([0x68, 0x69, 0, undefined])).toBe('68 69 00 ··  hi. ');
    expect(bytesToHex(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))).toBe('de ad be ef');
  });
});
