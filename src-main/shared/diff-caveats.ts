// What a diff's byte ranges do not say by themselves, said before them wherever memory is
// compared with memory (`memscope snapshot --diff`, the page's comparison with a saved file and
// of two steps): that the memories differ in size (the smaller is read as zeros past its end, so
// the larger one's data there lists as changed), or that they are of different modules (by
// SHA-256: one name may be two builds), whose layouts need not agree.

import { WASM_PAGE } from './dto.ts';
import { count } from './count.ts';
import { hexAddress } from './hex.ts';

/** One side of a diff: its name as said ("x.msnap", "live memory", "memory after step 3"), its size, and its module when known. */
export interface DiffSide {
  name: string;
  size: number;
  moduleName?: string;
  /** '' when none is recorded (a raw dump's): unknown, not different. */
  moduleSha256?: string;
}

export function diffCaveats(a: DiffSide, b: DiffSide): string[] {
  const out: string[] = [];
  if (a.size !== b.size) {
    const small = a.size < b.size ? a : b;
    out.push(`memory sizes differ: ${a.name} has ${memorySizeText(a.size)}, ${b.name} ${memorySizeText(b.size)}; `
      + `the bytes past ${hexAddress(small.size)}, where ${small.name} ends, are compared with zero`);
  }
  const [ha, hb] = [a.moduleSha256 ?? '', b.moduleSha256 ?? ''];
  if (ha !== hb && ha !== '' && hb !== '') {
    out.push(`different modules: ${a.name} is of ${a.moduleName} (sha256 ${ha.slice(0, 16)}…), `
      + `${b.name} of ${b.moduleName} (sha256 ${hb.slice(0, 16)}…); their memory layouts need not agree`);
  }
  return out;
}

/**
 * A coredump against memory of a known module: a dump records module names, not a hash, so
 * diffCaveats cannot compare them; `recorded` are its names when none is that module's
 * (module-fit.ts decides).
 */
export function dumpedModuleCaveat(dumpName: string, recorded: string, other: DiffSide): string {
  return `different modules: ${dumpName} is a coredump of ${recorded}, ${other.name} of ${other.moduleName} `
    + `(sha256 ${(other.moduleSha256 ?? '').slice(0, 16)}…); their memory layouts need not agree`;
}

/** "131072 bytes (2 pages)", "100 bytes (less than a page)". */
export function memorySizeText(size: number): string {
  return `${count(size, 'byte')} (${pagesText(size)})`;
}

/**
 * "2 pages"; a size that is no whole number of pages (a raw .bin of any length, opened in the app
 * and exported as .msnap) as "1 page and 100 bytes", not "1.00152587890625 pages".
 */
export function pagesText(size: number): string {
  const pages = Math.floor(size / WASM_PAGE);
  const rest = size - pages * WASM_PAGE;
  if (rest === 0) return count(pages, 'page');
  return pages === 0 ? 'less than a page' : `${count(pages, 'page')} and ${count(rest, 'byte')}`;
}
