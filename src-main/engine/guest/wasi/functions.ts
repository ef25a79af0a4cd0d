// The one ordered list of every wasi_snapshot_preview1 function, as the witx declares them.

import { argsFunctions } from './args.ts';
import { clockFunctions } from './clock.ts';
import type { WasiFunction } from './context.ts';
import { environFunctions } from './environ.ts';
import { fdFunctions } from './fd.ts';
import { fdIoFunctions } from './fd-io.ts';
import { fdReaddirFunctions } from './fd-readdir.ts';
import { pathFunctions } from './path.ts';
import { pathOpenFunctions } from './path-open.ts';
import { pollFunctions } from './poll.ts';
import { procFunctions } from './proc.ts';
import { randomFunctions } from './random.ts';
import { sockFunctions } from './sock.ts';
import { PREVIEW1_NAMES } from '../../protocol.ts';


const byName = new Map<string, WasiFunction>(
  [
    ...argsFunctions, ...clockFunctions, ...environFunctions, ...fdFunctions, ...fdIoFunctions,
    ...fdReaddirFunctions, ...pathFunctions, ...pathOpenFunctions, ...pollFunctions,
    ...procFunctions, ...randomFunctions, ...sockFunctions,
  ].map((f) => [f.name, f]),
);

/** The table, ordered by PREVIEW1_NAMES; a missing definition is a bug caught at load time. */
export const WASI_FUNCTIONS: readonly WasiFunction[] = PREVIEW1_NAMES.map((name) => {
  const f = byName.get(name);
  if (!f) throw new Error(`wasi: no definition for ${name}`);
  return f;
});
if (byName.size !== PREVIEW1_NAMES.length) throw new Error('wasi: a definition is not in PREVIEW1_NAMES');
