// stopOnSignal: the first SIGINT/SIGTERM stops the session and is remembered; a second exits at
// once with the shell's status; dispose() gives the signals back.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { signalStatus, stopOnSignal } from './interrupt.ts';

afterEach(() => vi.restoreAllMocks());

describe('stopOnSignal', () => {
  it('stops the session on the first signal, exits on the second, and lets go when disposed', async () => {
    const stop = vi.fn(async () => {});
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const before = process.listenerCount('SIGTERM');
    const interrupt = stopOnSignal({ stop });
    expect(interrupt.signal).toBeNull();

    process.emit('SIGTERM', 'SIGTERM');
    expect(interrupt.signal).toBe('SIGTERM');
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();

    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    expect(stop).toHaveBeenCalledTimes(1);

    interrupt.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('once the steps are over, the first signal exits at once and stops nothing', () => {
    const stop = vi.fn(async () => {});
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const interrupt = stopOnSignal({ stop });
    interrupt.ended();
    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    expect(stop).not.toHaveBeenCalled();
    interrupt.dispose();
  });

  it('gives the shell status of each signal', () => {
    expect(signalStatus('SIGINT')).toBe(130);
    expect(signalStatus('SIGTERM')).toBe(143);
  });
});
