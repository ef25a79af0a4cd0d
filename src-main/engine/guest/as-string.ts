// Decodes AssemblyScript strings: UTF-16LE payload at `ptr`, its byte length in the object
// header's rtSize field just before it.
//
//   ptr - 20 .. ptr - 4   mmInfo, gcInfo, gcInfo2, rtId (runtime header, unused here)
//   ptr - 4   u32 rtSize  byte length of the payload
//   ptr       UTF-16LE code units

import type { GuestMemory } from '../memory/guest-memory.ts';

/** The string at `ptr`, or null for a null pointer (AssemblyScript passes 0 for "no message"). */
export function readAsString(memory: GuestMemory, ptr: number): string | null {
  if (ptr === 0) return null;
  const byteLength = memory.getU32(ptr - 4);
  return memory.readUtf16(ptr, byteLength);
}
