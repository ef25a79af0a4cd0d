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

/** All 46 preview1 functions, in spec (alphabetical) order. */
export const PREVIEW1_NAMES = [
  'args_get', 'args_sizes_get', 'clock_res_get', 'clock_time_get', 'environ_get',
  'environ_sizes_get', 'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get',
  'fd_fdstat_set_flags', 'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size',
  'fd_filestat_set_times', 'fd_pread', 'fd_prestat_dir_name', 'fd_prestat_get', 'fd_pwrite',
  'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link',
  'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
  'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'random_get', 'sched_yield',
  'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
] as const;

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
