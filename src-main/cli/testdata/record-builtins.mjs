// Loaded with `node --import` by run-start-up.test.ts: when the main thread exits, writes the
// Node built-in modules and the npm packages it loaded to stderr as one last JSON line (workers
// inherit --import and are left alone).
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', (code) => {
    const loaded = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
    // CommonJS files required from node_modules (the build requires its dependencies at run time).
    const packages = [...new Set(Object.keys(createRequire(import.meta.url).cache)
      .map((file) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter(Boolean))];
    process.stderr.write(`\n${JSON.stringify({ code, loaded, packages })}\n`);
  });
}
