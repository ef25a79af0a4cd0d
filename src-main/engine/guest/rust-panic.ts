// A Rust panic on wasm32 ends in a trap: with panic=abort (wasm32's only strategy) the panic
// runtime writes its message to stderr, then executes `unreachable` in __rust_start_panic. The
// trap alone says "unreachable"; this puts the panic's place and message back in its words.
//
// The message is the stderr the call wrote, as std's default hook formats it:
//   Rust up to 1.72: thread '<unnamed>' panicked at 'division by zero', src/lib.rs:4:17
//   Rust 1.73 on:    thread '<unnamed>' panicked at src/lib.rs:4:17:\ndivision by zero

import type { GuestFrame } from '../../shared/dto.ts';

/** Frames (legacy Rust names, demangled: module/demangle.ts) that only a panic runs. */
const PANIC_FRAME = /^(__rust_start_panic|rust_panic|__rust_abort)$|^(std|core)::panicking::/;
/** How much of the call's stderr is kept: a panic message is its last lines. */
const TAIL_BYTES = 2048;

/** The stderr a guest call wrote, its last TAIL_BYTES: cleared when each call begins. */
export class StderrTail {
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  clear(): void {
    if (this.bytes === 0) return;
    this.chunks = [];
    this.bytes = 0;
  }

  push(chunk: Uint8Array): void {
    // A copy: the chunk may be a view of guest memory, which the guest goes on writing.
    const kept = chunk.slice(Math.max(0, chunk.length - TAIL_BYTES));
    this.chunks.push(kept);
    this.bytes += kept.length;
    while (this.chunks.length > 1 && this.bytes - this.chunks[0]!.length >= TAIL_BYTES) this.bytes -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      all.set(c, at);
      at += c.length;
    }
    return new TextDecoder().decode(all);
  }
}

/**
 * The trap's message when its stack is a Rust panic's: `Rust panicked at src/lib.rs:4:17:
 * division by zero (…)`, or null when no frame is a panic's. `trap` is the message trapError made.
 */
export function rustPanicMessage(trap: string, stack: readonly GuestFrame[], stderr: StderrTail): string | null {
  if (!stack.some((f) => PANIC_FRAME.test(f.name))) return null;
  const why = `a panic ends in a trap on wasm32: ${trap.replace(/^trap: /, '')}`;
  const said = lastPanic(stderr.text());
  return said ? `trap: Rust panicked at ${said.where}: ${said.message} (${why})` : `trap: Rust panicked (${why}; its message, if any, is on stderr)`;
}

function lastPanic(text: string): { where: string; message: string } | null {
  const at = text.lastIndexOf(' panicked at ');
  if (at < 0) return null;
  const rest = text.slice(at + ' panicked at '.length).replace(/\n+$/, '');
  // Up to 1.72: 'message', file:line:col
  const old = /^'([\s\S]*)', ([^\n]+:\d+:\d+)(\n|$)/.exec(rest);
  if (old) return { where: old[2]!, message: old[1]! };
  // 1.73 on: file:line:col:\nmessage
  const current = /^([^\n]+:\d+:\d+):\n([^\n]*)/.exec(rest);
  return current ? { where: current[1]!, message: current[2]! } : null;
}
