// Where the guest's stdout/stderr go during `memscope run`: straight through to ours (text
// mode), into bounded head+tail keepers (--json), and whole into DIR/stdout and DIR/stderr
// (--output-dir). Nothing here holds a stream in full, whatever the guest writes; a reader slower
// than the guest is told to the caller (push's drain), who makes the guest wait.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readFailureText } from '../engine/index.ts';
import type { OutputChunk, StreamName } from '../shared/dto.ts';
import { StreamKeeper } from './stream-keeper.ts';

export class RunOutput {
  private readonly keepers: Record<StreamName, StreamKeeper> | null;
  private files: Record<StreamName, number> | null = null;
  /** A stream of ours whose buffer is full, until it drains. */
  private readonly draining: Record<StreamName, Promise<void> | null> = { stdout: null, stderr: null };
  /**
   * The guest's output left a line open where our next line goes: our stdout carries its stdout,
   * and on one terminal its stderr too, so a guest message without a final newline ran into the
   * step line after it (`…with message "vector"  26 ✗ words_add(arg, 5, ret)`).
   */
  private lineOpen = false;
  private readonly oneScreen = !!process.stdout.isTTY && !!process.stderr.isTTY;

  /** Our stdout's reader went away (`| head -1`): printing stops, the run and its files go on. */
  stdoutGone = false;
  /** Ends the wait for our stdout's drain, which never comes once its reader is gone. */
  private stdoutDrained: (() => void) | null = null;

  constructor(private readonly print: boolean, json: boolean) {
    this.keepers = json ? { stdout: new StreamKeeper(), stderr: new StreamKeeper() } : null;
  }

  /** Creates DIR/stdout and DIR/stderr; an error line when that fails. */
  openDir(dir: string): string | null {
    try {
      makeDirs(dir);
      this.files = { stdout: openSync(join(dir, 'stdout'), 'w'), stderr: openSync(join(dir, 'stderr'), 'w') };
      return null;
    } catch (e) {
      // Words, not `EEXIST` (which is what a file given as DIR said).
      return `cannot write output to ${dir}: ${readFailureText(e)}`;
    }
  }

  /**
   * Passes a chunk on. When our stream's buffer just became full (its reader is slower than the
   * guest), returns a promise of its drain: the caller holds the guest's output until then.
   */
  push(chunk: OutputChunk): Promise<void> | null {
    let full: Promise<void> | null = null;
    if (this.print) {
      if (chunk.bytes.length > 0 && (chunk.stream === 'stdout' || this.oneScreen)) this.lineOpen = chunk.bytes[chunk.bytes.length - 1] !== 0x0a;
      const stream = chunk.stream === 'stdout' ? process.stdout : process.stderr;
      if (!(chunk.stream === 'stdout' && this.stdoutGone) && !stream.write(chunk.bytes) && !this.draining[chunk.stream]) {
        full = this.draining[chunk.stream] = new Promise((drained) => {
          const done = (): void => {
            this.draining[chunk.stream] = null;
            if (chunk.stream === 'stdout') this.stdoutDrained = null;
            drained();
          };
          if (chunk.stream === 'stdout') this.stdoutDrained = done;
          stream.once('drain', done);
        });
      }
    }
    this.keepers?.[chunk.stream].push(chunk.bytes);
    // Synchronous: the guest runs in its worker, and a file never holds a backlog in memory.
    if (this.files) writeAll(this.files[chunk.stream], chunk.bytes);
    return full;
  }

  /**
   * While the run has files to write (--snapshot, --coredump, --output-dir): a reader of our
   * stdout going away no longer ends the process at once (main.ts's 141), which left no snapshot
   * or coredump and DIR/stdout cut short, unsaid; printing stops, the guest is no longer held
   * for a drain that will not come, and the caller ends with 141 once its files are written.
   * Returns the function that puts the earlier handlers back.
   */
  outliveStdout(): () => void {
    const others = process.stdout.listeners('error') as ((e: Error) => void)[];
    process.stdout.removeAllListeners('error');
    const onError = (e: NodeJS.ErrnoException): void => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
        this.stdoutGone = true;
        this.stdoutDrained?.();
        return;
      }
      for (const listener of others) listener.call(process.stdout, e);
    };
    process.stdout.on('error', onError);
    return () => {
      process.stdout.off('error', onError);
      for (const listener of others) process.stdout.on('error', listener);
    };
  }

  /** Our text to print next on stdout, starting on a line of its own. */
  ownLine(text: string): string {
    const open = this.lineOpen;
    this.lineOpen = false;
    return open ? `\n${text}` : text;
  }

  close(): void {
    if (this.files) for (const fd of Object.values(this.files)) closeSync(fd);
    this.files = null;
  }

  /** The JSON fields of both streams (see StreamKeeper.toJson). */
  json(): Record<string, string | number> {
    return this.keepers ? { ...this.keepers.stdout.toJson('stdout'), ...this.keepers.stderr.toJson('stderr') } : {};
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * `mkdir -p`, one level at a time. Node's `mkdirSync(dir, { recursive: true })` never returns
 * when a parent exists but cannot hold the child (`/proc/x` on Linux): mkdir answers ENOENT, it
 * makes the parent (EEXIST) and tries again, forever; `--output-dir /proc/x` hung the run at
 * 100% CPU with nothing printed. Here a child still missing after its parent is made is
 * the error.
 */
function makeDirs(dir: string): void {
  const path = resolve(dir);
  try {
    mkdirSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(path) === path) throw e;
    makeDirs(dirname(path));
    mkdirSync(path);
  }
}
