// What createBackend hands to a shell: the contract's requests, a single event stream, and a
// few shell-only helpers (open files by path for CLI arguments and Open Recent).

import type { Backend, EventName, Events } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import type { SessionView } from '../shared/contract.ts';
import type { SessionConfig } from '../engine/index.ts';

/** One event, as a tagged value so transports can forward it without a switch. */
export type BackendEvent = { [E in EventName]: { name: E; payload: Events[E] } }[EventName];

export type Unsubscribe = () => void;

export interface BackendOptions {
  /** Where the demos live; default resources/examples of this checkout. */
  examplesDir?: string;
  /** Engine config for every session opened (time limit, memory cap, …); safe defaults otherwise. */
  config?: Partial<SessionConfig>;
}

export interface BackendHandle {
  backend: Backend;
  onEvent(listener: (event: BackendEvent) => void): Unsubscribe;
  /**
   * Opens a module and/or sequence from host paths the user gave on the command line or in a
   * native dialog (trusted: a sequence's relative `module`/`dir` paths resolve beside it).
   * With only a sequence, its `module "…"` directive names the module.
   */
  openFiles(paths: { module?: string; sequence?: string }): Promise<Result<SessionView>>;
  /**
   * The native shell read this sequence file from disk for the page (a dialog pick): when the
   * page opens it, its `dir` lines resolve in baseDir like a file opened by path.
   */
  trustFile(file: { name: string; text: string; baseDir: string }): void;
  /**
   * `memscope serve` read module bytes of this SHA-256 from disk for a file-changed notice: Reload
   * opens them with the editor's text and keeps the open session's `dir` lines (keptTrust, index.ts).
   */
  trustReload(sha256: string): void;
  /** Stops what is in progress, as the stop request does, with `why` as the stopped step's message. */
  interrupt(why: string): Promise<void>;
  dispose(): Promise<void>;
}
