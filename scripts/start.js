// `npm start`: build if out/ is stale, then launch the Electron app; when no Electron binary can
// be had, say so in one line and serve the same UI through the web shell (`memscope serve`),
// printing its URL.
// Extra arguments (a .wasm or .wseq) are passed on to whichever shell runs.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.js';
import { findElectronBinary } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

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

const electron = findElectronBinary();
if (electron.path) {
  const child = spawn(electron.path, [root, ...args], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(`memscope: ${electron.reason}; serving the same UI in your browser instead:`);
  // The CLI's own loader (bin/memscope.js) adds a code cache, which a long-lived server does not need.
  const { main } = createRequire(import.meta.url)('../out/main/cli.cjs');
  const module = args.find((a) => a.endsWith('.wasm'));
  const sequence = args.find((a) => a.endsWith('.wseq'));
  process.exitCode = await main(['serve', ...(module ? [module] : []), ...(sequence ? ['--sequence', sequence] : [])]);
}
