// The guest's output kept in the tab's session storage (bounded, newest kept), so a reload shows
// the Output panel as it was, as the engine's records already bring back the call log and memory.
// Kept per session id: a reload into another session, or a reset, starts empty.

import type { OutputChunk } from '../../src-main/shared/dto.ts';

const KEY = 'memscope.output';
/** Bytes kept at most; older output is dropped first (the engine's own record is the whole story). */
export const KEEP_BYTES = 512 * 1024;

interface Stored { id: string; chunks: { stream: OutputChunk['stream']; b64: string; omitted?: number }[] }

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class OutputKeeper {
  private id: string | null = null;
  private chunks: OutputChunk[] = [];
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly storage: Storage, private readonly saveDelayMs = 300) {
    // Saves are batched; a reload within the delay must not lose the newest output.
    globalThis.addEventListener?.('pagehide', () => this.save());
  }

  /** Output kept by an earlier page and the session it belongs to, oldest first; null when none. */
  load(): { id: string; chunks: OutputChunk[] } | null {
    try {
      const s = JSON.parse(this.storage.getItem(KEY) ?? 'null') as Stored | null;
      if (!s || typeof s.id !== 'string' || !Array.isArray(s.chunks)) return null;
      return { id: s.id, chunks: s.chunks.map((c) => ({ stream: c.stream === 'stderr' ? 'stderr' : 'stdout', bytes: fromB64(String(c.b64)), ...(c.omitted ? { omitted: Number(c.omitted) } : {}) })) };
    } catch {
      return null;
    }
  }

  /** Starts keeping for session `id` from nothing (a new session, a reset). */
  clear(id: string | null): void {
    this.id = id;
    this.chunks = [];
    this.bytes = 0;
    this.storage.removeItem(KEY);
  }

  push(chunk: OutputChunk): void {
    if (this.id === null) return;
    this.chunks.push(chunk);
    this.bytes += chunk.bytes.length;
    while (this.bytes > KEEP_BYTES && this.chunks.length > 1) this.bytes -= this.chunks.shift()!.bytes.length;
    this.timer ??= setTimeout(() => this.save(), this.saveDelayMs);
  }

  save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.id === null) return;
    const stored: Stored = { id: this.id, chunks: this.chunks.map((c) => ({ stream: c.stream, b64: toB64(c.bytes), ...(c.omitted ? { omitted: c.omitted } : {}) })) };
    try {
      this.storage.setItem(KEY, JSON.stringify(stored));
    } catch {
      // Storage full or disabled: the output is simply not kept across a reload.
    }
  }
}

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromB64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
