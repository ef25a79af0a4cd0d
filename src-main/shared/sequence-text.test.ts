import { describe, expect, it } from 'vitest';
import { firstNonUtf8, sequenceText } from './sequence-text.ts';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('sequenceText', () => {
  it('reads UTF-8 as text, a byte-order mark dropped', () => {
    expect(sequenceText(bytes([0xef, 0xbb, 0xbf], 'write utf8 "café" @ 0\n'), 'a.wseq')).toEqual({ ok: true, value: 'write utf8 "café" @ 0\n' });
  });

  it('names the line, column and offset of a byte that is not UTF-8, with the line to caret under', () => {
    // As the CLI prints it (file-inputs.test.ts): `latin1.wseq:2:16: byte 0xe9 …`, the line, a caret.
    const latin1 = bytes('module "trap.wasm"\r\nwrite utf8 "caf', [0xe9], '" @ 0\r\nb = 1\n');
    expect(sequenceText(latin1, 'latin1.wseq')).toEqual({
      ok: false,
      error: {
        code: 'parse-error',
        message: 'byte 0xe9 (offset 35 in the file) is not UTF-8: sequences are UTF-8 text; save the file as UTF-8',
        where: { file: 'latin1.wseq', line: 2, column: 16, source: 'write utf8 "caf\ufffd" @ 0', length: 1 },
      },
    });
  });

  it('counts columns after a multi-byte character and a byte-order mark as the parser does', () => {
    const text = sequenceText(bytes([0xef, 0xbb, 0xbf], 'é = ', [0xff]), 'b.wseq');
    expect(!text.ok && text.error.where).toMatchObject({ line: 1, column: 5 });
  });
});

describe('firstNonUtf8', () => {
  it('finds overlong forms, surrogates, code points past U+10FFFF and a character the file ends inside', () => {
    expect(firstNonUtf8(bytes('ab', [0xc0, 0xaf]))).toBe(2);
    expect(firstNonUtf8(bytes('a', [0xe0, 0x80, 0xaf]))).toBe(1);
    expect(firstNonUtf8(bytes([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstNonUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstNonUtf8(bytes('€', [0xe2, 0x82]))).toBe(3);
  });

  it('agrees with the strict decoder on every short byte string of interesting bytes', () => {
    const interesting = [0x41, 0x7f, 0x80, 0xbf, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x9f, 0xa0, 0x8f, 0x90];
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    for (const a of interesting) for (const b of interesting) for (const c of interesting) {
      const s = new Uint8Array([a, b, c]);
      let valid = true;
      try { strict.decode(s); } catch { valid = false; }
      expect(firstNonUtf8(s) === s.length, `${[a, b, c].map((x) => x.toString(16))}`).toBe(valid);
    }
  });
});

describe('a module where the sequence goes', () => {
  it('is read as text, for the parser to say it is a module', () => {
    const text = sequenceText(bytes([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]), 'm.wasm');
    expect(text.ok && text.value.startsWith('\0asm')).toBe(true);
  });
});
