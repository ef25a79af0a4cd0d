// Starts the guest worker from TypeScript sources (tests and benchmarks only; the product runs
// out/main/guest-worker.cjs): registers tsx's loader in this worker thread, then imports the
// real entry named in workerData.entry.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// The event loop stays alive while Binaryen compiles (see worker.ts: otherwise this thread runs
// inside Node's platform drain and then waits there for V8's background compiles).
parentPort.ref();

// Binaryen is 14 MB of JavaScript that tsx would transform for seconds: when write tracing will
// need it, load it before tsx's hooks exist, so the TypeScript's import finds it cached.
if (workerData.init?.traceWrites && !workerData.init.traced) await import('binaryen');
register();
await import(workerData.entry);
