#!/usr/bin/env node
// Runs a TypeScript entry file with tsx's loader registered (dev only: `npm run bench`).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

// Binaryen (write tracing) is 14 MB of JavaScript that tsx would transform for tens of seconds:
// loaded before tsx's hooks exist, the TypeScript's later import finds it in the module cache.
await import('binaryen');
register();
const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(resolve(entry)).href);
