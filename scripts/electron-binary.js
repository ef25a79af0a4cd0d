// Finds an Electron executable without triggering the electron package's download (requiring
// `electron` from Node downloads the binary on first use, which cannot work offline).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const PLATFORM_PATH = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

function platformPath(pkgDir) {
  const file = join(pkgDir, 'path.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return PLATFORM_PATH[process.platform] ?? 'electron';
}

/** @returns {{ path: string | null, reason: string }} */
export function findElectronBinary() {
  const candidates = [];
  let pkgDir = null;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    // The npm package itself is missing.
  }
  const rel = pkgDir ? platformPath(pkgDir) : 'electron';
  if (process.env.ELECTRON_EXEC_PATH) candidates.push(process.env.ELECTRON_EXEC_PATH);
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel));
  if (pkgDir) candidates.push(join(pkgDir, 'dist', rel));
  const found = candidates.find((c) => existsSync(c));
  if (found) return { path: found, reason: `found ${found}` };
  const where = candidates.length > 0 ? candidates.join(', ') : 'no electron package';
  return {
    path: null,
    reason: `no Electron binary (looked at ${where}; set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron)`,
  };
}
