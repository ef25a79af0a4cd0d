// Loaded with `node --import` by built-js.test.ts: registers a module resolve hook (in every
// thread, since workers inherit --import) that appends each resolved file URL to the file
// named by MEMSCOPE_LOAD_LOG, so the test can see whether any TypeScript or tsx was loaded.
import { register } from 'node:module';

register(new URL('./record-loads-hooks.mjs', import.meta.url), { data: { log: process.env.MEMSCOPE_LOAD_LOG } });
