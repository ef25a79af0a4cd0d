// Loaded with `node --import` by run-start-up.test.ts: when the main thread exits, writes the
// Node built-in modules it loaded to stderr as one last JSON line (workers inherit --import and
// are left alone).
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', (code) => {
    const loaded = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
    process.stderr.write(`\n${JSON.stringify({ code, loaded })}\n`);
  });
}
