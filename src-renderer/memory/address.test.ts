import { describe, expect, it } from 'vitest';
import { addressDigits, formatAddress, namedAddress, parseAddress } from './address.ts';

describe('parseAddress', () => {
  it('reads 0x hex, decimal and bare hex', () => {
    expect(parseAddress('0x10')).toBe(16);
    expect(parseAddress('0XfF')).toBe(255);
    expect(parseAddress(' 4096 ')).toBe(4096);
    expect(parseAddress('1f40')).toBe(0x1f40);
    expect(parseAddress('0x1_0000')).toBe(0x10000);
  });
  it('reaches the last byte of 4 GiB and beyond', () => {
    expect(parseAddress('0xffffffff')).toBe(4294967295);
    expect(parseAddress('4294967296')).toBe(2 ** 32);
  });
  it('leaves names and expressions to the evaluator', () => {
    expect(parseAddress('face', (s) => s === 'face')).toBeNull();
    expect(parseAddress('face')).toBe(0xface);
    expect(parseAddress('s.ptr')).toBeNull();
    expect(parseAddress('ret + 4')).toBeNull();
    expect(parseAddress('')).toBeNull();
    expect(parseAddress('-4')).toBeNull();
  });
  it('rejects values past 2^53', () => {
    expect(parseAddress('0xffffffffffffffffff')).toBeNull();
  });
});

describe('formatAddress', () => {
  it('pads to 8 hex digits and handles addresses above 2^31', () => {
    expect(formatAddress(16)).toBe('0x00000010');
    expect(formatAddress(0xfffffff0)).toBe('0xfffffff0');
    expect(formatAddress(2 ** 33, addressDigits(2 ** 34))).toBe('0x200000000');
  });
  it('needs 8 digits up to 4 GiB', () => {
    expect(addressDigits(2 ** 32)).toBe(8);
    expect(addressDigits(2 ** 32 + 65536)).toBe(9);
  });
});

describe('namedAddress', () => {
  const regions = [
    { name: 'ret', start: 0x10620, createdStep: 0 },
    { name: 'text', start: 0x10630, createdStep: 3 },
    { name: 'ret', start: 0x20000, createdStep: 5 },
  ];
  const bindings = {
    edge: { kind: 'text' as const, value: 'END', encoding: 'utf8' as const, address: 0xfffff0, byteLength: 3 },
    raw: { kind: 'bytes' as const, hex: '00', address: 64 },
    n: { kind: 'int' as const, value: '12' },
  };
  it('takes the newest region of that name, then a text or bytes binding\'s address', () => {
    expect(namedAddress('text', regions, bindings)).toBe(0x10630);
    expect(namedAddress(' ret ', regions, bindings)).toBe(0x20000);
    expect(namedAddress('edge', regions, bindings)).toBe(0xfffff0);
    expect(namedAddress('raw', regions, bindings)).toBe(64);
  });
  it('leaves integers, expressions and unknown names to the expression evaluator', () => {
    expect(namedAddress('n', regions, bindings)).toBeNull();
    expect(namedAddress('ret + 4', regions, bindings)).toBeNull();
    expect(namedAddress('nope', regions, bindings)).toBeNull();
    expect(namedAddress('toString', regions, bindings)).toBeNull();
  });
});
