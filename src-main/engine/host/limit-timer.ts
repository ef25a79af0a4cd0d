// One Node timer that a worker client's request limits take turns on, moved rather than made
// anew for each request: a fresh 30 s setTimeout and its clearTimeout per ad-hoc call created
// and removed Node's timer list for that duration every time, ~1.5 µs of a ~30 µs round trip.

import { MAX_TIMER_MS, nowMs } from './request-limit.ts';

/** Who may hold the timer: its `due()` is called when the time it asked for has passed. */
export interface LimitHolder {
  due(): void;
}

export class LimitTimer {
  private timer: NodeJS.Timeout | null = null;
  /** When (nowMs clock) the Node timer fires; it may fire before `dueAt` and then waits on. */
  private firesAt = 0;
  /** Who holds the timer, and when (nowMs clock) they are due; null: nobody (the timer is unref'd). */
  private owner: LimitHolder | null = null;
  private dueAt = 0;

  /**
   * Arms the timer to call `holder.due()` in `inMs` (from `now`, the caller's clock reading);
   * false when another limit holds it (that caller then keeps a timer of its own, so two limits
   * never share one). A holder that has it already re-arms.
   */
  take(inMs: number, holder: LimitHolder, now = nowMs()): boolean {
    if (this.owner !== null && this.owner !== holder) return false;
    this.owner = holder;
    this.dueAt = now + inMs;
    if (this.timer !== null && this.firesAt <= this.dueAt) {
      // Fires no later than needed: when early, fire() waits on for the rest.
      this.timer.ref();
    } else {
      this.schedule(inMs);
    }
    return true;
  }

  /** `holder` no longer needs the timer; it stays armed, unref'd, for the next taker. */
  release(holder: LimitHolder): void {
    if (this.owner !== holder) return;
    this.owner = null;
    this.timer?.unref();
  }

  /** Stops the timer for good (the client is gone). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.owner = null;
  }

  private schedule(inMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    const ms = Math.max(0, Math.min(inMs, MAX_TIMER_MS));
    this.firesAt = nowMs() + ms;
    this.timer = setTimeout(() => this.fire(), ms);
  }

  private fire(): void {
    this.timer = null;
    const owner = this.owner;
    if (owner === null) return;
    const left = this.dueAt - nowMs();
    // Node's loop clock is whole milliseconds, so a timer may fire a fraction early too.
    if (left > 0) {
      this.schedule(left);
      return;
    }
    this.owner = null;
    owner.due();
  }
}
