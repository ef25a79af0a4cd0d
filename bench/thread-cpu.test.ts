// The bench's per-thread CPU: a worker is found as its own thread, and threads are named in order.
import { describe, expect, it } from 'vitest';
import { canMeasureThreads, labelThreads, threadCpu } from './thread-cpu.ts';

describe('thread CPU', () => {
  it.runIf(canMeasureThreads())('measures a process\'s main thread and its worker apart', async () => {
    const spin = 'let x = 0; for (let i = 0; i < 2e7; i++) x += i; if (x < 0) console.log(x);';
    const threads = await threadCpu([process.execPath, '-e', `new (require('node:worker_threads').Worker)(${JSON.stringify(spin)}, { eval: true })`]);
    expect(threads.filter((t) => t.main)).toHaveLength(1);
    expect(threads[0]!.main).toBe(true);
    const named = labelThreads(threads, ['main', 'worker'], 1);
    expect(named.main).toBeGreaterThan(0);
    expect(named.worker).toBeGreaterThan(0);
  });

  it('names the main thread and the workers in creation order, and sums the small helpers', () => {
    const named = labelThreads([
      { tid: 10, cpuMs: 80, main: true },
      { tid: 11, cpuMs: 2, main: false },
      { tid: 15, cpuMs: 40, main: false },
      { tid: 16, cpuMs: 3, main: false },
      { tid: 19, cpuMs: 30, main: false },
    ], ['main', 'guest worker', 'shim IO']);
    expect(named).toEqual({ main: 80, 'guest worker': 40, 'shim IO': 30, helpers: 5 });
  });

  it('takes the busiest threads for the workers, not the first above the threshold (a V8 helper made before them)', () => {
    const named = labelThreads([
      { tid: 10, cpuMs: 150, main: true },
      { tid: 12, cpuMs: 4.8, main: false },
      { tid: 13, cpuMs: 12.7, main: false },
      { tid: 14, cpuMs: 9, main: false },
      { tid: 21, cpuMs: 122.5, main: false },
      { tid: 22, cpuMs: 86.5, main: false },
    ], ['main', 'guest worker', 'shim IO']);
    expect(named).toEqual({ main: 150, 'guest worker': 122.5, 'shim IO': 86.5, helpers: 26.5 });
  });

  it('rejects a process that fails', async () => {
    await expect(threadCpu([process.execPath, '-e', 'process.exit(3)'])).rejects.toThrow(/exited with 3/);
  });
});
