// Hand-built coredumps of several modules and instances, laid out as wasmtime writes a linked
// program (each instance's memories and globals indexed into the dump's lists), with
// resources/examples/trap/trap.wasm (functions 0 report … 3 sum, 4 divide; no globals) as one.

import type { SparseImage } from '../../memory/types.ts';
import type { Coredump, CoredumpFrame } from '../model.ts';
import { encodeCoredump } from '../write.ts';

/** One page whose bytes at `at` are `bytes`. */
function page(at: number, bytes: number[]): SparseImage {
  const block = new Uint8Array(4096);
  block.set(bytes, at);
  return { size: 65536, blockSize: 4096, blocks: [{ index: 0, bytes: block }] };
}

const frame = (instance: number, funcIndex: number, codeOffset: number): CoredumpFrame => ({ instance, funcIndex, codeOffset, locals: [], stack: [] });

/** trap.wasm's memory: 10 and 20 at 256. */
const TRAP_MEMORY = { min: 1, max: null, memory64: false, image: page(256, [10, 20]) };
/** Another module's memory, shared: 0x77 at 0. */
const OTHER_MEMORY = { min: 1, max: 2, memory64: false, shared: true, image: page(0, [0x77]) };

/**
 * Instance 0 of trap.wasm (memory 0), instance 1 of helper.wasm (memory 1, shared); the trap is in
 * helper's function 3 (trap.wasm's `sum` by index), called from trap.wasm's divide and report.
 */
export function trapThenHelper(): Uint8Array {
  const dump: Coredump = {
    processName: 'linked', modules: ['trap.wasm', 'helper.wasm'],
    instances: [{ module: 0, memories: [0], globals: [] }, { module: 1, memories: [1], globals: [] }],
    threads: [{ name: 'main', frames: [frame(1, 3, 7), frame(0, 4, 5), frame(0, 0, 2)] }],
    memories: [TRAP_MEMORY, OTHER_MEMORY], globals: [],
  };
  return encodeCoredump(dump);
}

/**
 * Instance 0 of helper.wasm with no memory, instance 1 of trap.wasm (memory 1), instance 2 of
 * lib.wasm (memory 0); the trap in trap.wasm's divide (`frames: false`: no frames at all).
 */
export function memorylessFirst(frames = true): Uint8Array {
  const dump: Coredump = {
    processName: 'linked', modules: ['helper.wasm', 'trap.wasm', 'lib.wasm'],
    instances: [{ module: 0, memories: [], globals: [] }, { module: 1, memories: [1], globals: [] }, { module: 2, memories: [0], globals: [] }],
    threads: [{ name: 'main', frames: frames ? [frame(1, 4, 5)] : [] }],
    memories: [OTHER_MEMORY, TRAP_MEMORY], globals: [],
  };
  return encodeCoredump(dump);
}
