// Every demo sequence the export-host tests cover, and the demos export-host refuses (each
// with the words of its refusal, which run-go-js.test.ts and friends check through the CLI).

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export const EXAMPLES = join(new URL('../../..', import.meta.url).pathname, 'resources/examples');

/** Demo sequences with no exported host, by file name: Go js/wasm programs using syscall/js. */
export const REFUSED: Readonly<Record<string, string>> = {
  'go-fmt.wseq': 'is a Go js/wasm program using syscall/js',
  'go-library.wseq': 'is a Go js/wasm program using syscall/js',
};

/** Every demo's .wseq (absolute paths), those export-host refuses left out. */
export const EXPORTED_SEQUENCES: readonly string[] = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(EXAMPLES, d.name)).filter((f) => f.endsWith('.wseq')).map((f) => join(EXAMPLES, d.name, f)))
  .filter((s) => !(basename(s) in REFUSED));
