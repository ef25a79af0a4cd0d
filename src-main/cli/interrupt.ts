// Ctrl+C (SIGINT) or SIGTERM during a command that runs a sequence: the running step is stopped
// as the app's Stop does (the worker is terminated, memory stays as last captured), and the
// command goes on to report what ran, so an interrupted stuck guest still shows where it was.
// The exit status is then 128 + the signal's number, as the shell's own; a second signal exits
// at once, in case reporting itself is what the user wants to end, and so does a first one once
// the steps are over (ended()): there is nothing left to stop but the report.

import type { Session } from '../engine/index.ts';

/** 128 + the signal's number, the same on every system Node runs on (no node:os load for two constants). */
const SIGNAL_STATUS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 128 + 2, SIGTERM: 128 + 15 };

export function signalStatus(signal: NodeJS.Signals): number {
  return SIGNAL_STATUS[signal] ?? 1;
}

export interface Interrupt {
  /** The signal that stopped the run, or null. */
  readonly signal: NodeJS.Signals | null;
  /** The steps are over: from now on a signal exits at once (files being written are left whole, write-whole.ts). */
  ended(): void;
  /** Removes the handlers (the signals' default behaviour returns). */
  dispose(): void;
}

/** Stops `session` on the first SIGINT or SIGTERM until disposed. */
export function stopOnSignal(session: Pick<Session, 'stop'>): Interrupt {
  let signal: NodeJS.Signals | null = null;
  let over = false;
  const onSignal = (received: NodeJS.Signals): void => {
    if (signal || over) {
      process.exit(signalStatus(received));
      return;
    }
    signal = received;
    void session.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get signal() { return signal; },
    ended() { over = true; },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
