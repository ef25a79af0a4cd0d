// Where the guest worker's entry lives. What runs (the CLI, the web shell, the Electron app) is
// the build: the engine is bundled into out/main and the guest worker is out/main/guest-worker.cjs
// (an extra electron-vite main input named `guest-worker`) beside it, which the thread's first
// file, guest-boot.cjs, runs through V8's code cache (boot/code-cache.ts).
//
// Only tests and benchmarks run the engine from its TypeScript sources (this file is then
// `.../host/worker-entry.ts`); a Worker cannot load .ts, so they start guest/worker-boot.mjs,
// which registers tsx (a dev dependency) and imports guest/worker.ts (workerData.entry).

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheDir } from '../../boot/code-cache.ts';

export interface WorkerEntry {
  /** The file the Worker is constructed with. */
  url: URL;
  /** Passed as workerData.entry: what the first file (worker-boot.mjs, guest-boot.cjs) runs. */
  entry: string;
  /** Passed as workerData.codeCache: the code cache's directory, null when off (a guest's thread has no environment). */
  codeCache: string | null;
}

export const BUNDLED_WORKER_FILE = 'guest-worker.cjs';
/**
 * The guest thread keeps its code cache apart from the controlling thread's: a chunk both
 * threads load (the engine's shared modules) holds the functions of whichever thread wrote its
 * cache, and the other thread compiled its own every start.
 */
export const GUEST_THREAD_CACHE = 'guest-thread';
/** The worker thread's first file in the build (src-main/boot/guest-boot.ts). */
const BUNDLED_BOOT_FILE = 'guest-boot.cjs';

/** `true` in the build (electron.vite.config.ts defines it), so the bundler drops the source branch. */
declare const MEMSCOPE_BUILD: boolean | undefined;
const BUILT = typeof MEMSCOPE_BUILD !== 'undefined' && MEMSCOPE_BUILD;

export function guestWorkerEntry(here: string = import.meta.url): WorkerEntry {
  if (!BUILT && here.endsWith('.ts')) {
    return {
      url: new URL('../guest/worker-boot.mjs', here),
      entry: new URL('../guest/worker.ts', here).href,
      codeCache: null,
    };
  }
  const cache = codeCacheDir();
  return { url: new URL(`./${BUNDLED_BOOT_FILE}`, here), entry: fileURLToPath(new URL(`./${BUNDLED_WORKER_FILE}`, here)), codeCache: cache && join(cache, GUEST_THREAD_CACHE) };
}
