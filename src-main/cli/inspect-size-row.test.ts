// `memscope inspect`'s size row counts functions as the rest of the summary counts things:
// "1 function", not "1 functions".

import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../engine/index.ts';
import { formatSummary } from './inspect-format.ts';

/** (module (func (export "f") (result i32) i32.const 1)), as wat2wasm writes it. */
const ONE_FUNCTION = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x0b,
]);

describe('inspect: the size row', () => {
  it('says "1 function" for a module with one', () => {
    const info = inspectBytes(ONE_FUNCTION);
    if (!info.ok) throw new Error(info.error.message);
    expect(formatSummary('m.wasm', info.value).split('\n')[1]).toBe('  size        34 B; 1 function, 4 B of code');
  });
});
