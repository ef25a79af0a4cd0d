// `npm run test:e2e`: Playwright against the web shell in Debian's headless Chromium, plus the
// Electron spec when an Electron binary is supplied. Needs an X server only for Electron, so
// xvfb-run wraps the run only then (and only when no DISPLAY is set).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) && !process.env.CHROMIUM_PATH) installChromium();
if (!existsSync(chromium)) {
  console.error(`e2e: no Chromium at ${chromium}; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(1);
}

/** On a fresh Debian machine where we are root, fetch Debian's chromium so `npm test` is one command. */
function installChromium() {
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!canApt) return;
  console.log('e2e: Chromium is missing; installing Debian\'s chromium package with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('e2e: the renderer is not built; run `npm run build` first');
  process.exit(1);
}

const playwright = [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)];
const electron = findElectronBinary();
const needsDisplay = electron.path !== null && !process.env.DISPLAY && process.platform === 'linux';
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;

const [command, args] = needsDisplay && hasXvfb
  ? ['xvfb-run', ['-a', process.execPath, ...playwright]]
  : [process.execPath, playwright];
const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } });
process.exit(run.status ?? 1);
