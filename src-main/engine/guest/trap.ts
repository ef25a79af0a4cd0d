// Turns what a guest call threw into a MemscopeError: the trap message plus the guest call
// stack, parsed from V8's frames (`wasm-function[12]:0x1a2`) and named from the name section.

import type { GuestFrame, MemscopeError } from '../../shared/dto.ts';

const WASM_FRAME = /wasm-function\[(\d+)\]:0x([0-9a-f]+)/i;

/**
 * Guest frames of an error's stack, innermost first; host (JS) frames are left out. `shift` is
 * subtracted from V8's offsets: the bytes V8 compiled may be longer than the user's module
 * (the memory-cap rewrite grows the memory section, which precedes the code).
 */
export function guestFrames(stack: string | undefined, names: Record<number, string>, shift = 0): GuestFrame[] {
  if (!stack) return [];
  const frames: GuestFrame[] = [];
  for (const line of stack.split('\n')) {
    const match = WASM_FRAME.exec(line);
    if (!match) continue;
    const funcIndex = Number(match[1]);
    frames.push({ funcIndex, name: names[funcIndex] ?? `func[${funcIndex}]`, offset: parseInt(match[2]!, 16) - shift });
  }
  return frames;
}

/**
 * The error a trap (or a host function's exception unwinding the guest) becomes. `during` names
 * what was running when it was not a call of the host's ("during the start function").
 */
export function trapError(error: unknown, names: Record<number, string>, shift = 0, during = ''): MemscopeError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = error instanceof RangeError && /call stack/i.test(raw) ? `stack overflow (${raw})` : raw;
  const stack = guestFrames(error instanceof Error ? error.stack : undefined, names, shift);
  const where = stack[0] ? ` in ${stack[0].name}` : '';
  return { code: 'trap', message: `trap${during}: ${message}${where}`, ...(stack.length ? { stack } : {}) };
}
