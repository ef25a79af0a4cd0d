// The readable `memscope inspect` summary of one module, and the one-line error form.

import { allocatorHint, libraryBuild, namesHint } from '../shared/build-hints.ts';
import { WASM_PAGE, NO_ALLOCATOR, type DataSegmentInfo, type MemscopeError, type ModuleInfo, type StaticVariable } from '../shared/dto.ts';
import { formatExternType, formatSignature, formatTableType } from '../shared/type-format.ts';
import { whereSuffix } from './error-where.ts';
import { errorText } from '../shared/error-format.ts';
import { count } from '../shared/count.ts';
import { sequenceName, sequenceString } from '../shared/value-format.ts';
import { ownStaticsFirst } from '../shared/statics.ts';
import { SHOWN_ESCAPED_WIDE as UNSHOWN_WIDE } from '../shared/comment-text.ts';

const MAX_SEGMENTS = 20;

export function formatFileError(file: string, e: MemscopeError): string {
  switch (e.code) {
    case 'malformed-module':
      return `${file}: malformed module: ${e.message}${whereSuffix(e.where)}`;
    case 'io':
      return `${file}: ${e.message}`;
    case 'internal':
      return `${file}: internal error (a bug in memscope): ${e.message}`;
    default:
      // An unsupported feature is found at a place in the binary too: say where, as for a malformed one.
      return `${file}: ${errorText(e)}${whereSuffix(e.where)}`;
  }
}

/**
 * A name from the binary (import, export, custom section, segment) as the summary prints it:
 * as it is, unless it is empty or holds a control character (a line break, an ESC that would
 * drive the terminal; see UNSHOWN), which are printed raw no more: then quoted and escaped as a
 * sequence writes it (`""`, `"a\x0ab"`), so the table keeps its rows and the reader sees what is there.
 */
export function nameText(name: string): string {
  if (name !== '' && !UNSHOWN.test(name)) return name;
  return sequenceString(name).replace(/\x7f/g, '\\x7f').replace(UNSHOWN_WIDE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/**
 * What a name may not print raw: C0 controls and DEL; the C1 controls, of which U+009B is CSI to
 * a terminal that reads C1 controls as ESC [ is; and the bidirectional overrides and isolates,
 * which reorder what follows them on the row (after U+202E the rest reads right to left). Those
 * past 0x7f are written `\u{NNNN}`, as a comment writes them.
 */
const UNSHOWN = new RegExp(`[\\x00-\\x1f\\x7f]|${UNSHOWN_WIDE.source}`);

export function formatSummary(file: string, info: ModuleInfo): string {
  const out: string[] = [file];
  const row = (label: string, value: string): void => {
    out.push(`  ${label.padEnd(10)}  ${value}`);
  };
  const codeBytes = info.codeSizes.reduce((a, b) => a + b, 0);
  row('size', `${bytes(info.size)}; ${count(info.functionCount, 'function')}, ${bytes(codeBytes)} of code`);
  row('kind', kindText(info));
  if (info.commandExports) {
    row('wrapped', `${info.commandExports.exports.join(', ')}: each call runs the program's constructors before and its destructors after, `
      + `as _start does around main (wasm-ld wraps a command's exports; ${libraryBuild(info.toolchain.name)} builds a library instead)`);
  }
  row('toolchain', info.toolchain.name + (info.toolchain.evidence.length ? ` (${info.toolchain.evidence.join('; ')})` : ''));
  row('allocator', allocatorText(info));
  memoryRows(info, row);
  if (info.tables.length) row('tables', info.tables.map((t, i) => `${i}: ${formatTableType(t)}`).join(', '));
  if (info.globals.length) row('globals', `${info.globals.length} (${info.globals.filter((g) => g.mutable).length} mutable)`);
  // A minified module's names are its glue's; the module's own follow in the last column.
  if (info.namesFrom) row('names', `from ${info.namesFrom} beside it, the JavaScript Emscripten wrote with it (the module's own are minified)`);
  const noNames = namesHint(info);
  if (noNames) row('names', noNames);
  listRows(`imports`, info.imports.map((i) => [`${nameText(i.module)}.${nameText(i.name)}`, i.kind, formatExternType(i),
    `-> ${i.binding ?? 'default'}${i.wire ? `  (${i.wire.module}.${i.wire.name} in the module)` : ''}`]), out, row);
  listRows(`exports`, info.exports.map((e) => [nameText(e.name), e.kind, formatExternType(e) + (e.legalizedResult ? '  (i64 legalised: high half via env.setTempRet0)' : '')
    + (e.wire !== undefined ? `  (${e.wire} in the module)` : '')]), out, row);
  dataRows(info.dataSegments, out, row);
  if (info.start !== null) row('start', `function ${info.start}${info.names?.functions[info.start] ? ` (${nameText(info.names.functions[info.start]!)})` : ''}`);
  row('custom', info.customSections.length ? info.customSections.map((s) => `${nameText(s.name)} (${bytes(s.size)} @ ${s.offset})`).join(', ') : 'none');
  for (const [field, entries] of Object.entries(info.producers)) {
    const note = field === 'processed-by' ? linkedClangNote(info, entries) : '';
    row(field === 'processed-by' ? 'built by' : nameText(field), entries.map((p) => `${nameText(p.name)}${p.version ? ` ${nameText(p.version)}` : ''}`).join(', ') + note);
  }
  if (info.targetFeatures.length) row('features', info.targetFeatures.join(' '));
  if (info.dwarf.length) row('dwarf', info.dwarf.join(', '));
  if (info.statics) row('statics', staticsText(info.statics));
  for (const w of info.warnings ?? []) row('warning', w);
  return out.join('\n');
}

/**
 * wasm-ld keeps one version of each tool in the producers section, the first object's: linked
 * with wasi-libc that is its startup object's. A program built by clang-19 or clang-22 against
 * Debian's wasi-libc read "built by Debian clang 14.0.6", the compiler of the C library.
 */
function linkedClangNote(info: ModuleInfo, entries: readonly { name: string }[]): string {
  const clang = entries.some((p) => /(^| )clang$/i.test(p.name));
  const wasi = info.imports.some((i) => /^wasi_(snapshot_preview1|unstable)$/.test(i.module));
  return clang && wasi ? " (wasm-ld keeps the first version of clang it links, wasi-libc's when the program links it: your compiler's may differ)" : '';
}

const STATIC_UNITS = 4;
const STATICS_PER_UNIT = 4;

/**
 * The statics DWARF names, a few per source file: files with the shortest paths first (the
 * program's own, `kv.c`, `src/lib.rs`, before `libc-top-half/musl/src/stdio/stdout.c` and
 * Rust's std), the rest counted. `--json` lists each with its address, type and size.
 */
function staticsText(statics: readonly StaticVariable[]): string {
  if (statics.length === 0) return 'none named by DWARF (no static variable at a fixed address)';
  const byUnit = new Map<string, string[]>();
  for (const v of ownStaticsFirst(statics)) {
    const unit = v.unit ?? '(unnamed unit)';
    const names = byUnit.get(unit) ?? [];
    byUnit.set(unit, names);
    names.push(v.name);
  }
  const units = [...byUnit];
  const shown = units.slice(0, STATIC_UNITS).map(([unit, names]) => {
    const more = names.length > STATICS_PER_UNIT ? `, +${names.length - STATICS_PER_UNIT}` : '';
    return `${unit.split('/').at(-1)}: ${names.slice(0, STATICS_PER_UNIT).join(', ')}${more}`;
  });
  const rest = units.length > STATIC_UNITS ? `; ${count(units.length - STATIC_UNITS, 'more file')}` : '';
  return `${statics.length} named by DWARF (${shown.join('; ')}${rest}); --json lists each with its address, type and size`;
}

function kindText(info: ModuleInfo): string {
  // A coredump is a valid module (memory as data segments, state in custom sections): said
  // first, or it reads as an empty library.
  if (info.customSections.some((s) => s.name === 'core')) return 'a Wasm coredump, not a module to run (memscope snapshot FILE shows its stacks and memory)';
  switch (info.kind) {
    case 'command': return 'command (exports _start: runs main once)';
    case 'reactor': return 'reactor (exports _initialize: called once, then exports are callable)';
    case 'library': return 'library (no _start or _initialize)';
  }
}

function allocatorText(info: ModuleInfo): string {
  const a = info.allocator;
  const g = info.allocatorGuess;
  if (!a && g) {
    const names = [g.alloc.name, g.free?.name].filter((n) => n !== undefined).map(sequenceName).join(' ');
    return `no convention Memscope knows; ${g.free ? `${g.alloc.name} and ${g.free.name} look` : `${g.alloc.name} looks`} like one by name and signature: `
      + `a sequence names ${g.free ? 'them' : 'it'} with \`allocator ${names}\` (memscope new writes that line)`;
  }
  if (!a) {
    const how = allocatorHint(info);
    return `${NO_ALLOCATOR.text} (${NO_ALLOCATOR.why})${how ? `; ${how}` : ''}`;
  }
  const fns = [a.alloc, a.free, a.pin, a.unpin].filter((f) => f).map((f) => `${f!.name} ${formatSignature(f!.type)}`);
  return `${a.convention}: ${fns.join(', ')}${a.free ? '' : ' (no free function)'}`;
}

function memoryRows(info: ModuleInfo, row: (l: string, v: string) => void): void {
  if (info.memories.length === 0) return row('memory', 'none');
  const importedMemories = info.imports.filter((i) => i.kind === 'memory');
  info.memories.forEach((m, index) => {
    const exported = info.exports.filter((e) => e.kind === 'memory' && e.index === index).map((e) => sequenceString(e.name));
    const imported = importedMemories[index];
    const pageBytes = m.min * WASM_PAGE;
    const parts = [
      `${index}: ${m.min}..${m.max ?? ''} pages (${bytes(pageBytes)} initial${m.max === null ? ', no maximum' : `, max ${bytes(m.max * WASM_PAGE)}`})`,
      m.shared ? 'shared' : '',
      m.memory64 ? '64-bit addresses' : '',
      imported ? `imported from ${nameText(imported.module)}.${nameText(imported.name)}` : '',
      exported.length ? `exported as ${exported.join(', ')}` : 'not exported',
    ];
    row(index === 0 ? 'memory' : '', parts.filter(Boolean).join(', '));
  });
}

function listRows(label: string, rows: string[][], out: string[], row: (l: string, v: string) => void): void {
  row(label, rows.length ? String(rows.length) : 'none');
  if (!rows.length) return;
  const widths = rows[0]!.map((_, c) => Math.min(40, Math.max(...rows.map((r) => r[c]!.length))));
  for (const r of rows) out.push(`    ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`);
}

function dataRows(segments: DataSegmentInfo[], out: string[], row: (l: string, v: string) => void): void {
  const total = segments.reduce((a, s) => a + s.size, 0);
  row('data', segments.length ? `${count(segments.length, 'segment')}, ${bytes(total)}` : 'none');
  for (const s of segments.slice(0, MAX_SEGMENTS)) {
    const where = s.mode === 'passive'
      ? 'passive (copied by memory.init)'
      : `active, memory ${s.memory} @ ${s.offset !== null ? `${s.offset} (0x${s.offset.toString(16)})` : s.offsetExpr}`;
    out.push(`    #${s.index}  ${where}, ${bytes(s.size)}${s.name ? `  ${nameText(s.name)}` : ''}`);
  }
  if (segments.length > MAX_SEGMENTS) out.push(`    … ${segments.length - MAX_SEGMENTS} more`);
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}
