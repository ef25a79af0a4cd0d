#!/usr/bin/env node
// The `memscope` command: registers tsx so the TypeScript sources run as they are, then hands
// the arguments to the dispatcher. Paths resolve from this file, and no tsconfig is read from
// the working directory, so `memscope` behaves the same wherever it is run.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
