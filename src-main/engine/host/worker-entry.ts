// Where the guest worker's entry lives. What runs (the CLI, the web shell, the Electron app) is
// the build: the engine is bundled into out/main and the guest worker is out/main/guest-worker.js
// (an extra electron-vite main input named `guest-worker`) beside it, started directly.
//
// Only tests and benchmarks run the engine from its TypeScript sources (this file is then
// `.../host/worker-entry.ts`); a Worker cannot load .ts, so they start guest/worker-boot.mjs,
// which registers tsx (a dev dependency) and imports guest/worker.ts (workerData.entry).

export interface WorkerEntry {
  /** The file the Worker is constructed with. */
  url: URL;
  /** Passed as workerData.entry: what worker-boot.mjs imports (null when bundled). */
  entry: string | null;
}

export const BUNDLED_WORKER_FILE = 'guest-worker.js';

/** `true` in the build (electron.vite.config.ts defines it), so the bundler drops the source branch. */
declare const MEMSCOPE_BUILD: boolean | undefined;
const BUILT = typeof MEMSCOPE_BUILD !== 'undefined' && MEMSCOPE_BUILD;

export function guestWorkerEntry(here: string = import.meta.url): WorkerEntry {
  if (!BUILT && here.endsWith('.ts')) {
    return {
      url: new URL('../guest/worker-boot.mjs', here),
      entry: new URL('../guest/worker.ts', here).href,
    };
  }
  return { url: new URL(`./${BUNDLED_WORKER_FILE}`, here), entry: null };
}
