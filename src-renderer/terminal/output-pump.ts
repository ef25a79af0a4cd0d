// Flow control for the terminal: output chunks queue here and go to xterm one batch at a time,
// the next only after xterm's write callback says the last was parsed. Megabytes of output
// therefore lose nothing and never pile past xterm's ~50 MB write-buffer limit in one go.
//
// Each stream's bytes are decoded here, each by its own streaming UTF-8 decoder, not by xterm:
// xterm's one decoder dropped bytes that are not UTF-8 without a trace ("bad \xff utf8" showed
// as "bad  utf8"), and a character split across two stdout chunks with stderr between them was
// decoded across the streams. Bytes that are not UTF-8 now show as U+FFFD, as in the call log.
//
// Each guest line on stderr starts with a dim `[err] ` as well as being red: colour alone told
// the streams apart (WCAG 1.4.1), and the text a screen reader reads out said nothing of it.
// What control codes pass to xterm is decided in guest-text.ts.

import type { StreamName } from '../../src-main/shared/dto.ts';
import { GuestText } from './guest-text.ts';

const ESC_RED = '\x1b[31m';
const ESC_RESET = '\x1b[0m';
/** Starts each guest line on stderr; the legend in Terminal.svelte shows the same. */
export const STDERR_MARK = '[err] ';
const MARK = '\x1b[2m' + STDERR_MARK.trimEnd() + '\x1b[22m ';

const STREAMS: readonly StreamName[] = ['stdout', 'stderr'];

export type Writer = (data: string, done: () => void) => void;

export class OutputPump {
  private queue: { stream: StreamName; text: string }[] = [];
  private queuedChars = 0;
  private writing = false;
  private generation = 0;
  private decoders = OutputPump.freshDecoders();
  private filters = OutputPump.freshFilters();
  /** Whether the last text pushed ended a line (or nothing was pushed yet), and on which stream. */
  private atLineStart = true;
  private lastStream: StreamName | null = null;

  constructor(private readonly write: Writer, private readonly maxBatch = 256 * 1024) {}

  private static freshDecoders(): Record<StreamName, TextDecoder> {
    return { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
  }

  private static freshFilters(): Record<StreamName, GuestText> {
    return { stdout: new GuestText(), stderr: new GuestText() };
  }

  /** Characters waiting to be handed to xterm. */
  get pending(): number {
    return this.queuedChars;
  }

  get busy(): boolean {
    return this.writing;
  }

  /** The guest's bytes on `stream`, or a line of Memscope's own text shown in its colour. */
  push(stream: StreamName, data: Uint8Array | string): void {
    const guest = typeof data !== 'string';
    this.enqueue(stream, guest ? this.filters[stream].filter(this.decoders[stream].decode(data, { stream: true })) : data, guest);
  }

  /**
   * No more bytes follow on `stream` (on both when not given): the guest's output ended, or a
   * gap (bytes not sent) cuts it. A character cut short shows as U+FFFD and an escape cut short
   * as text, as the CLI shows them: held, they never showed, or the bytes after a gap finished
   * them into a character the guest never wrote.
   */
  end(stream?: StreamName): void {
    for (const s of stream ? [stream] : STREAMS) {
      const filter = this.filters[s];
      // decode() with no bytes flushes the decoder and leaves it fresh.
      this.enqueue(s, filter.filter(this.decoders[s].decode()) + filter.flush(), true);
    }
  }

  private enqueue(stream: StreamName, text: string, guest: boolean): void {
    if (text.length === 0) return;
    if (guest && stream === 'stderr') text = this.markLines(text);
    this.atLineStart = text.endsWith('\n');
    this.lastStream = stream;
    this.queue.push({ stream, text });
    this.queuedChars += text.length;
    if (!this.writing) this.pump();
  }

  /** Drops everything queued (the terminal was cleared or the session replaced). */
  clear(): void {
    this.queue = [];
    this.queuedChars = 0;
    this.writing = false;
    this.generation++;
    // A character cut short by the clear is not finished by the next output.
    this.decoders = OutputPump.freshDecoders();
    this.filters = OutputPump.freshFilters();
    this.atLineStart = true;
    this.lastStream = null;
  }

  /** `[err] ` before each line of stderr text: where a line starts, or where stderr cuts in. */
  private markLines(text: string): string {
    const first = this.atLineStart || this.lastStream !== 'stderr' ? MARK : '';
    // After each newline that more text follows; a trailing one marks the next chunk's start.
    return first + text.replace(/\n(?=[^])/g, '\n' + MARK);
  }

  private pump(): void {
    const batch = this.takeBatch();
    if (batch === null) {
      this.writing = false;
      return;
    }
    this.writing = true;
    const gen = this.generation;
    this.write(batch, () => {
      if (gen === this.generation) this.pump();
    });
  }

  /** Joins queued chunks up to maxBatch; stderr runs are wrapped in red so they stand out. */
  private takeBatch(): string | null {
    if (this.queue.length === 0) return null;
    const parts: string[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (parts.length > 0 && size + next.text.length > this.maxBatch) break;
      let { text } = next;
      if (text.length > this.maxBatch) {
        const cut = batchCut(text, this.maxBatch);
        next.text = text.slice(cut);
        text = text.slice(0, cut);
      } else this.queue.shift();
      this.queuedChars -= text.length;
      parts.push(next.stream === 'stderr' ? ESC_RED + text + ESC_RESET : text);
      size += text.length;
    }
    return parts.join('');
  }
}

/** Where to cut text longer than a batch at `max` or just before it. */
function batchCut(text: string, max: number): number {
  // Not between the two halves of a surrogate pair.
  const cut = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  // Not inside an escape sequence (guest-text.ts lets only complete CSI sequences through): a
  // stderr part is wrapped in red and reset, which, put inside the sequence, broke it, and xterm
  // printed the rest of it ("[1m") as text.
  const esc = text.lastIndexOf('\x1b', cut - 1);
  return esc > 0 && /^\x1b(\[[0-9;:]*)?$/.test(text.slice(esc, cut)) ? esc : cut;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
