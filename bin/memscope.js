#!/usr/bin/env node
// The `memscope` command: runs the CLI that `npm install` built (out/main/cli.js, from
// src-main/cli/main.ts). Paths resolve from the package, so it behaves the same wherever it is run.
import { existsSync } from 'node:fs';

const built = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('memscope: the build is missing (out/main/cli.js); run `npm run build` in the memscope folder\n');
  process.exit(70);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));
