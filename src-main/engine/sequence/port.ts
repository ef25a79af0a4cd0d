// What the sequence executor needs from the guest; the runtime implements it inside the worker.

import type { AllocatorInfo, ValType } from '../../shared/dto.ts';
import type { GuestMemory } from '../memory/guest-memory.ts';

export interface GuestPort {
  /** Fresh on every use: a guest call may grow (and so replace) the memory buffer. */
  memory(): GuestMemory;
  signature(exportName: string): { params: ValType[]; results: ValType[] } | undefined;
  /**
   * Calls an export; args already converted (i32: number, i64: bigint, f32/f64: number).
   * Returns raw results; throws on trap/exit (the runtime records the CallRecord itself).
   */
  call(exportName: string, args: (number | bigint)[]): (number | bigint)[];
  allocator: AllocatorInfo | null;
}
