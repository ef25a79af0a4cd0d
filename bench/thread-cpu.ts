// CPU time per thread of a whole process (Linux): the bench's breakdown of where a start-up's
// CPU goes (the CLI's thread, the guest worker, preview2-shim's IO thread), which the
// process-wide figures of /usr/bin/time cannot tell apart.
//
// Read from /proc/<pid>/task/<tid>/schedstat (first field: nanoseconds on a CPU) every
// millisecond while the process runs; each thread keeps the last value read, so a thread that
// ends loses at most its last millisecond. Threads are listed in creation order (tids grow).

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  tid: number;
  /** Milliseconds on a CPU. */
  cpuMs: number;
  /** The process's first thread (Node's main thread). */
  main: boolean;
}

/** True where the kernel reports per-thread CPU (Linux with schedstats). */
export function canMeasureThreads(): boolean {
  return existsSync(`/proc/${process.pid}/task/${process.pid}/schedstat`);
}

/** Reads each thread's CPU milliseconds so far into `seen` (tid → ms); an ended thread keeps its last value. */
export function readThreadCpu(pid: number, seen: Map<number, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return; // the process has ended
  }
  for (const tid of tids) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      seen.set(Number(tid), ns / 1e6);
    } catch {
      // the thread ended between the listing and the read: its last value stays
    }
  }
}

/** Runs `argv` (output discarded) and returns every thread's CPU, in creation order. */
export function threadCpu(argv: string[]): Promise<ThreadCpu[]> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) return Promise.reject(new Error(`cannot start ${argv.join(' ')}`));
  const seen = new Map<number, number>();
  const timer = setInterval(() => readThreadCpu(pid, seen), 1);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => { clearInterval(timer); reject(error); });
    child.once('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited with ${code}`));
      else resolve([...seen].sort((a, b) => a[0] - b[0]).map(([tid, cpuMs]) => ({ tid, cpuMs, main: tid === pid })));
    });
  });
}

/**
 * Names a run's threads: the main thread, then the worker threads in the order they were made,
 * `names` giving the main's and each worker's label. A Node worker costs tens of milliseconds
 * to start while V8's and libuv's helper threads use a few, so the workers are the threads after
 * the main one with the most CPU (as many as there are worker names, each at least
 * `workerMinMs`), labelled in creation order; the rest are summed as `helpers`. Not the first
 * threads above a threshold: V8's background compile threads reached 12.7 ms on one run of
 * `memscope run` wasi-cat, and the first of them was labelled the guest worker.
 */
export function labelThreads(threads: ThreadCpu[], names: string[], workerMinMs = 10): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries([...names, 'helpers'].map((n) => [n, 0]));
  const main = threads.find((t) => t.main);
  if (main) out[names[0]!] = main.cpuMs;
  const rest = threads.filter((t) => !t.main);
  const workers = new Set([...rest].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, names.length - 1).filter((t) => t.cpuMs >= workerMinMs));
  let next = 1;
  for (const t of rest) {
    if (workers.has(t)) out[names[next++]!] = t.cpuMs;
    else out.helpers! += t.cpuMs;
  }
  return out;
}
