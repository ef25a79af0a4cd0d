// Every demo sequence the export-host tests cover, and those only --lang js writes out: Go
// js/wasm programs, which need Go's JavaScript runtime (the Rust and Go hosts refuse them).

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export const EXAMPLES = join(new URL('../../..', import.meta.url).pathname, 'resources/examples');

/** Demo sequences only the JS host writes out, by file name: Go js/wasm programs. */
export const JS_ONLY: ReadonlySet<string> = new Set(['go-fmt.wseq', 'go-hello.wseq', 'go-library.wseq']);

/** Every demo's .wseq (absolute paths). */
export const DEMO_SEQUENCES: readonly string[] = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(EXAMPLES, d.name)).filter((f) => f.endsWith('.wseq')).map((f) => join(EXAMPLES, d.name, f)));

/** The demos the Rust and Go hosts write out: all but JS_ONLY. */
export const EXPORTED_SEQUENCES: readonly string[] = DEMO_SEQUENCES.filter((s) => !JS_ONLY.has(basename(s)));
