// The guest's stdout and stderr as the debug console's output events, joined: one event per
// stream for what a turn's messages bring, and a partial line held up to PARTIAL_LINE_MS for its
// rest, counted from its first piece (Go's println wrote `hello from Go `, `6765` and a newline
// apart, an event each). The adapter flushes before any other event or response, so nothing is
// reordered and a stop or an exit never comes before the output that led to it.

/** Guest output sent at once when what is held grows this long. */
const MAX_PENDING = 64 * 1024;
/** How long output that ends mid-line is held for the rest of its line (a runtime's next write comes in a later message). */
const PARTIAL_LINE_MS = 50;

export type GuestStream = 'stdout' | 'stderr';

export class GuestOutput {
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private pending: { stream: GuestStream; text: string } | null = null;
  /** The wait for the end of this turn's messages (turn), or for the rest of a held partial line. */
  private timer: { turn: boolean; handle: NodeJS.Timeout | NodeJS.Immediate } | null = null;
  /**
   * When the held partial line began to wait for its rest (Date.now()), or null. The wait is
   * counted from then, not from the last piece: each piece restarted it, so a guest writing a
   * progress line a dot at a time (faster than PARTIAL_LINE_MS) showed nothing until its newline.
   */
  private heldSince: number | null = null;

  constructor(private readonly send: (text: string, stream: GuestStream) => void) {}

  /** The guest wrote `bytes` on `stream` (UTF-8, decoded across chunks). */
  push(stream: GuestStream, bytes: Uint8Array): void {
    const text = this.decoders[stream].decode(bytes, { stream: true });
    if (!text) return;
    if (this.pending && this.pending.stream !== stream) this.flush();
    if (this.pending) this.pending.text += text;
    else this.pending = { stream, text };
    if (this.pending.text.length >= MAX_PENDING) return this.flush();
    if (this.timer?.turn) return;
    this.clearTimer();
    this.timer = { turn: true, handle: setImmediate(() => this.turnEnded()) };
  }

  /** Sends what is held now. */
  flush(): void {
    this.clearTimer();
    this.heldSince = null;
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.send(pending.text, pending.stream);
  }

  /**
   * The program ended: what is held, then what the decoders still hold, the start of a character
   * whose other bytes never came (a guest that ended mid-character), as U+FFFD. Left there, it
   * was never shown, where `memscope run` passes those bytes on.
   */
  end(): void {
    this.flush();
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = this.decoders[stream].decode();
      if (text) this.send(text, stream);
    }
  }

  /** This turn's output is in: whole lines go now, a partial line waits a little for its rest. */
  private turnEnded(): void {
    this.timer = null;
    if (this.pending?.text.endsWith('\n')) return this.flush();
    if (!this.pending) return;
    this.heldSince ??= Date.now();
    const left = Math.max(0, this.heldSince + PARTIAL_LINE_MS - Date.now());
    this.timer = { turn: false, handle: setTimeout(() => this.flush(), left) };
  }

  private clearTimer(): void {
    if (!this.timer) return;
    if (this.timer.turn) clearImmediate(this.timer.handle as NodeJS.Immediate);
    else clearTimeout(this.timer.handle as NodeJS.Timeout);
    this.timer = null;
  }
}
