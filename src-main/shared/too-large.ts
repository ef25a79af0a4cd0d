// What a file too large for the app or the page says, wherever it is refused (the page's
// client at the message limit, the backend at a request's file limit, the desktop app's
// Open dialog): the way round it is the CLI, which reads files by path with no message in
// between (a memory image up to 4 GiB). Without it a refusal left the person with only a limit.

export const TOO_LARGE_INSTEAD = {
  image: 'view an image this large with `memscope snapshot FILE` in a terminal',
  diff: 'compare snapshots this large with `memscope snapshot FILE.msnap --diff OTHER.msnap` in a terminal',
  module: 'run a module this large with `memscope run SEQUENCE.wseq` in a terminal',
} as const;
