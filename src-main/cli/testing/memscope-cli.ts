// Test helper: runs the real `memscope` command, `node bin/memscope.js ARGS`, to its end as a user
// would (a child process: real argument parsing, real exit status, real worker), and returns what
// it said. Tests that time a command or talk to it while it runs spawn it themselves.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../paths.ts';

export const BIN = join(PACKAGE_ROOT, 'bin', 'memscope.js');

export interface MemscopeOptions {
  /** Standard input; empty (at its end at once) when not given, so no command waits on it. */
  input?: string | Uint8Array;
  /** The working directory; the package root when not given. */
  cwd?: string;
  /** Environment variables changed from this process's; the rest are inherited. */
  env?: NodeJS.ProcessEnv;
  /** Options to node itself, before the script (`--import HOOK`). */
  nodeArgs?: string[];
  /** Milliseconds before the child is killed (SIGKILL); 60 s when not given (see memscope below). */
  timeout?: number;
}

export interface MemscopeRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Only when a signal ended the child (SIGKILL: the bound below), so a whole-result comparison shows it. */
  signal?: NodeJS.Signals;
}

/**
 * Bounds, none of them a speed check: 60 s unless `timeout` says otherwise (tests that run whole
 * demos while Go or Rust builds load the machine give 120 s), because the defects these tests
 * guard against (a FIFO, /dev/zero, a guest that never returns) made the command never answer,
 * while the fixed command answers in about a second even on a loaded machine; SIGKILL at that
 * bound, so a child stuck where SIGTERM is not acted on (a blocking open or read) dies instead of
 * outliving the test; maxBuffer 256 MiB, because `run --json` of a demo can print more than
 * Node's 1 MiB default, past which spawnSync kills the child and cuts its output.
 */
export function memscope(args: string[], options: MemscopeOptions = {}): MemscopeRun {
  const r = spawnSync(process.execPath, [...options.nodeArgs ?? [], BIN, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd ?? PACKAGE_ROOT,
    env: options.env && { ...process.env, ...options.env },
    timeout: options.timeout ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ...(r.signal ? { signal: r.signal } : {}) };
}
