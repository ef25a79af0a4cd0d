// `memscope inspect` names past ASCII that would drive the terminal or reorder the row: the C1
// controls (U+009B is CSI) and the bidirectional overrides and isolates are escaped as `\u{NNNN}`;
// other text past ASCII prints as it is.

import { describe, expect, it } from 'vitest';
import { nameText } from './inspect-format.ts';

describe('inspect: names past ASCII', () => {
  it('escapes C1 controls and bidirectional controls, keeps the rest', () => {
    expect(nameText('a\u009b2Jb')).toBe('"a\\u{9b}2Jb"');
    expect(nameText('x\u202eevil')).toBe('"x\\u{202e}evil"');
    expect(nameText('\u2066i\u2069')).toBe('"\\u{2066}i\\u{2069}"');
    expect(nameText('a\u001b[31m\u0085')).toBe('"a\\x1b[31m\\u{85}"');
    expect(nameText('größe_日本')).toBe('größe_日本');
    expect(nameText('del\x7f')).toBe('"del\\x7f"');
  });
});
