// One tab's outgoing messages. A tab that reads is never dropped, however fast the guest
// writes: while more than OUTPUT_BACKLOG bytes wait unsent, guest output for this tab is
// counted instead of queued, and once the tab has caught up one marker per stream
// ({stream, bytes: empty, omitted: N}) says how much it did not get. Responses always go out;
// while more than PAUSE_READING_AT bytes wait, the tab's own requests are not read
// (backpressure on a client that asks but does not read), so the backlog stays bounded.
//
// State events (session, delta, step, steps) are not queued without bound either: a tab that
// stops reading (frozen, backgrounded, a slow link) while another tab steps would otherwise
// hold a copy of every step's window bytes in this process. Past STATE_BACKLOG unsent bytes
// the tab is "behind": its state events are dropped, and once it has caught up it is sent the
// session as it is then, one `session` event, which supersedes everything it missed (the page
// applies it as it does at connect). The tab stays connected and live; nobody else waits.
//
// File changes (`fileChanged`) are no session state and are never dropped, but each module
// change carries the module (up to 32 MiB): a tab that is behind while a build loop saves the
// file again and again would hold every version. Past STATE_BACKLOG they wait here instead, at
// most the latest per file (a newer change replaces an unsent older one, which it supersedes),
// and go out in the order of their latest changes once the tab has caught up.

import type { WebSocket } from 'ws';
import type { FileChange, SessionView } from '../shared/contract.ts';
import type { OutputChunk, Result, StreamName } from '../shared/dto.ts';
import { encodeWire, joinFrame, type ServerMessage } from '../shared/wire.ts';
import { fileChangeKey } from '../shared/file-change.ts';
import { RegionsSent } from '../shared/wire-regions.ts';

/** Unsent bytes above which guest output is counted rather than sent. */
export const OUTPUT_BACKLOG = 4 << 20;
/** Unsent bytes above which state events are dropped, for one fresh view once the tab catches up. */
export const STATE_BACKLOG = 16 << 20;
/** Unsent bytes at or below which a tab that fell behind is sent the view. */
const CAUGHT_UP = OUTPUT_BACKLOG;
/** Unsent bytes above which the tab's requests wait (a 256 MiB export is one response). */
const PAUSE_READING_AT = 64 << 20;
const CHECK_MS = 50;
/** Binary messages up to this size go as one frame (a copy is cheaper than a send per part). */
const JOIN_UP_TO = 1 << 20;

/** The session now, as getSession answers it. */
export type ViewSource = () => Promise<Result<SessionView | null>>;

export class Outbox {
  private readonly omitted: Record<StreamName, number> = { stdout: 0, stderr: 0 };
  private timer: NodeJS.Timeout | null = null;
  /** State events were dropped: the next state this tab gets must be a whole view. */
  private behind = false;
  /**
   * While the view is being fetched: state events emitted meanwhile, sent after it (they may be
   * newer than it). Null when no fetch is under way.
   */
  private held: ServerMessage[] | null = null;
  /** File changes waiting for the tab to catch up, the latest per file (by kind and path). */
  private readonly changes = new Map<string, ServerMessage>();
  /** What this tab was last sent of the session's regions: a delta sends only what changed after it. */
  private readonly regions = new RegionsSent();

  constructor(private readonly socket: WebSocket, private readonly view: ViewSource) {}

  send(message: ServerMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (message.type === 'event' && message.name === 'output' && this.socket.bufferedAmount > OUTPUT_BACKLOG) {
      const chunk = message.payload as OutputChunk;
      this.omitted[chunk.stream] += chunk.bytes.length + (chunk.omitted ?? 0);
      return this.watch();
    }
    // A file change is no session state: a fresh view does not carry it, so it is never dropped;
    // behind, only the latest per file waits (see the top of this file). Once one waits, later
    // ones wait too, so none overtakes an older one.
    if (message.type === 'event' && message.name === 'fileChanged') {
      if (this.changes.size > 0 || this.socket.bufferedAmount > STATE_BACKLOG) {
        const key = fileChangeKey(message.payload as FileChange);
        this.changes.delete(key);
        this.changes.set(key, message);
        return this.watch();
      }
    } else if (message.type === 'event' && message.name !== 'output') {
      if (this.held) return void this.held.push(message);
      if (this.behind || this.socket.bufferedAmount > STATE_BACKLOG) {
        this.behind = true;
        return this.watch();
      }
    }
    this.flushOmitted();
    this.write(message);
    if (this.socket.bufferedAmount > PAUSE_READING_AT && !this.socket.isPaused) {
      this.socket.pause();
      this.watch();
    }
  }

  /**
   * Sends the session as it is now, then the state events that came while it was fetched: a
   * new tab's first picture, and a tab's way back after it fell behind.
   */
  resync(): void {
    if (this.held || this.socket.readyState !== this.socket.OPEN) return;
    this.behind = false;
    const held: ServerMessage[] = [];
    this.held = held;
    void this.view().catch(() => null).then((r) => {
      this.held = null;
      // No view (the backend is shutting down): the held events are all this tab can get.
      if (r?.ok) this.send({ type: 'event', name: 'session', payload: r.value });
      for (const message of held) this.send(message);
    });
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private write(message: ServerMessage): void {
    const frame = encodeWire(this.regions.trim(message));
    if (typeof frame === 'string') return this.socket.send(frame);
    if (frame.reduce((n, part) => n + part.length, 0) <= JOIN_UP_TO) return this.socket.send(joinFrame(frame), { binary: true });
    // Fragments of one large binary message, never copied, sent in one go so nothing interleaves.
    frame.forEach((part, i) => this.socket.send(part, { binary: true, fin: i === frame.length - 1 }));
  }

  /** The "not shown" markers, once the backlog is small again. */
  private flushOmitted(): void {
    if (this.socket.bufferedAmount > OUTPUT_BACKLOG) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.omitted[stream] === 0) continue;
      const chunk: OutputChunk = { stream, bytes: new Uint8Array(0), omitted: this.omitted[stream] };
      this.omitted[stream] = 0;
      this.write({ type: 'event', name: 'output', payload: chunk });
    }
  }

  /** The file changes that waited, once the backlog is small again; each may fill it again, so one at a time. */
  private flushChanges(): void {
    for (const [key, message] of this.changes) {
      if (this.socket.bufferedAmount > CAUGHT_UP) return;
      this.changes.delete(key);
      this.write(message);
    }
  }

  /** Polls the backlog until markers and the view are out and reading has resumed (ws has no drain event). */
  private watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.socket.readyState !== this.socket.OPEN) return this.dispose();
      this.flushOmitted();
      this.flushChanges();
      if (this.behind && this.socket.bufferedAmount <= CAUGHT_UP) this.resync();
      if (this.socket.isPaused && this.socket.bufferedAmount <= PAUSE_READING_AT / 2) this.socket.resume();
      const waiting = this.omitted.stdout + this.omitted.stderr > 0 || this.changes.size > 0 || this.behind || this.socket.isPaused;
      if (!waiting) this.dispose();
    }, CHECK_MS);
    this.timer.unref();
  }
}
