// The guest worker thread's first file in the build (out/main/guest-boot.cjs): runs the bundled
// worker (workerData.entry) through the code cache in the directory the controlling thread chose
// (workerData.codeCache; a guest's thread has no environment to find it from), and writes that
// cache once the worker's start has run.
import { workerData } from 'node:worker_threads';
import { loadCached, saveCodeCache } from './code-cache.ts';

const { entry, codeCache } = workerData as { entry: string; codeCache: string | null };
loadCached(entry, codeCache);
// The worker instantiates and sends `ready` in its first turns; its step code is compiled later
// and is cached from the second start on only as far as it was compiled by then.
if (codeCache) setImmediate(saveCodeCache);
