// Test helper: a web shell serving a stand-in renderer (an index.html and, when asked, an app.js)
// from a fresh temporary folder, for tests of the server itself rather than of the page.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebShell, type WebShell } from '../server.ts';

export async function stubRendererShell(withScript = false): Promise<WebShell> {
  const dir = await mkdtemp(join(tmpdir(), 'memscope-renderer-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  if (withScript) await writeFile(join(dir, 'app.js'), 'export {};');
  return startWebShell({ rendererDir: dir });
}
