// The one place write tracing gets Binaryen from. Binaryen is 14 MB of JavaScript and an ES
// module with top-level await, so nothing imports it statically: a run without write tracing
// never loads it, and a CommonJS build (which turns static imports into require(), which cannot
// load a module with top-level await) never tries to. loadBinaryen() is awaited once, before
// anything in provenance/ that calls binaryen() runs.

import type Binaryen from 'binaryen';
import { importModule } from '../../../boot/code-cache.ts';

export type BinaryenApi = typeof Binaryen;

let api: BinaryenApi | undefined;

/** Loads Binaryen (once per thread); later calls return at once. */
export async function loadBinaryen(): Promise<BinaryenApi> {
  // Not import(): the build runs this file through the code cache, whose scripts have none.
  api ??= ((await importModule('binaryen')) as { default: BinaryenApi }).default;
  return api;
}

/** Binaryen, after loadBinaryen(); calling it before is a bug in the caller, said so plainly. */
export function binaryen(): BinaryenApi {
  if (!api) throw new Error('internal: Binaryen used before loadBinaryen() finished');
  return api;
}
