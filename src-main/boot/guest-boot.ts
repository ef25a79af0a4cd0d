// The guest worker thread's first file in the build (out/main/guest-boot.cjs): runs the bundled
// worker (workerData.entry) through the code cache in the directory the controlling thread chose
// (workerData.codeCache; a guest's thread has no environment to find it from). The worker writes
// that cache itself, when it answers its first request (guest/worker.ts).
import { workerData } from 'node:worker_threads';
import { loadCached } from './code-cache.ts';

const { entry, codeCache } = workerData as { entry: string; codeCache: string | null };
loadCached(entry, codeCache);
