// One request's time limit on the controlling side: it charges only the guest's own time, from
// when the worker took the request up (REQUEST_BEGUN), not while Memscope captures changes or
// the guest waits for its output reader, and reports `over` once the guest used all of it.

import { REQUEST_BEGUN } from '../protocol.ts';
import type { LimitHolder, LimitTimer } from './limit-timer.ts';

/** Longest delay a Node timer holds (a larger one fires at once); a longer limit checks again when it fires. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How long a request may wait for the worker to take it up (REQUEST_BEGUN) before the worker is
 * deemed stuck outside guest code; the guest's own time limit only starts once it has.
 */
const NOT_BEGUN_MS = 30_000;

/** Milliseconds on the monotonic clock the worker stamps REQUEST_BEGUN with. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * When (nowMs clock) the current step of a `run` began (REQUEST_BEGUN.STEP_AT), or the worker
 * took the last request up if no step of it began yet: where a stuck step's duration starts,
 * exact even when the steps before it were read from the step ring only at its termination.
 */
export function stepBeganAt(begun: BigInt64Array): number {
  const begunAt = Number(Atomics.load(begun, REQUEST_BEGUN.AT));
  const stepAt = Number(Atomics.load(begun, REQUEST_BEGUN.STEP_AT));
  return Math.max(begunAt, stepAt) / 1e6;
}

/** What a limit's own timer calls: one function for all limits, not a closure made per request. */
function fire(limit: RequestLimit): void {
  limit.due();
}

export class RequestLimit implements LimitHolder {
  /** Armed: a timer of its own, or the client's shared one ('shared'); null: not armed. */
  private timer: NodeJS.Timeout | 'shared' | null = null;
  /**
   * When the running limit started on the controller's side (nowMs(): the send, the last batch,
   * a resume); it counts from this or from when the worker began the request, whichever is later.
   * And what was left of it while the guest waits for its reader.
   */
  private limitStarted: number;
  private readonly sentAt: number;
  private leftMs?: number;

  /**
   * Armed at once (request `id` is being sent); without `limitMs` it never fires. `over` gets
   * the message to terminate the worker with. `shared`: the client's timer, used when free.
   */
  constructor(
    private readonly id: number, private readonly limitMs: number | undefined,
    private readonly begun: BigInt64Array, private readonly over: (message: string) => void,
    private readonly shared?: LimitTimer,
  ) {
    this.limitStarted = this.sentAt = nowMs();
    this.timer = this.arm(limitMs, this.sentAt);
  }

  /** Starts the whole limit again from now (a new step of a run, or the end of a capture). */
  restart(): void {
    // Armed anew, not refresh(): one resumed after a wait was armed with only what was left.
    this.disarm();
    this.limitStarted = nowMs();
    this.timer = this.arm();
    delete this.leftMs;
  }

  /** Stops the limit until restart(): the request was answered, or Memscope's capture runs. */
  stop(): void {
    this.disarm();
  }

  /** The guest waits for its reader: the limit stops, and later runs for what was left of it. */
  pause(waiting: boolean): void {
    if (waiting) {
      if (!this.timer || this.limitMs === undefined) return;
      this.disarm();
      // The guest is writing, so the worker has begun the request.
      this.leftMs = Math.max(0, this.limitMs - (this.chargedMs(nowMs()) ?? 0));
    } else if (this.leftMs !== undefined && !this.timer) {
      this.limitStarted = nowMs() - (this.limitMs! - this.leftMs);
      this.timer = this.arm(this.leftMs);
      delete this.leftMs;
    }
  }

  /**
   * The time the running limit has charged by `now`: since it started, since the worker took
   * the request up, or since the run's current step began, whichever is latest; null while the
   * worker has not taken it up.
   */
  private chargedMs(now: number): number | null {
    if (Number(Atomics.load(this.begun, REQUEST_BEGUN.ID)) < this.id) return null;
    const begunAt = Number(Atomics.load(this.begun, REQUEST_BEGUN.AT)) / 1e6;
    // A STEP_AT left by an earlier request is before AT, so the latest is still right.
    const stepAt = Number(Atomics.load(this.begun, REQUEST_BEGUN.STEP_AT)) / 1e6;
    return now - Math.max(this.limitStarted, begunAt, stepAt);
  }

  /** Arms the limit to check again in `inMs` (the whole limit by default) from `now`; null without a limit. */
  private arm(inMs = this.limitMs, now?: number): NodeJS.Timeout | 'shared' | null {
    if (this.limitMs === undefined) return null;
    if (this.shared?.take(inMs!, this, now)) return 'shared';
    return setTimeout(fire, Math.min(inMs!, MAX_TIMER_MS), this);
  }

  private disarm(): void {
    if (this.timer === 'shared') this.shared!.release(this);
    else if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * The timer fired: the worker is terminated only when the guest itself has used the whole
   * limit. Before the worker took the request up nothing was charged, and a limit that started
   * late runs on for what is left of it. Called by its timer only.
   */
  due(): void {
    const limit = this.limitMs!;
    const now = nowMs();
    const charged = this.chargedMs(now);
    if (charged === null && now - this.sentAt < limit + NOT_BEGUN_MS) {
      this.timer = this.arm();
    } else if (charged === null) {
      this.over(`the guest worker did not take up the request within ${NOT_BEGUN_MS} ms (busy outside guest code); the worker was terminated`);
    } else if (charged < limit) {
      this.timer = this.arm(limit - charged);
    } else {
      this.over(`the step ran past its time limit of ${limit} ms; the worker was terminated`);
    }
  }
}
