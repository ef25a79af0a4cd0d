// `memscope snapshot FILE.msnap [--dump ADDR [LEN]] [--diff OTHER.msnap] [--json]`: loads a
// sparse snapshot back for viewing (manifest summary, hex dump) and diffing (exact byte ranges).

import { diffSnapshots, loadSnapshot, looksLikeCoredump, MAX_SNAPSHOT_FILE_BYTES, readRegularFile, snapshotStepText } from '../engine/index.ts';
import { viewCoredump } from './coredump-view.ts';
import type { LoadedSnapshot } from '../engine/index.ts';
import { WASM_PAGE, type Result } from '../shared/dto.ts';
import { whereSuffix } from './error-where.ts';
import { dumpRange } from './dump-range.ts';
import { formatBinding } from '../shared/value-format.ts';

export const SNAPSHOT_USAGE = `usage: memscope snapshot FILE.msnap [--dump ADDR [LEN]] [--diff OTHER.msnap] [--json]
       memscope snapshot FILE.core.wasm [--module M.wasm] [--dump ADDR [LEN]] [--json]

Loads a sparse snapshot (written by the app's Export or by \`memscope run --snapshot\`) and prints
its manifest: module and SHA-256, step and source line, memory size, pages in use, regions and
bound values. Also reads standard Wasm coredumps (\`memscope run --coredump\`, wasmtime's
\`-D coredump=FILE\`): process, modules, instances, globals, memory and each thread's stack.
  --module M.wasm     coredumps: name the stack's functions from this module's name section
  --dump ADDR [LEN]   hex dump LEN bytes (default 256) from ADDR: hex, decimal, or a region name;
                      a range past the end of memory is cut there (said on stderr)
  --diff OTHER        the exact byte ranges that differ from OTHER.msnap
  --json              one JSON object instead
Exit status: 0 ok (with --diff: also when they differ), 2 unreadable or malformed input, or a
--dump address at or past the end of memory.`;

interface SnapshotArgs { file: string; dump?: { at: string; length: number }; diff?: string; module?: string; json: boolean }

function parseArgs(argv: string[]): SnapshotArgs | string | 'help' {
  const args: SnapshotArgs = { file: '', json: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--json') args.json = true;
    else if (a === '--module') {
      args.module = argv[++i];
      if (!args.module) return '--module needs a file';
    }
    else if (a === '--diff') {
      args.diff = argv[++i];
      if (!args.diff) return '--diff needs a file';
    } else if (a === '--dump') {
      const at = argv[++i];
      if (!at) return '--dump needs an address';
      let length = 256;
      if (argv[i + 1] !== undefined && /^(0x[0-9a-f]+|\d+)$/i.test(argv[i + 1])) length = Number(argv[++i]);
      if (!Number.isSafeInteger(length) || length <= 0 || length > 1 << 20) return `--dump length must be 1..1048576 bytes, not ${length}`;
      args.dump = { at, length };
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else positional.push(a);
  }
  if (positional.length !== 1) return positional.length === 0 ? 'no snapshot file given' : 'one snapshot file at a time (use --diff for a second)';
  args.file = positional[0];
  return args;
}

/** The file's bytes when it is a Wasm coredump; null otherwise (unreadable files fall through to load()). */
async function readIfCoredump(file: string): Promise<Uint8Array | null> {
  try {
    const bytes = await readRegularFile(file, MAX_SNAPSHOT_FILE_BYTES);
    return looksLikeCoredump(bytes) ? bytes : null;
  } catch {
    return null;
  }
}

async function load(file: string): Promise<Result<LoadedSnapshot>> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(file, MAX_SNAPSHOT_FILE_BYTES);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    const why = error.code === 'ENOTREG' || error.code === 'EFBIG' ? error.message : error.code ?? String(e);
    return { ok: false, error: { code: 'io', message: `cannot read ${file}: ${why}` } };
  }
  return loadSnapshot(bytes);
}

/** An address: hex, decimal, or the start of a region named in the manifest. */
function resolveAddress(snap: LoadedSnapshot, text: string): number | null {
  if (/^0x[0-9a-f]+$/i.test(text) || /^\d+$/.test(text)) return Number(text);
  const region = snap.manifest.regions.find((r) => r.name === text);
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
  const pages = snap.pageMap().reduce((n, p) => n + (p ? 1 : 0), 0);
  const at = snapshotStepText(m);
  const lines = [
    `${file}: ${m.moduleName} (sha256 ${m.moduleSha256.slice(0, 16)}…), ${at}${m.label ? `, "${m.label}"` : ''}`,
    `memory ${m.memorySize} bytes (${m.memorySize / WASM_PAGE} pages), ${pages} pages hold data; taken ${m.createdAt}`,
  ];
  for (const r of m.regions) lines.push(`  region ${r.name.padEnd(12)} ${r.kind.padEnd(6)} [0x${r.start.toString(16)}, +${r.size})${r.freed ? ' freed' : ''}`);
  for (const [k, v] of Object.entries(m.bindings)) lines.push(`  ${k} = ${formatBinding(v)}`);
  return lines;
}

export default async function snapshotCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') { process.stdout.write(`${SNAPSHOT_USAGE}\n`); return 0; }
  if (typeof args === 'string') { process.stderr.write(`memscope snapshot: ${args}\n\n${SNAPSHOT_USAGE}\n`); return 2; }
  const coredump = await readIfCoredump(args.file);
  if (coredump) {
    if (args.diff) { process.stderr.write('memscope snapshot: --diff compares .msnap snapshots, not coredumps\n'); return 2; }
    return viewCoredump(coredump, { file: args.file, json: args.json, ...(args.module ? { module: args.module } : {}), ...(args.dump ? { dump: args.dump } : {}) });
  }
  const snap = await load(args.file);
  if (!snap.ok) { process.stderr.write(`memscope snapshot: ${args.file}: ${snap.error.message}${whereSuffix(snap.error.where)}\n`); return 2; }
  const out: Record<string, unknown> = { file: args.file, manifest: { ...snap.value.manifest, steps: snap.value.manifest.steps.length } };
  const lines = summary(args.file, snap.value);

  if (args.dump) {
    const address = resolveAddress(snap.value, args.dump.at);
    if (address === null) { process.stderr.write(`memscope snapshot: "${args.dump.at}" is neither an address nor a region name in ${args.file}\n`); return 2; }
    const range = dumpRange(address, args.dump.length, snap.value.size);
    if (!range.ok) { process.stderr.write(`memscope snapshot: ${range.message}\n`); return 2; }
    if (range.note) process.stderr.write(`memscope snapshot: ${range.note}\n`);
    const read = snap.value.read(address, range.length);
    if (!read.ok) { process.stderr.write(`memscope snapshot: ${read.error.message}\n`); return 2; }
    out.dump = { address, hex: Buffer.from(read.value).toString('hex') };
    lines.push('', ...hexDump(read.value, address));
  }
  if (args.diff) {
    const other = await load(args.diff);
    if (!other.ok) { process.stderr.write(`memscope snapshot: ${args.diff}: ${other.error.message}\n`); return 2; }
    const ranges = diffSnapshots(snap.value, other.value);
    const bytes = ranges.reduce((n, [s, e]) => n + e - s, 0);
    out.diff = { against: args.diff, ranges, changedBytes: bytes };
    lines.push('', `differs from ${args.diff} in ${bytes} bytes, ${ranges.length} ranges`);
    for (const [s, e] of ranges.slice(0, 50)) lines.push(`  [0x${s.toString(16)}, 0x${e.toString(16)})  ${e - s} bytes`);
    if (ranges.length > 50) lines.push(`  … ${ranges.length - 50} more`);
  }
  process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `${lines.join('\n')}\n`);
  return 0;
}
