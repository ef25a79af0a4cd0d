// Where the guest worker's entry lives, from sources (tsx) or from a bundle (electron-vite).
//
// From sources, this file is `.../host/worker-entry.ts`: a Worker cannot load .ts directly, so
// we start guest/worker-boot.mjs, which registers tsx and imports guest/worker.ts (workerData.entry).
// Bundled, the engine is inlined into out/main/index.js and the bundle must also emit
// out/main/guest-worker.js (an extra electron-vite main input named `guest-worker`), which we
// start directly.

export interface WorkerEntry {
  /** The file the Worker is constructed with. */
  url: URL;
  /** Passed as workerData.entry: what worker-boot.mjs imports (null when bundled). */
  entry: string | null;
}

export const BUNDLED_WORKER_FILE = 'guest-worker.js';

export function guestWorkerEntry(here: string = import.meta.url): WorkerEntry {
  if (here.endsWith('.ts')) {
    return {
      url: new URL('../guest/worker-boot.mjs', here),
      entry: new URL('../guest/worker.ts', here).href,
    };
  }
  return { url: new URL(`./${BUNDLED_WORKER_FILE}`, here), entry: null };
}
