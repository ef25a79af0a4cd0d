// `memscope snapshot FILE.msnap [--dump ADDR [LEN]] [--diff OTHER.msnap] [--json]`: loads a
// sparse snapshot back for viewing (manifest summary, hex dump) and diffing (exact byte ranges).

import {
  diffSnapshots, fileReadError, isRawDump, loadSnapshot, looksLikeCoredump, MAX_SNAPSHOT_FILE_BYTES, openMemoryImage, readRegularFile, snapshotStepText,
} from '../engine/index.ts';
import { tooShortForCoredump, viewCoredump } from './coredump-view.ts';
import type { LoadedSnapshot } from '../engine/index.ts';
import { WASM_PAGE, type MemscopeError, type Result } from '../shared/dto.ts';
import { hexAddress } from '../shared/hex.ts';
import { refuseCommandLine, writeRefusal } from './refusal.ts';
import { whereSuffix } from './error-where.ts';
import { dumpRange } from './dump-range.ts';
import { formatBinding } from '../shared/value-format.ts';
import { count } from '../shared/count.ts';
import { commentText } from '../shared/comment-text.ts';
import { hasWasmMagic } from '../shared/wasm-magic.ts';
import { scanArgs } from './option-args.ts';
import { diffCaveats, memorySizeText, type DiffSide } from '../shared/diff-caveats.ts';

export const SNAPSHOT_USAGE = `usage: memscope snapshot FILE.msnap [--dump ADDR [LEN]] [--diff OTHER.msnap] [--json]
       memscope snapshot FILE.core.wasm [--module M.wasm] [--dump ADDR [LEN] [--memory N]] [--json]
       memscope snapshot FILE.bin [--dump ADDR [LEN]] [--json]

Loads a sparse snapshot (written by the app's Export or by \`memscope run --snapshot\`) and prints
its manifest: module and SHA-256, step and source line, memory size, pages in use, regions and
bound values. Also reads standard Wasm coredumps (\`memscope run --coredump\`, wasmtime's
\`-D coredump=FILE\`): process, modules, instances, globals, memory and each thread's stack,
and raw memory dumps (\`memscope run --snapshot F.bin\`, every byte): their size and pages in use.
  --module M.wasm     coredumps: name the stack's functions from this module's name section
                      (stderr warns when the dump records another module's name); in a
                      dump of several modules, only the frames of its own instances
  --dump ADDR [LEN]   hex dump LEN bytes (default 256) from ADDR: hex, decimal, or a region name;
                      a range past the end of memory is cut there (said on stderr)
  --memory N          coredumps: the memory --dump reads, by its index in the dump (default: the memory of the instance the trap is in)
  --diff OTHER        the exact byte ranges that differ from OTHER.msnap, after saying if the
                      memory sizes differ (past the smaller, bytes are compared with zero) or
                      the modules do
  --json              one JSON object instead; an error is {"ok":false,"errors":[…]}
Exit status: 0 ok (with --diff: also when they differ), 2 unreadable or malformed input, or a
--dump address at or past the end of memory.`;

interface SnapshotArgs { file: string; dump?: { at: string; length: number }; memory?: number; diff?: string; module?: string; json: boolean }

/** What follows `--dump ADDR` is its length when it looks like a number at all (a sign, a fraction), so `-5` or `1.5` is refused as a length, not as an option or a second file. */
const LOOKS_NUMERIC = /^[-+]?(0x[0-9a-f]*|\d*\.?\d+(e[-+]?\d+)?|\d+\.)$/i;

function parseArgs(argv: string[]): SnapshotArgs | string | 'help' {
  // Read by the rules every command shares (option-args.ts): a second --diff, --dump or
  // --module is refused, `--diff=F` as `--diff F`, `--json=1` refused, `--` ends the options.
  const scanned = scanArgs(argv, {
    values: { '--module': 'a file', '--diff': 'a file', '--dump': 'an address', '--memory': 'a memory index' },
    flags: ['--json', '--help', '-h'],
    second: { '--dump': LOOKS_NUMERIC },
  });
  if (typeof scanned === 'string') return scanned;
  const { values, flags, positional } = scanned;
  if (flags.has('--help') || flags.has('-h')) return 'help';
  const args: SnapshotArgs = { file: '', json: flags.has('--json') };
  const module = values.get('--module');
  if (module !== undefined) args.module = module;
  const diff = values.get('--diff');
  if (diff !== undefined) args.diff = diff;
  const memory = values.get('--memory');
  if (memory !== undefined) {
    if (!/^\d+$/.test(memory) || !Number.isSafeInteger(Number(memory))) return `--memory takes a memory's index in the dump (0, 1, …), not ${memory}`;
    args.memory = Number(memory);
  }
  const at = values.get('--dump');
  if (at !== undefined) {
    let length = 256;
    const text = scanned.seconds.get('--dump');
    if (text !== undefined) {
      length = /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(length) || length <= 0 || length > 1 << 20) return `--dump length must be 1..1048576 bytes, not ${text}`;
    }
    args.dump = { at, length };
  }
  if (positional.includes('-')) return 'reads files, not standard input (-): give the snapshot\'s path'; // it was "unknown option -"
  if (positional.length !== 1) return positional.length === 0 ? 'no snapshot file given' : 'one snapshot file at a time (use --diff for a second)';
  args.file = positional[0]!;
  return args;
}

/** A file's bytes, read once (the magic says coredump or snapshot; it was read twice to tell). */
async function read(file: string): Promise<Result<Uint8Array>> {
  try {
    return { ok: true, value: await readRegularFile(file, MAX_SNAPSHOT_FILE_BYTES) };
  } catch (e) {
    // The words `inspect` uses ("is a directory", "no such file or directory"), not a bare EISDIR.
    return { ok: false, error: fileReadError(file, e) };
  }
}

function load(file: string, bytes: Uint8Array): Result<LoadedSnapshot> {
  const loaded = loadSnapshot(bytes);
  if (!loaded.ok) loaded.error.where = { file, ...loaded.error.where };
  return loaded;
}

/**
 * Why `memscope snapshot` stops: `text` on stderr (after "memscope snapshot: ") and, with --json,
 * `{"ok":false,"errors":[…]}` on stdout as `run --json` and `heap --json` refuse: a script reading
 * stdout got nothing before. Exit status 2.
 */
export function refuse(json: boolean, text: string, error: MemscopeError): number {
  writeRefusal({ ok: false, messages: [`memscope snapshot: ${text}`], errors: [error] }, json);
  return 2;
}

/** A file's error as one line: `FILE: message (byte offset N)`. */
function fileErrorText(file: string, error: MemscopeError): string {
  return `${file}: ${error.message}${whereSuffix(error.where)}`;
}

/**
 * An address: hex, decimal, or the start of a region named in the manifest. A name given again
 * (`ret = malloc(8)`, freed, then `ret = malloc(8)` once more) names several regions, oldest
 * first: the newest one not freed is the one the name holds now (the first found was the freed
 * one, whose bytes are another block's by then); with all freed, the newest.
 */
function resolveAddress(snap: LoadedSnapshot, text: string): number | null {
  if (/^0x[0-9a-f]+$/i.test(text) || /^\d+$/.test(text)) return Number(text);
  const named = snap.manifest.regions.filter((r) => r.name === text);
  const region = named.findLast((r) => !r.freed) ?? named.at(-1);
  return region ? region.start : null;
}

export function hexDump(bytes: Uint8Array, base: number): string[] {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`0x${(base + off).toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines;
}

function summary(file: string, snap: LoadedSnapshot): string[] {
  const m = snap.manifest;
  const pages = pagesInUse(snap.pageMap());
  const at = snapshotStepText(m);
  const lines = [
    `${file}: ${m.moduleName} (${hashText(m.moduleSha256)}), ${at}`,
    `memory ${memorySizeText(m.memorySize)}, ${pagesHoldData(pages)}; taken ${m.createdAt}`,
  ];
  for (const r of m.regions) lines.push(`  region ${r.name.padEnd(12)} ${r.kind.padEnd(6)} [0x${r.start.toString(16)}, +${r.size})${r.freed ? ' freed' : ''}`);
  for (const [k, v] of Object.entries(m.bindings)) lines.push(`  ${k} = ${formatBinding(v)}`);
  // Names and text here come from the file (module name, label, region and binding names, the
  // step's source line): a line break or an ESC in a foreign file is shown escaped, not obeyed.
  return lines.map(commentText);
}

/** A raw dump's size and pages in use, and --dump by address (it records no regions, module or stack). */
function viewRawDump(args: SnapshotArgs, bytes: Uint8Array): number {
  const refuseFor = (option: string, why: string): number => {
    const message = `${option} ${why}; ${args.file} is a raw memory dump (every byte, no manifest)`;
    return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
  };
  if (args.module !== undefined) return refuseFor('--module', "names the functions of a coredump's stack");
  if (args.diff !== undefined) return refuseFor('--diff', 'compares .msnap snapshots');
  if (args.memory !== undefined) return refuseFor('--memory', "chooses one of a coredump's memories");
  // Its pages in use as the app's image of it counts them (the snapshot summary's count too).
  const image = openMemoryImage({ name: args.file, bytes });
  const map = image.ok ? image.value.pageMap() : image;
  if (!map.ok) return refuse(args.json, fileErrorText(args.file, map.error), map.error);
  const pages = pagesInUse(map.value);
  const out: Record<string, unknown> = { ok: true, file: args.file, kind: 'raw', memorySize: bytes.length, pagesWithData: pages };
  const lines = [
    commentText(`${args.file}: raw memory dump: no module, step, regions or bound values recorded`),
    `memory ${memorySizeText(bytes.length)}, ${pagesHoldData(pages)}`,
  ];
  if (args.dump) {
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(args.dump.at)) {
      const message = `"${args.dump.at}" is not an address (hex or decimal); a raw memory dump names no regions`;
      return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
    }
    const address = Number(args.dump.at);
    const range = dumpRange(address, args.dump.length, bytes.length, args.dump.at);
    if (!range.ok) return refuse(args.json, range.message, { code: 'out-of-bounds', message: range.message, where: { file: args.file } });
    if (range.note) process.stderr.write(`memscope snapshot: ${range.note}\n`);
    const shown = bytes.subarray(address, address + range.length);
    out.dump = { address, hex: Buffer.from(shown).toString('hex') };
    lines.push('', ...hexDump(shown, address));
  }
  process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `${lines.join('\n')}\n`);
  return 0;
}

export default async function snapshotCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') { process.stdout.write(`${SNAPSHOT_USAGE}\n`); return 0; }
  if (typeof args === 'string') return refuseCommandLine('snapshot', argv, args, SNAPSHOT_USAGE);
  const bytes = await read(args.file);
  if (!bytes.ok) return refuse(args.json, fileErrorText(args.file, bytes.error), bytes.error);
  // A Wasm binary goes to the coredump reader, which says what is wrong with one that is no
  // coredump (a truncated dump, a plain module) and where, not "does not start with MSNAP".
  if (hasWasmMagic(bytes.value)) {
    const coredump = bytes.value;
    if (args.diff && looksLikeCoredump(coredump)) return refuse(args.json, '--diff compares .msnap snapshots, not coredumps', { code: 'usage', message: '--diff compares .msnap snapshots, not coredumps', where: { file: args.file } });
    return viewCoredump(coredump, { file: args.file, json: args.json, ...(args.module ? { module: args.module } : {}), ...(args.dump ? { dump: args.dump } : {}), ...(args.memory !== undefined ? { memory: args.memory } : {}) });
  }
  const short = tooShortForCoredump(args.file, bytes.value);
  if (short) return refuse(args.json, short, { code: 'malformed-snapshot', message: short, where: { file: args.file, offset: bytes.value.length } });
  if (isRawDump({ name: args.file, bytes: bytes.value })) return viewRawDump(args, bytes.value);
  const snap = load(args.file, bytes.value);
  if (!snap.ok) {
    // No magic of any kind: say what else is read, a raw dump being known by its name alone.
    const hint = snap.error.message.startsWith('not a Memscope snapshot:') ? '; a raw memory dump is read when its name ends in .bin' : '';
    return refuse(args.json, `${fileErrorText(args.file, snap.error)}${hint}`, { ...snap.error, message: `${snap.error.message}${hint}` });
  }
  if (args.memory !== undefined) {
    // A snapshot holds one memory: the option would be dropped without a word.
    const message = `--memory chooses one of a coredump's memories; ${args.file} is a Memscope snapshot, which holds one`;
    return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
  }
  if (args.module !== undefined) {
    // It names a coredump's stack frames; a snapshot has none, and the option used to be dropped without a word.
    const message = `--module names the functions of a coredump's stack; ${args.file} is a Memscope snapshot, which has no stack`;
    return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
  }
  const out: Record<string, unknown> = { ok: true, file: args.file, manifest: { ...snap.value.manifest, steps: snap.value.manifest.steps.length } };
  const lines = summary(args.file, snap.value);

  if (args.dump) {
    const address = resolveAddress(snap.value, args.dump.at);
    if (address === null) {
      const message = `"${args.dump.at}" is neither an address nor a region name in ${args.file}`;
      return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
    }
    const range = dumpRange(address, args.dump.length, snap.value.size, args.dump.at);
    if (!range.ok) return refuse(args.json, range.message, { code: 'out-of-bounds', message: range.message, where: { file: args.file } });
    if (range.note) process.stderr.write(`memscope snapshot: ${range.note}\n`);
    const read = snap.value.read(address, range.length);
    if (!read.ok) return refuse(args.json, read.error.message, { ...read.error, where: { file: args.file, ...read.error.where } });
    out.dump = { address, hex: Buffer.from(read.value).toString('hex') };
    lines.push('', ...hexDump(read.value, address));
  }
  if (args.diff) {
    // A coredump (or a module) named as OTHER was "does not start with MSNAP", while one named
    // first is said to be a coredump: say so here too, and what --diff compares.
    const otherBytes = await read(args.diff);
    if (!otherBytes.ok) return refuse(args.json, fileErrorText(args.diff, otherBytes.error), otherBytes.error);
    if (hasWasmMagic(otherBytes.value)) {
      const what = looksLikeCoredump(otherBytes.value) ? 'a Wasm coredump' : 'a Wasm module';
      const message = `--diff compares .msnap snapshots; ${args.diff} is ${what}`;
      return refuse(args.json, message, { code: 'usage', message, where: { file: args.diff } });
    }
    if (isRawDump({ name: args.diff, bytes: otherBytes.value })) {
      const message = `--diff compares .msnap snapshots; ${args.diff} is a raw memory dump (every byte, no manifest)`;
      return refuse(args.json, message, { code: 'usage', message, where: { file: args.diff } });
    }
    const other = load(args.diff, otherBytes.value);
    if (!other.ok) return refuse(args.json, fileErrorText(args.diff, other.error), other.error);
    if (snap.value.image.blockSize !== other.value.image.blockSize) {
      // diffSparseImages throws on this; Memscope writes one block size, a foreign file may not.
      const message = `cannot diff ${args.file} (${snap.value.image.blockSize}-byte blocks) against ${args.diff} (${other.value.image.blockSize}-byte blocks)`;
      return refuse(args.json, message, { code: 'usage', message });
    }
    const ranges = diffSnapshots(snap.value, other.value);
    const bytes = ranges.reduce((n, [s, e]) => n + e - s, 0);
    const caveats = diffCaveats(diffSide(args.file, snap.value), diffSide(args.diff, other.value));
    out.diff = {
      against: args.diff, ranges, changedBytes: bytes,
      other: { moduleName: other.value.manifest.moduleName, moduleSha256: other.value.manifest.moduleSha256, memorySize: other.value.size },
      ...(caveats.length > 0 ? { warnings: caveats } : {}),
    };
    // count(): one changed byte was "1 bytes, 1 ranges".
    lines.push('', ...caveats, `differs from ${args.diff} in ${count(bytes, 'byte')}, ${count(ranges.length, 'range')}`);
    for (const [s, e] of ranges.slice(0, 50)) lines.push(`  [0x${s.toString(16)}, 0x${e.toString(16)})  ${count(e - s, 'byte')}`);
    if (ranges.length > 50) lines.push(`  … ${ranges.length - 50} more`);
  }
  process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `${lines.join('\n')}\n`);
  return 0;
}

/** A snapshot as one side of a diff (shared/diff-caveats.ts). */
function diffSide(file: string, s: LoadedSnapshot): DiffSide {
  return { name: file, size: s.size, moduleName: s.manifest.moduleName, moduleSha256: s.manifest.moduleSha256 };
}

/** How many pages a page map (1: holds data) marks. */
function pagesInUse(map: Uint8Array): number {
  return map.reduce((n, p) => n + (p ? 1 : 0), 0);
}

/** "1 page holds data", "3 pages hold data": a summary's count of the pages with bytes in the file. */
export function pagesHoldData(pages: number): string {
  return `${count(pages, 'page')} ${pages === 1 ? 'holds' : 'hold'} data`;
}

/** A manifest's module hash in the summary: `sha256 0123…`, or that none was recorded (''). */
function hashText(sha256: string): string {
  return sha256 === '' ? 'module not recorded' : `sha256 ${sha256.slice(0, 16)}…`;
}
