#!/usr/bin/env node
// The `memscope` command: registers tsx so the TypeScript sources run as they are, then hands
// the arguments to the dispatcher. Paths resolve from this file, so any working directory works.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
