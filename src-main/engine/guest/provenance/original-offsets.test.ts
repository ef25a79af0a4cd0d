// Placing a frame of the rewritten (write-traced) module back in the user's file: real clang
// output (frames.c: scale_twice calls scale twice, at 0x201 and 0x22d by wasm-objdump) and a
// hand-made module where the rewrite adds an instruction of the user's kind (memory.grow's hook).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryen, loadBinaryen } from './binaryen.ts';
import { prepare } from './prepare.ts';
import { OriginalOffsets } from './original-offsets.ts';
import { functionBodies, instructionStarts } from '../../module/write-sites.ts';

const FRAMES = join(import.meta.dirname, '../../module/dwarf/testdata/frames.wasm');
const RUST_PANIC = join(import.meta.dirname, '../testdata/rust-panic.wasm');
const UNREACHABLE = 0x00;
const CALL = 0x10;
const CALL_INDIRECT = 0x11;

/** The file offsets of the instructions with opcode `op` (and first immediate byte `imm`, when given) in defined function `defined`. */
function offsetsOf(bytes: Uint8Array, defined: number, op: number, imm?: number): number[] {
  return instructionStarts(bytes, functionBodies(bytes)[defined]!).filter((at) => bytes[at] === op && (imm === undefined || bytes[at + 1] === imm));
}

function traced(bytes: Uint8Array, imported = 0): Uint8Array {
  const prepared = prepare(bytes, bytes, imported);
  if (!prepared.ok) throw new Error(prepared.error.message);
  return prepared.value.bytes;
}

beforeAll(loadBinaryen);

describe('original offsets of a traced module', () => {
  it("places scale_twice's two calls of scale at 0x201 and 0x22d, where the file has them", () => {
    const bytes = new Uint8Array(readFileSync(FRAMES));
    const rewritten = traced(bytes);
    const places = new OriginalOffsets(rewritten, bytes, 0);
    // Callee index 1 is one LEB byte in Binaryen's output; the file's is padded (10 81 80 80 80 00).
    const calls = offsetsOf(rewritten, 2, CALL, 1);
    expect(calls).toHaveLength(2);
    expect(calls.map((at) => places.of(2, at))).toEqual([0x201, 0x22d]);
    expect(offsetsOf(bytes, 2, CALL).length).toBe(2);
  });

  it("leaves unplaced what is not the user's: the rewrite's own calls, a byte inside an instruction, a function past the module's", () => {
    const bytes = new Uint8Array(readFileSync(FRAMES));
    const rewritten = traced(bytes);
    const places = new OriginalOffsets(rewritten, bytes, 0);
    const helperCalls = instructionStarts(rewritten, functionBodies(rewritten)[1]!).filter((at) => rewritten[at] === CALL && rewritten[at + 1]! >= 3);
    expect(helperCalls.length).toBeGreaterThan(0);
    for (const at of helperCalls) expect(places.of(1, at)).toBeNull();
    const call = offsetsOf(rewritten, 2, CALL, 1)[0]!;
    expect(places.of(2, call + 1)).toBeNull();
    expect(places.of(3, 0)).toBeNull();
    expect(places.of(-1, call)).toBeNull();
  });

  it("places the unreachable a Rust panic traps at, though Binaryen dropped the dead one after it", () => {
    // rustc 1.63's __rust_start_panic (func 127, 4 imports) is `unreachable unreachable end` at 0x5477.
    const bytes = new Uint8Array(readFileSync(RUST_PANIC));
    const rewritten = traced(bytes, 4);
    const places = new OriginalOffsets(rewritten, bytes, 4);
    expect(offsetsOf(bytes, 123, UNREACHABLE)).toEqual([0x5477, 0x5478]);
    const [trap] = offsetsOf(rewritten, 123, UNREACHABLE);
    expect(places.of(127, trap!)).toBe(0x5477);
  });

  it('counts only live code: dead instructions in a nested block and after a br in one arm are skipped, the other arm and what follows are placed', () => {
    // Hand-assembled, since Binaryen drops dead code when it writes: (func $f) and
    // (func $g (block (br 0) (block (call $f)) (call $f)) (if (i32.const 1) (then (return) (call $f)) (else (call $f))) (call $f))
    const body = [0x00, 0x02, 0x40, 0x0c, 0x00, 0x02, 0x40, 0x10, 0x00, 0x0b, 0x10, 0x00, 0x0b,
      0x41, 0x01, 0x04, 0x40, 0x0f, 0x10, 0x00, 0x05, 0x10, 0x00, 0x0b, 0x10, 0x00, 0x0b];
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
      0x03, 0x03, 0x02, 0x00, 0x00,
      0x0a, 4 + 1 + body.length, 0x02, 0x02, 0x00, 0x0b, body.length, ...body]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const rewritten = traced(bytes);
    const places = new OriginalOffsets(rewritten, bytes, 0);
    const theirs = offsetsOf(bytes, 1, CALL, 0);
    const ours = offsetsOf(rewritten, 1, CALL, 0);
    expect(theirs).toHaveLength(5);
    expect(ours).toHaveLength(2); // the else arm's and the last; the three dead ones are gone
    expect(ours.map((at) => places.of(1, at))).toEqual([theirs[3], theirs[4]]);
  });

  it('leaves a call_indirect unplaced in a function that grows memory (the grow hook is one too), and places its direct call', () => {
    const m = binaryen().parseText(`(module
      (type $v (func))
      (memory 1)
      (table 1 funcref)
      (func $f (type $v))
      (func $g
        (call_indirect (type $v) (i32.const 0))
        (drop (memory.grow (i32.const 1)))
        (call $f)))`);
    const bytes = m.emitBinary();
    m.dispose();
    const rewritten = traced(bytes);
    const places = new OriginalOffsets(rewritten, bytes, 0);
    expect(offsetsOf(rewritten, 1, CALL_INDIRECT)).toHaveLength(2);
    for (const at of offsetsOf(rewritten, 1, CALL_INDIRECT)) expect(places.of(1, at)).toBeNull();
    const [call] = offsetsOf(rewritten, 1, CALL, 0);
    expect(places.of(1, call!)).toBe(offsetsOf(bytes, 1, CALL, 0)[0]);
  });
});
