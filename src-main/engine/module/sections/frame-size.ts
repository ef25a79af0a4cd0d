// The size of a function's stack frame in linear memory, from the prologue LLVM's wasm backend
// writes without optimisation (clang -O0, rustc opt-level 0), whose DWARF frame base is the
// wasm local it sets last:
//
//   global.get $__stack_pointer   ;; 23 sp     the stack pointer at the call
//   local.set a                   ;; 21 a
//   i32.const N                   ;; 41 N      the frame's size
//   local.set b                   ;; 21 b
//   local.get a                   ;; 20 a
//   local.get b                   ;; 20 b
//   i32.sub                       ;; 6b
//   local.set base                ;; 21 base   the frame base (DW_AT_frame_base names this local)
//
// So a frame base is the stack pointer at the call minus N. A function that calls sets
// __stack_pointer to its frame base first (global.set right after), so the frame base of a
// function's caller is its own plus N: how a stop reads the variables of the frames outside the
// writer's (shared/frame-locals.ts).

import { Body } from './body-ops.ts';

const GLOBAL_GET = 0x23;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const I32_SUB = 0x6b;

/** N of the body at [start, start + size) when it opens with the prologue above setting `baseLocal`; null otherwise. */
export function frameSize(bytes: Uint8Array, start: number, size: number, baseLocal: number): number | null {
  const body = new Body(bytes, start, size);
  if (!body.skipLocals()) return null;
  const ops = Array.from({ length: 8 }, () => body.op());
  if (ops.some((o) => o === null)) return null;
  const [sp, a, n, b, getA, getB, sub, base] = ops as { op: number; index: number }[];
  const shaped = sp!.op === GLOBAL_GET && a!.op === LOCAL_SET && n!.op === I32_CONST && b!.op === LOCAL_SET
    && getA!.op === LOCAL_GET && getA!.index === a!.index && getB!.op === LOCAL_GET && getB!.index === b!.index
    && sub!.op === I32_SUB && base!.op === LOCAL_SET && base!.index === baseLocal;
  return shaped && n!.index >= 0 ? n!.index : null;
}
