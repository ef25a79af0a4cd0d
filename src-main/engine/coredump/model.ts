// What a Wasm coredump holds (WebAssembly tool-conventions Coredump.md, as wasmtime writes it):
// one process, its modules and instances, one stack per thread, memories and globals.

import type { WasmValue } from '../../shared/dto.ts';
import type { SparseImage } from '../memory/types.ts';

/**
 * A global's value (its type is the value's) and mutability; the dump stores it as a
 * constant-initialised global, bit for bit. References are written as null (their targets are
 * not in the dump).
 */
export interface CoredumpGlobal {
  mutable: boolean;
  value: WasmValue;
  /**
   * The global's type when WasmValue has no name for it (wasmtime's anyref, 0x6e; eqref, exnref,
   * nullfuncref…): `value` is then a null funcref (func hierarchy) or externref (the others)
   * standing in, and this is the type to show and write back. Absent for every other type.
   */
  refType?: string;
  /** Byte offset of the global (its type) in the dump it was read from, for errors about it; absent for one not read from a file. */
  at?: number;
}

/** A local or operand-stack value of a frame; `missing` is the convention's 0x01 (optimised out). */
export type CoredumpValue =
  | { type: 'missing' }
  | { type: 'i32' | 'f32'; bits: number }
  | { type: 'i64' | 'f64'; bits: string };

export interface CoredumpFrame {
  instance: number;
  funcIndex: number;
  /** Offset of the instruction from the function's start (its body, past the size field). */
  codeOffset: number;
  locals: CoredumpValue[];
  stack: CoredumpValue[];
  /** Byte offset of the frame (its 0x00 tag) in the dump it was read from, for errors about it; absent for a frame not read from a file. */
  at?: number;
}

export interface CoredumpThread {
  name: string;
  /** Innermost first, as wasmtime writes them. */
  frames: CoredumpFrame[];
}

export interface CoredumpInstance {
  module: number;
  /** Indices into Coredump.memories and Coredump.globals. */
  memories: number[];
  globals: number[];
  /** Byte offset of the instance (its 0x00 tag) in the dump it was read from, for errors about it; absent for one not read from a file. */
  at?: number;
}

export interface CoredumpMemory {
  /** Pages: the memory's size when dumped. */
  min: number;
  max: number | null;
  memory64: boolean;
  /**
   * True for a shared memory (threads; wasmtime dumps one as such): kept so that a dump exported
   * as it was read declares the memory it was given. Absent when not shared.
   */
  shared?: boolean;
  /** The contents, from the data section's active segments (zeros elsewhere). */
  image: SparseImage;
}

export interface Coredump {
  processName: string;
  modules: string[];
  instances: CoredumpInstance[];
  threads: CoredumpThread[];
  memories: CoredumpMemory[];
  globals: CoredumpGlobal[];
}

/** Custom section names the convention defines. */
export const CORE = 'core';
export const CORE_MODULES = 'coremodules';
export const CORE_INSTANCES = 'coreinstances';
export const CORE_STACK = 'corestack';

/** Value type bytes of frame values (the numtype bytes of the binary format) and "missing". */
export const VALUE_BYTES = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, missing: 0x01 } as const;
