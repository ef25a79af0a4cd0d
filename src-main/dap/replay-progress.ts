// A replay's progress as DAP progress events. Going back (step back, reverse continue, a data
// breakpoint that turns write tracing on) replays every step before in a fresh worker, and on
// a long sequence VS Code showed nothing for seconds: the engine's `replaying` events
// (ReplayProgress, at a replay's start and then at most once per hundredth of it) become
// progressStart, progressUpdate and progressEnd, for a client that said it shows them
// (initialize's supportsProgressReporting); the spec sends them to no other.
// A step back's or reverse continue's progress is cancellable (cancel with its progressId, as
// VS Code's progress notification does): Session.stop ends the replay between two steps, its
// worker kept, so the program stops where the replay got to. Setting data breakpoints is not:
// stopped half way, the breakpoints would be set and their answer a failure.

import { ProgressEndEvent, ProgressStartEvent, ProgressUpdateEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ReplayProgress } from '../shared/dto.ts';

export class ReplayProgressEvents {
  /** initialize's supportsProgressReporting. */
  enabled = false;
  /** What the request holding the session does (its progress's title); null when no request that replays holds it. */
  private doing: string | null = null;
  /** Whether the request holding the session may be cancelled (begin), by a cancel or a pause. */
  private canCancel = false;
  /** The progress open now; null when none is. */
  private open: string | null = null;
  private lastId = 0;

  constructor(private readonly send: (event: DebugProtocol.Event) => void) {}

  /** A request that may replay holds the session: its replays are shown titled `doing`. */
  begin(doing: string, cancellable: boolean): void {
    this.doing = doing;
    this.canCancel = cancellable;
  }

  /** Whether the request holding the session may be cancelled (a pause does, as a cancel does). */
  get cancellable(): boolean { return this.canCancel; }

  /** Whether a cancel request names the progress open now, of a request that may be cancelled. */
  cancels(progressId: string | undefined): boolean {
    return this.canCancel && progressId !== undefined && progressId === this.open;
  }

  /** The engine's `replaying` event. Step 0 starts a replay (reverse continue may run several, each shown as its own). */
  report(progress: ReplayProgress): void {
    if (!this.enabled || this.doing === null) return;
    if (progress.step === 0 || this.open === null) {
      this.close();
      this.open = `replay-${++this.lastId}`;
      const start = new ProgressStartEvent(this.open, `${this.doing}: replaying steps`, stepsText(progress)) as DebugProtocol.ProgressStartEvent;
      start.body.percentage = percent(progress);
      if (this.canCancel) start.body.cancellable = true;
      return this.send(start);
    }
    // One update per report: the engine reports a replay at most once per hundredth of it.
    const update = new ProgressUpdateEvent(this.open, stepsText(progress)) as DebugProtocol.ProgressUpdateEvent;
    update.body.percentage = percent(progress);
    this.send(update);
  }

  /**
   * The request's replays are over (done, refused, failed), or the program ends (terminate, a
   * disconnect) while one runs: its progress is closed, once; late reports are ignored.
   */
  end(): void {
    this.close();
    this.doing = null;
    this.canCancel = false;
  }

  private close(): void {
    if (this.open === null) return;
    this.send(new ProgressEndEvent(this.open));
    this.open = null;
  }
}

function percent({ step, of }: ReplayProgress): number {
  return of > 0 ? Math.floor((100 * step) / of) : 0;
}

function stepsText({ step, of }: ReplayProgress): string {
  return `${step} / ${of} steps`;
}
