// Starts the guest worker from TypeScript sources (tests and benchmarks only; the product runs
// out/main/guest-worker.js): registers tsx's loader in this worker thread, then imports the
// real entry named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
