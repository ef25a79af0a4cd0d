#!/usr/bin/env node
// The `memscope` command: runs the CLI that `npm install` built (out/main/cli.cjs, from
// src-main/cli/main.ts) through V8's code cache (out/main/code-cache.cjs, from
// src-main/boot/code-cache.ts). Paths resolve from the package, so it behaves the same wherever it is run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.cjs', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('memscope: the build is missing (out/main/cli.cjs); run `npm run build` in the memscope folder\n');
  process.exit(70);
}
const { loadCached, codeCacheDir, saveCodeCache } = createRequire(import.meta.url)('../out/main/code-cache.cjs');
const { main } = loadCached(built, codeCacheDir());
process.exitCode = await main(process.argv.slice(2));
saveCodeCache();
