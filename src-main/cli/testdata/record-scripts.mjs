// Loaded with `node --import .../record-scripts.mjs?log=FILE` by tests: appends the URL of every
// script V8 compiles to FILE, one per line, in every thread (workers inherit --import, and the
// log's path travels in this module's own URL, since a worker may get another environment).
// Unlike a resolve hook, which on Node 20 does not reach worker threads and sees only ES
// modules, the inspector's Debugger domain sees each script, CommonJS or ES module.
import { appendFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const log = new URL(import.meta.url).searchParams.get('log');
const session = new Session();
session.connect();
session.on('Debugger.scriptParsed', ({ params: { url } }) => {
  if (url && !url.startsWith('node:')) appendFileSync(log, `${url}\n`);
});
session.post('Debugger.enable');
