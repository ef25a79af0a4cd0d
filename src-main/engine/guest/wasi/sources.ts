// Clock and random sources: the host's real ones, or deterministic ones for reproducible runs.
//
// Deterministic mode, exactly:
// - One virtual time counter `t` (ns) starts at 0. Realtime reads EPOCH + t, monotonic reads t,
//   where EPOCH is 2024-01-01T00:00:00Z. Every clock_time_get returns the current value and then
//   advances `t` by 1 ms, so successive reads are strictly increasing and identical across runs.
// - Sleeping (poll_oneoff on a clock) does not wait: it advances `t` by the timeout.
// - Both clocks report a resolution of 1 ms.
// - random_get draws from sfc32 seeded with a fixed constant; one stream per instance.

import { hrtime } from 'node:process';
import { ClockId } from './layouts.ts';

export interface Clocks {
  /** Current time of a preview1 clock id in ns, or null for an unsupported id. Advances in deterministic mode. */
  read(id: number): bigint | null;
  /** Current time without side effects (for computing poll deadlines). */
  peek(id: number): bigint | null;
  resolution(id: number): bigint | null;
  sleep(ns: bigint): void;
}

const NS = 1_000_000_000n;
const MS = 1_000_000n;
export const DETERMINISTIC_EPOCH_NS = 1_704_067_200n * NS;

function validId(id: number): boolean {
  return id === ClockId.REALTIME || id === ClockId.MONOTONIC;
}

export function deterministicClocks(): Clocks {
  let t = 0n;
  const peek = (id: number): bigint | null =>
    !validId(id) ? null : id === ClockId.REALTIME ? DETERMINISTIC_EPOCH_NS + t : t;
  return {
    peek,
    read(id) {
      const v = peek(id);
      if (v !== null) t += MS;
      return v;
    },
    resolution: (id) => (validId(id) ? MS : null),
    sleep(ns) { if (ns > 0n) t += ns; },
  };
}

/**
 * Real mode: monotonic is the host's high-resolution clock (resolution 1 ns), realtime is
 * Date.now() (resolution 1 ms). Sleeping blocks this thread in Atomics.wait on a word nobody
 * notifies, so it ends only at the timeout, or when the worker is terminated (Stop, time limit).
 */
export function realClocks(): Clocks {
  const never = new Int32Array(new SharedArrayBuffer(4));
  const peek = (id: number): bigint | null => {
    if (id === ClockId.MONOTONIC) return hrtime.bigint();
    if (id !== ClockId.REALTIME) return null;
    return BigInt(Date.now()) * MS;
  };
  return {
    peek,
    read: peek,
    resolution: (id) => (id === ClockId.MONOTONIC ? 1n : id === ClockId.REALTIME ? MS : null),
    sleep(ns) { if (ns > 0n) Atomics.wait(never, 0, 0, Number(ns) / 1e6); },
  };
}

/**
 * The host's cryptographic random bytes (random_get outside deterministic mode). Web Crypto's
 * global loads its module on first use, so a guest that never asks pays nothing; it fills at
 * most 64 KiB per call.
 */
export function realRandom(len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let at = 0; at < len; at += 65536) globalThis.crypto.getRandomValues(out.subarray(at, Math.min(len, at + 65536)));
  return out;
}

/** sfc32: small, fast, good enough for reproducible test runs (not for secrets). */
export function deterministicRandom(): (len: number) => Uint8Array {
  let a = 0x6d656d73, b = 0x636f7065, c = 0x77617369, d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return (len) => {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i += 4) {
      const v = next();
      for (let k = 0; k < 4 && i + k < len; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
    }
    return out;
  };
}
