// A panic's words, read back from the stderr its call wrote: the failure alone says less.
//
// Rust on wasm32 (panic=abort, its only strategy) writes the message, then executes
// `unreachable` in __rust_start_panic: the trap says "unreachable". std's default hook:
//   Rust up to 1.72: thread '<unnamed>' panicked at 'division by zero', src/lib.rs:4:17
//   Rust 1.73 on:    thread '<unnamed>' panicked at src/lib.rs:4:17:\ndivision by zero
// Go js/wasm prints the panic and the goroutine's stack, then exits with code 2 through
// runtime.wasmExit: the step says "proc_exit(2)".
//   panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:6 +0x5

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

/** Go's exit code for a panic, and the panic's words when the call's stderr holds them: `Go panicked at /src/main.go:6: …`. */
export function goPanicMessage(code: number, stderr: StderrTail): string | null {
  if (code !== 2) return null;
  const text = stderr.text();
  const at = text.lastIndexOf('panic: ');
  if (at < 0 || (at > 0 && text[at - 1] !== '\n')) return null;
  const message = text.slice(at + 'panic: '.length).split('\n', 1)[0]!;
  // The first place in the program's own code: a runtime frame (GOROOT/src/runtime) is not where it went wrong.
  const trace = text.slice(at);
  const where = /\n\t([^\n]+\.go:\d+)/g;
  let place: string | null = null;
  for (let m = where.exec(trace); m; m = where.exec(trace)) {
    if (!m[1]!.includes('/src/runtime/')) {
      place = m[1]!;
      break;
    }
  }
  return `Go panicked${place ? ` at ${place}` : ''}: ${message}`;
}
