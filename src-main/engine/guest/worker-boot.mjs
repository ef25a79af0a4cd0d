// Starts the guest worker from TypeScript sources (dev, tests, CLI via tsx): registers tsx's
// loader inside this worker thread, then imports the real entry named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
