// The instantiation's two clocks: Memscope's own preparation of the module (loading the worker,
// write tracing's Binaryen pass, compiling) and the guest's start code (start function,
// `_initialize`), each with its own limit and its own message. Read from the worker's stamps
// (protocol.ts, REQUEST_BEGUN.GUEST_AT / GUEST_END), so a slow preparation on a starved machine
// never uses up the guest's time limit.

import { REQUEST_BEGUN } from '../protocol.ts';

/**
 * How long Memscope's own work around instantiation may take (before the guest's code starts,
 * and capturing the initial image after it returned). Only a safety net for a wedged worker:
 * nothing here runs guest code, and Stop ends it at any time. Write tracing loads and runs
 * Binaryen (14 MB of JavaScript) here, which took over 20 s at load 20 with nice 19.
 */
export const PREPARE_LIMIT_MS = 180_000;

export interface StartupLimits {
  /** The guest's start function and `_initialize`, counted from when they could first run. */
  guestMs: number;
  /** Memscope's preparation before them, and its capture after them. */
  prepareMs: number;
}

/** Over a limit: the message to terminate with; otherwise when to look again. */
export type StartupCheck = { over: string } | { checkInMs: number };

/**
 * Where instantiation stands at `now` (ms on the hrtime clock; `startedAt`: when the worker was
 * created). While preparing, it looks again no later than one guest limit ahead, since the guest
 * phase may begin at any moment without telling the controller: a start function that never
 * returns is then ended within twice its limit at worst (and a tiny limit does not turn the
 * wait for a slow preparation into a busy loop of timers: every 50 ms at most).
 */
export function checkStartup(stamps: BigInt64Array, startedAt: number, now: number, limits: StartupLimits): StartupCheck {
  const guestAt = Number(Atomics.load(stamps, REQUEST_BEGUN.GUEST_AT)) / 1e6;
  const guestEnd = Number(Atomics.load(stamps, REQUEST_BEGUN.GUEST_END)) / 1e6;
  if (guestAt === 0) {
    const used = now - startedAt;
    if (used >= limits.prepareMs) {
      return { over: `the guest worker did not finish preparing the module (starting, write-tracing preparation, compiling) within ${limits.prepareMs} ms, before any guest code ran; the worker was terminated` };
    }
    return { checkInMs: Math.min(limits.prepareMs - used, Math.max(limits.guestMs, 50)) };
  }
  if (guestEnd === 0) {
    const used = now - guestAt;
    if (used >= limits.guestMs) {
      return { over: `the module did not finish instantiating within ${limits.guestMs} ms (its start function and _initialize, counted from when they began); the worker was terminated` };
    }
    return { checkInMs: limits.guestMs - used };
  }
  const used = now - guestEnd;
  if (used >= limits.prepareMs) {
    return { over: `the guest worker did not finish capturing the module's initial memory within ${limits.prepareMs} ms; the worker was terminated` };
  }
  return { checkInMs: limits.prepareMs - used };
}
