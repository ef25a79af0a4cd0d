// Sizes in text people read, one spelling wherever they are said (the page's memory size and
// module panel, a file too large, the memory cap, Emscripten's heap, the history budget, a
// capture that ran long): "100 B", "64 KiB", "1.06 MiB", "4 GiB".

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * `bytes` in the largest unit it reaches, to two places at most (trailing zeros dropped).
 * Rounded up, so a size one byte over a limit never reads as the limit itself.
 */
export function formatSize(bytes: number): string {
  let unit = 0;
  while (bytes >= 1024 ** (unit + 1) && unit < UNITS.length - 1) unit++;
  return `${Math.ceil((bytes / 1024 ** unit) * 100) / 100} ${UNITS[unit]}`;
}
