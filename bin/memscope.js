#!/usr/bin/env node
// The `memscope` command: runs the CLI that `npm install` built (out/main/cli.cjs, from
// src-main/cli/main.ts) through V8's code cache (out/main/code-cache.cjs, from
// src-main/boot/code-cache.ts). Paths resolve from the package, so it behaves the same wherever it is run.
//
// CommonJS (bin/package.json), not an ES module: Node's ES module loader costs a start ~13 ms
// of CPU, ~5% of `memscope run` on a small story, mostly making ESM facades of node:fs (which
// loads every stream module through fs.ReadStream's getter) and fs/promises.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '../out/main/cli.cjs');
if (!existsSync(built)) {
  process.stderr.write('memscope: the build is missing (out/main/cli.cjs); run `npm run build` in the memscope folder\n');
  process.exit(70);
}
const { loadCached, codeCacheDir, saveCodeCache } = require('../out/main/code-cache.cjs');
const { main } = loadCached(built, codeCacheDir());
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  saveCodeCache();
});
