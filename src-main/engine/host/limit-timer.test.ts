// The timer request limits share (limit-timer.ts): it calls its holder no earlier than asked,
// never a holder that let it go, serves one holder at a time, and a request limit that finds it
// held keeps its own timer and still fires. Real Node timers; bounds are lower bounds only.

import { describe, expect, it } from 'vitest';
import { LimitTimer, type LimitHolder } from './limit-timer.ts';
import { nowMs, RequestLimit } from './request-limit.ts';
import { REQUEST_BEGUN } from '../protocol.ts';

const called = (): { holder: LimitHolder; fn: () => void; at: Promise<number> } => {
  let fn!: () => void;
  const at = new Promise<number>((resolve) => { fn = () => resolve(nowMs()); });
  return { holder: { due: fn }, fn, at };
};

describe('LimitTimer', () => {
  it('calls its holder, no earlier than asked, also when an earlier holder armed it sooner', async () => {
    const timer = new LimitTimer();
    const first = { due: (): void => { throw new Error('a released holder was called'); } };
    expect(timer.take(20, first)).toBe(true);
    timer.release(first);
    const second = called();
    const asked = nowMs();
    expect(timer.take(150, second.holder)).toBe(true);
    // The timer armed for `first` fires at ~20 ms: the new holder waits on for its own 150 ms.
    expect(await second.at - asked).toBeGreaterThanOrEqual(149);
    timer.close();
  });

  it('serves one holder at a time: another is refused until the holder releases it', () => {
    const timer = new LimitTimer();
    const a = { due: (): void => {} };
    const b = { due: (): void => {} };
    expect(timer.take(10_000, a)).toBe(true);
    expect(timer.take(10_000, b)).toBe(false);
    expect(timer.take(5_000, a)).toBe(true);
    timer.release(b);
    expect(timer.take(10_000, b)).toBe(false);
    timer.release(a);
    expect(timer.take(10_000, b)).toBe(true);
    timer.close();
  });
});

describe('RequestLimit on a shared timer', () => {
  it('two limits at once both end their requests: the second on a timer of its own', async () => {
    const shared = new LimitTimer();
    const begun = new BigInt64Array(new SharedArrayBuffer(REQUEST_BEGUN.bytes));
    // The worker took up request 2 (and so 1) now: both limits charge from here.
    Atomics.store(begun, REQUEST_BEGUN.AT, process.hrtime.bigint());
    Atomics.store(begun, REQUEST_BEGUN.ID, 2n);
    const one = called();
    const two = called();
    const started = nowMs();
    const limits = [new RequestLimit(1, 30, begun, one.fn, shared), new RequestLimit(2, 60, begun, two.fn, shared)];
    expect(await one.at - started).toBeGreaterThanOrEqual(29);
    expect(await two.at - started).toBeGreaterThanOrEqual(59);
    for (const limit of limits) limit.stop();
    shared.close();
  });

  it('a stopped limit leaves the shared timer to the next request, which still fires', async () => {
    const shared = new LimitTimer();
    const begun = new BigInt64Array(new SharedArrayBuffer(REQUEST_BEGUN.bytes));
    const answered = new RequestLimit(1, 20, begun, () => { throw new Error('an answered request was ended'); }, shared);
    answered.stop();
    Atomics.store(begun, REQUEST_BEGUN.AT, process.hrtime.bigint());
    Atomics.store(begun, REQUEST_BEGUN.ID, 2n);
    const next = called();
    const started = nowMs();
    const limit = new RequestLimit(2, 120, begun, next.fn, shared);
    expect(await next.at - started).toBeGreaterThanOrEqual(119);
    limit.stop();
    shared.close();
  });
});
