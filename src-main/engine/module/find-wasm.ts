// Walks directories for *.wasm files: depth-first, entries in byte order, symlinked directories
// not followed (so a link cycle cannot loop). Yields paths lazily so a huge tree streams.

import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

export async function* findWasmFiles(dir: string): AsyncGenerator<string> {
  const entries: { name: string; isDir: boolean; isFile: boolean }[] = [];
  const handle = await opendir(dir);
  for await (const e of handle) entries.push({ name: e.name, isDir: e.isDirectory(), isFile: e.isFile() });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDir) yield* findWasmFiles(path);
    else if (e.isFile && e.name.endsWith('.wasm')) yield path;
  }
}
