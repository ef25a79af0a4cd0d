// frameSize on hand-made bodies: the prologue LLVM writes without optimisation (frame-size.ts
// shows it), and the near misses that must not read as a frame size. Real builds are covered
// through ModuleInfo.frameLocals (dwarf/frames.test.ts: scale 32 B, scale_twice 16 B, put 16 B).

import { describe, expect, it } from 'vitest';
import { frameSize } from './frame-size.ts';

/** One local group (3 × i32), then `ops`, then end. */
function body(ops: number[]): Uint8Array {
  return new Uint8Array([0x01, 0x03, 0x7f, ...ops, 0x0b]);
}

/** global.get 0; local.set 2; i32.const <n>; local.set 3; local.get 2; local.get 3; i32.sub; local.set <base> */
const prologue = (n: number[], base = 4): number[] => [0x23, 0x00, 0x21, 0x02, 0x41, ...n, 0x21, 0x03, 0x20, 0x02, 0x20, 0x03, 0x6b, 0x21, base];

const sizeOf = (b: Uint8Array, base = 4): number | null => frameSize(b, 0, b.length, base);

describe('frameSize', () => {
  it('reads N of the prologue that sets the frame-base local, N as a signed LEB', () => {
    expect(sizeOf(body(prologue([0x20])))).toBe(32);
    expect(sizeOf(body(prologue([0x80, 0x01])))).toBe(128); // 0x80 0x01: two bytes, as clang writes 128
    expect(sizeOf(body([...prologue([0x10]), 0x20, 0x04, 0x24, 0x00]))).toBe(16); // a caller sets __stack_pointer next
  });

  it('is null when the local set last is not the frame base, N is negative, or the shape differs', () => {
    expect(sizeOf(body(prologue([0x20])), 5)).toBeNull();
    expect(sizeOf(body(prologue([0x60])))).toBeNull(); // i32.const -32
    const swapped = prologue([0x20]);
    [swapped[9], swapped[11]] = [swapped[11]!, swapped[9]!]; // local.get b; local.get a: SP - N read backwards
    expect(sizeOf(body(swapped))).toBeNull();
    expect(sizeOf(body([0x41, 0x00, 0x0f]))).toBeNull(); // i32.const 0; return
    expect(sizeOf(body(prologue([0x20]).slice(0, 9)))).toBeNull(); // cut short
  });
});
