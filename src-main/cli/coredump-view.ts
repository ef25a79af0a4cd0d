// `memscope snapshot FILE` when FILE is a Wasm coredump (ours, or wasmtime's -D coredump=…):
// prints its process, modules, instances, each thread's stack (named from --module's name
// section when given) and memory, or one JSON object; --dump hex-dumps its memory.

import { basename } from 'node:path';
import {
  decodeCoredump, fileReadError, formatFrameName, functionSourceAt, givenModule, inspectBytes, looksLikeCoredump, MAX_MODULE_FILE_BYTES, noMemoryText, notTheDumpedModule, otherDumpedName,
  readRegularFile, readSparseImage, runsModule, trapMemory,
} from '../engine/index.ts';
import type { Coredump, CoredumpFrame } from '../engine/index.ts';
import { WASM_PAGE, type NameSection, type SourceLine } from '../shared/dto.ts';
import { sourceText } from '../shared/source-text.ts';
import { formatValue } from '../shared/value-format.ts';
import { whereSuffix } from './error-where.ts';
import { hexDump, pagesHoldData, refuse } from './snapshot-command.ts';
import { dumpRange } from './dump-range.ts';
import { frameRuns } from '../shared/error-format.ts';
import { count } from '../shared/count.ts';
import { commentText } from '../shared/comment-text.ts';
import { notAModule } from '../shared/file-kind.ts';
import { hasWasmMagic } from '../shared/wasm-magic.ts';

type CoredumpValue = CoredumpFrame['locals'][number];

export interface CoredumpViewArgs {
  file: string;
  module?: string;
  dump?: { at: string; length: number };
  /** --memory: which of the dump's memories --dump reads (the trap's instance's when not given). */
  memory?: number;
  json: boolean;
}

/**
 * Why a file named as a coredump (`….core.wasm`, `.core`, `.wasm`) is too short to be one, or null.
 * Without Wasm's magic it was read as a snapshot: a 3-byte `x.core.wasm` was "shorter than the
 * 12-byte snapshot header", the header of a kind of file it was never named as.
 */
export function tooShortForCoredump(file: string, bytes: Uint8Array): string | null {
  if (!/\.(core|wasm)$/i.test(file) || bytes.length >= 8 || hasWasmMagic(bytes)) return null;
  return `${file}: the file is ${count(bytes.length, 'byte')}, too short for a Wasm coredump (a Wasm file starts with an 8-byte header: "\\0asm" and its version)`;
}

export async function viewCoredump(bytes: Uint8Array, args: CoredumpViewArgs): Promise<number> {
  const decoded = decodeCoredump(bytes);
  if (!decoded.ok) return refuse(args.json, `${args.file}: ${decoded.error.message}${whereSuffix(decoded.error.where)}`, { ...decoded.error, where: { file: args.file, ...decoded.error.where } });
  const dump = decoded.value;
  let names: NameSection | null = null;
  let sourceAt: SourceAt = () => null;
  // Which frames --module names: those of instances of the module it is taken for (module-fit.ts).
  let named: (instance: number) => boolean = () => false;
  // The dump's module the frames and --dump are read for: --module's, else instance 0's.
  let module = dump.instances[0]?.module ?? 0;
  const warnings: string[] = [];
  if (args.module) {
    let moduleBytes: Uint8Array;
    try {
      moduleBytes = await readRegularFile(args.module, MAX_MODULE_FILE_BYTES);
    } catch (e) {
      const error = fileReadError(args.module, e);
      return refuse(args.json, `--module ${args.module}: ${error.message}`, error);
    }
    // A memory image or glue as --module, in the words every command uses for a wrong kind of
    // file (shared/file-kind.ts), as the page says it (engine/image/open-image.ts): a coredump was
    // "not the module … was dumped from: … has 0 functions", a snapshot "bad magic number".
    const wrongKind = notAModule(args.module, moduleBytes, looksLikeCoredump(moduleBytes));
    if (wrongKind) return refuse(args.json, wrongKind, { code: 'usage', message: wrongKind, where: { file: args.module } });
    const info = inspectBytes(moduleBytes, { crossCheck: false });
    if (!info.ok) return refuse(args.json, `${args.module}: ${info.error.message}${whereSuffix(info.error.where)}`, { ...info.error, where: { file: args.module, ...info.error.where } });
    names = info.value.names;
    // With the module's DWARF, each frame's source line (its code offset counts from the body's start).
    sourceAt = functionSourceAt(moduleBytes) ?? sourceAt;
    // A module that cannot be the dumped one named every frame wrong, under a warning; refused
    // as the page refuses it (engine/coredump/module-fit.ts), naming both files.
    const wrong = notTheDumpedModule(dump, args.file, args.module, info.value);
    if (wrong) return refuse(args.json, wrong, { code: 'usage', message: wrong, where: { file: args.module } });
    const other = otherDumpedName(dump, args.module, names);
    if (other) warnings.push(`${args.file} is a coredump of ${other}, but --module is ${basename(args.module)}: the frame names and source lines below come from ${basename(args.module)} by function index, and are wrong unless it is the same module renamed`);
    // A dump of several modules: frames of another module's instance were named from this one's
    // name section by index (helper.wasm's function 3 shown as trap.wasm's `sum`).
    module = givenModule(dump, args.module, names);
    named = (instance) => runsModule(dump, instance, module);
    const unnamed = [...new Set(dump.threads.flatMap((t) => t.frames.map((f) => f.instance)).filter((i) => !named(i)))].sort((a, b) => a - b);
    if (unnamed.length > 0) {
      const which = unnamed.map((i) => `${i} (${dump.modules[dump.instances[i]?.module ?? -1] ?? 'module ?'})`).join(', ');
      warnings.push(`--module ${basename(args.module)} is taken for the dump's module ${module}${dump.modules[module] ? ` (${dump.modules[module]})` : ''}; frames in ${unnamed.length === 1 ? 'instance' : 'instances'} ${which} are another module's: shown by function index, without names or source lines`);
    }
  }
  for (const w of warnings) process.stderr.write(`memscope snapshot: ${w}\n`);
  const naming: Naming = { names, sourceAt, named };
  const lines = summary(args.file, dump, naming);
  const out: Record<string, unknown> = { ok: true, file: args.file, ...(warnings.length > 0 ? { warnings } : {}), coredump: toJson(dump, naming) };
  if (args.memory !== undefined && !args.dump) {
    const message = '--memory chooses the memory --dump reads: give --dump ADDR too';
    return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
  }
  if (args.dump) {
    // The memory the page shows (the trap's instance's) unless --memory says; it was memory 0,
    // another instance's memory when the trap was in an instance of its own.
    const trap = trapMemory(dump, module);
    const index = args.memory ?? trap.index ?? 0;
    const memory = dump.memories[index];
    if (args.memory !== undefined && !memory) {
      const has = dump.memories.length === 0 ? 'has no memory' : `has ${count(dump.memories.length, 'memory', 'memories')} (0..${dump.memories.length - 1})`;
      const message = `--memory ${args.memory}: ${args.file} ${has}`;
      return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
    }
    if (args.memory === undefined && trap.index === null && dump.memories.length > 0) {
      const message = `--dump: the trap is in instance ${trap.instance}, and ${noMemoryText(dump, trap.instance!)}: choose one with --memory N`;
      return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
    }
    const at = Number(args.dump.at);
    if (!memory || !/^(0x[0-9a-f]+|\d+)$/i.test(args.dump.at)) {
      const message = `--dump needs a number and a memory; ${args.file} ${memory ? `has no region "${args.dump.at}"` : 'has no memory'}`;
      return refuse(args.json, message, { code: 'usage', message, where: { file: args.file } });
    }
    // Of several memories, which one the range was read in: "past the end of memory (65536 bytes)"
    // did not say, nor that --memory reads another.
    const several = dump.memories.length > 1;
    const range = dumpRange(at, args.dump.length, memory.image.size, args.dump.at, several ? `memory ${index}` : undefined);
    if (!range.ok) {
      const message = `${range.message}${several ? `; the dump has ${count(dump.memories.length, 'memory', 'memories')}: --memory N reads another` : ''}`;
      return refuse(args.json, message, { code: 'out-of-bounds', message, where: { file: args.file } });
    }
    if (range.note) process.stderr.write(`memscope snapshot: ${range.note}\n`);
    const read = readSparseImage(memory.image, at, range.length);
    if (!read.ok) return refuse(args.json, read.error.message, { ...read.error, where: { file: args.file, ...read.error.where } });
    out.dump = { memory: index, address: at, hex: Buffer.from(read.value).toString('hex') };
    // Which memory the bytes are of: with several, the dump's header alone did not say.
    lines.push('', `memory ${index}:`, ...hexDump(read.value, at));
  }
  process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `${lines.join('\n')}\n`);
  return 0;
}

/** A frame's source line from its function index and code offset (nothing without the module's DWARF). */
type SourceAt = (funcIndex: number, codeOffset: number) => SourceLine | null;

/** --module's names and source lines, and which instances' frames they are for. */
interface Naming { names: NameSection | null; sourceAt: SourceAt; named: (instance: number) => boolean }

function frameName(n: Naming, f: CoredumpFrame): string {
  return formatFrameName(n.named(f.instance) ? n.names : null, f.funcIndex);
}

function frameSource(n: Naming, f: CoredumpFrame): SourceLine | null {
  return n.named(f.instance) ? n.sourceAt(f.funcIndex, f.codeOffset) : null;
}

/** A global's type: WasmValue's, or the reference type it stands in for (wasmtime's anyref). */
const globalType = (g: Coredump['globals'][number]): string => g.refType ?? g.value.type;

function summary(file: string, dump: Coredump, naming: Naming): string[] {
  const lines = [`${file}: Wasm coredump of ${dump.processName}`, `modules: ${dump.modules.join(', ') || '(none)'}`];
  dump.instances.forEach((inst, i) => lines.push(
    `instance ${i}: module ${inst.module} (${dump.modules[inst.module] ?? '?'}), memories [${inst.memories.join(', ')}], globals [${inst.globals.join(', ')}]`));
  dump.memories.forEach((m, i) => {
    const pages = new Set(m.image.blocks.map((b) => Math.floor((b.index * m.image.blockSize) / WASM_PAGE))).size;
    lines.push(`memory ${i}: ${m.image.size} bytes (${count(m.min, 'page')}${m.max !== null ? `, max ${m.max}` : ''}${m.shared ? ', shared' : ''}), ${pagesHoldData(pages)}`);
  });
  dump.globals.forEach((g, i) => lines.push(`global ${i}: ${g.mutable ? 'mut ' : ''}${globalType(g)} = ${formatValue(g.value)}`));
  for (const thread of dump.threads) {
    lines.push(`thread "${thread.name}": ${thread.frames.length === 0 ? 'no frames (not stopped in guest code)' : `${count(thread.frames.length, 'frame')}, innermost first`}`);
    // A run of the same frame (recursion; a stack overflow keeps dozens) is one line: `#1-#63 … ×63`.
    // Frames with other locals or operand stack values are not the same frame: one line would hide them.
    const same = (a: typeof thread.frames[number], b: typeof a) => a.funcIndex === b.funcIndex && a.codeOffset === b.codeOffset && a.instance === b.instance
      && frameValues(a.locals) === frameValues(b.locals) && frameValues(a.stack) === frameValues(b.stack);
    for (const { frame: f, index: k, count: n } of frameRuns(thread.frames, same)) {
      const source = frameSource(naming, f);
      const at = `${frameName(naming, f)} (func ${f.funcIndex}) +0x${f.codeOffset.toString(16)} in instance ${f.instance}${source ? `, ${sourceText(source)}` : ''}`;
      lines.push(n === 1 ? `  #${k} ${at}` : `  #${k}-#${k + n - 1} ${at} ×${n}`);
      // Writers that recover them (wasm-edit's rewriter; wasmtime and Memscope write none) store
      // each frame's locals and operand stack: left out, they were in the file and shown nowhere.
      if (f.locals.length > 0) lines.push(`      locals: ${frameValues(f.locals)}`);
      if (f.stack.length > 0) lines.push(`      stack: ${frameValues(f.stack)}`);
    }
  }
  // Process, module, thread and function names come from the dump (wasmtime's too) and the
  // module: a line break or an ESC among them is shown escaped, not obeyed by the terminal.
  return lines.map(commentText);
}

/** A frame value as the one formatter writes it; the convention's 0x01 (optimised out) as "missing". */
function valueText(v: CoredumpValue): string {
  return v.type === 'missing' ? 'missing' : `${v.type} ${formatValue(v)}`;
}

function frameValues(values: CoredumpValue[]): string {
  return values.map(valueText).join(', ');
}

function valueJson(v: CoredumpValue): { type: string; value?: string } {
  return v.type === 'missing' ? { type: 'missing' } : { type: v.type, value: formatValue(v) };
}

function toJson(dump: Coredump, naming: Naming): Record<string, unknown> {
  return {
    processName: dump.processName,
    modules: dump.modules,
    instances: dump.instances,
    // As text, like `run --json`'s call values: the one formatter's words. Globals, instances and
    // frames keep `at`, their byte offset in the dump, as its refusals name them.
    globals: dump.globals.map((g) => ({ type: globalType(g), mutable: g.mutable, value: formatValue(g.value), at: g.at })),
    memories: dump.memories.map((m) => ({ pages: m.min, max: m.max, size: m.image.size, memory64: m.memory64, shared: m.shared === true })),
    threads: dump.threads.map((t) => ({
      name: t.name,
      frames: t.frames.map((f) => {
        const source = frameSource(naming, f);
        // Values as text, like the globals: the one formatter's words; "missing" as the dump says.
        return { ...f, locals: f.locals.map(valueJson), stack: f.stack.map(valueJson), name: frameName(naming, f), ...(source ? { source } : {}) };
      }),
    })),
  };
}
