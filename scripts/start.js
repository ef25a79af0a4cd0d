// `npm start`: build if out/ is stale, then launch the Electron app; when no Electron binary can
// be had, say so in one line and serve the same UI through the web shell (`memscope serve`),
// printing its URL.
// Extra arguments are passed on to whichever shell runs: the app opens what it is given (a
// module, a sequence, a memory image); the web shell opens a module and a sequence, takes
// --port and --no-open, and says which of the rest it did not open.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.js';
import { findElectronBinary } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// npm runs a script from the package root, and the shells run there too: `npm start -- x.wasm`
// typed in a subdirectory opened (or failed to read) the root's x.wasm. npm says where it was
// run in INIT_CWD; a file named relative to that is made absolute before it is handed on.
const typedIn = process.env.INIT_CWD || process.cwd();
const fileAt = (arg) => resolve(typedIn, arg);

// `npm install` already built (its `prepare` script): build again only when a source changed since.
const state = buildState(root);
if (!state.current) {
  console.log(`memscope: building (${state.reason})…`);
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    console.error('memscope: the build failed; see the messages above');
    process.exit(build.status ?? 1);
  }
}

/**
 * `memscope serve`'s arguments for what `npm start` was given. Serve opens one module and one
 * sequence (a .txt too, as --sequence); anything else was dropped without a word (a memory
 * image, a second module, --port), or a coredump (`x.core.wasm`) was taken as the module and
 * refused, so no page was served: each is now said on stderr and the page served without it.
 */
function serveArgs(given) {
  const out = [];
  let module = null;
  let sequence = null;
  const notOpened = (arg, why) => process.stderr.write(`memscope: ${arg} not opened: ${why}\n`);
  for (let i = 0; i < given.length; i++) {
    const arg = given[i];
    if (arg === '--no-open' || arg.startsWith('--port=')) out.push(arg);
    else if (arg === '--port') out.push(arg, ...(i + 1 < given.length ? [given[++i]] : []));
    // Serve's own option; its file is taken by its name below, as a positional one is.
    else if (arg === '--sequence') continue;
    else if (arg.startsWith('-')) process.stderr.write(`memscope: ${arg} ignored: the web shell takes --port N and --no-open\n`);
    // By name, as src-main/shared/file-kind.ts tells kinds (a coredump is `….core.wasm`).
    else if (/\.(msnap|bin|core|core\.wasm)$/i.test(arg)) notOpened(arg, 'the web shell opens a memory image from its page (Open coredump or snapshot…), not from the command line');
    else if (/\.wasm$/i.test(arg) && module === null) module = fileAt(arg);
    else if (/\.(wseq|txt)$/i.test(arg) && sequence === null) sequence = fileAt(arg);
    else if (/\.(wasm|wseq|txt)$/i.test(arg)) notOpened(arg, 'the web shell opens one module (.wasm) with one call sequence (.wseq, .txt)');
    else notOpened(arg, 'the web shell opens a module (.wasm) and a call sequence (.wseq, .txt)');
  }
  return [...(module ? [module] : []), ...(sequence ? ['--sequence', sequence] : []), ...out];
}

const electron = findElectronBinary();
if (electron.path) {
  // Switches (Electron's, Chromium's) go on as they are; the app takes every other argument as a file.
  const passed = args.map((a) => (a.startsWith('-') ? a : fileAt(a)));
  const child = spawn(electron.path, [root, ...passed], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(`memscope: ${electron.reason}; serving the same UI in your browser instead:`);
  // The CLI's own loader (bin/memscope.js) adds a code cache, which a long-lived server does not need.
  const { main } = createRequire(import.meta.url)('../out/main/cli.cjs');
  process.exitCode = await main(['serve', ...serveArgs(args)]);
}
