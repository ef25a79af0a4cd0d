// Opens a file as a read-only MemoryImage, whatever Memscope or wasmtime wrote: a Wasm coredump
// (a module with a `core` section), a sparse `.msnap` snapshot (its magic), or a raw `.bin`
// (every byte, by its name). A module given beside it names a coredump's frames and globals.

import type { ImageFrame, ImageGlobal, MemscopeError, ModuleInfo, NameSection, Result, SnapshotManifest } from '../../shared/dto.ts';
import { decodeCoredump } from '../coredump/read.ts';
import { CORE, type Coredump, type CoredumpMemory } from '../coredump/model.ts';
import { notAModule } from '../../shared/file-kind.ts';
import { givenModule, instanceGlobals, notTheDumpedModule, otherDumpedName, noMemoryText, runsModule, trapMemory } from '../coredump/module-fit.ts';
import { loadSnapshot } from '../memory/snapshot.ts';
import { snapshotStepText } from '../memory/snapshot-manifest.ts';
import { sparseImageFromBytes } from '../memory/sparse-image.ts';
import { formatFrameName, inspectBytes } from '../module/index.ts';
import { MemoryImage, type ImageParts } from './memory-image.ts';
import { sha256Hex } from '../module/sha256.ts';
import { count } from '../../shared/count.ts';

export interface ImageFile {
  name: string;
  bytes: Uint8Array;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const MSNAP_MAGIC = [0x4d, 0x53, 0x4e, 0x41, 0x50];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Whether a file is read as a raw memory dump: every byte of memory and nothing else, so known
 * by its name (.bin) alone, once it has neither a snapshot's nor a Wasm module's magic. The one
 * rule for the app's Open and `memscope snapshot`.
 */
export function isRawDump(file: ImageFile): boolean {
  return !startsWith(file.bytes, MSNAP_MAGIC) && !startsWith(file.bytes, WASM_MAGIC) && /\.bin$/i.test(file.name);
}

function bad(file: string, message: string, offset?: number): Result<never> {
  const error: MemscopeError = { code: 'malformed-snapshot', message, where: { file, ...(offset !== undefined ? { offset } : {}) } };
  return { ok: false, error };
}

/** Where a snapshot's memory came from, as one line (the CLI's `snapshot` prints the same). */
export function snapshotOrigin(m: SnapshotManifest): string {
  return `${m.moduleName}, ${snapshotStepText(m)}`;
}

export function openMemoryImage(file: ImageFile, module?: ImageFile): Result<MemoryImage> {
  let given: { info: ModuleInfo; names: NameSection | null } | null = null;
  if (module) {
    const info = inspectBytes(module.bytes, { crossCheck: false });
    // A memory image given as the module (a second coredump, the same one twice, a snapshot) is
    // said to be one, in the shared words: a coredump was "not the module … was dumped from: …
    // has 0 functions" (or, beside a raw dump, named nothing without a word), a snapshot "bad magic".
    const wrong = notAModule(module.name, module.bytes, info.ok && info.value.customSections.some((s) => s.name === CORE));
    if (wrong) return { ok: false, error: { code: 'usage', message: wrong, where: { file: module.name } } };
    if (!info.ok) return { ok: false, error: { ...info.error, where: { ...info.error.where, file: module.name } } };
    given = { info: info.value, names: info.value.names };
  }
  if (startsWith(file.bytes, MSNAP_MAGIC)) return fromSnapshot(file, module, given?.info ?? null);
  if (startsWith(file.bytes, WASM_MAGIC)) return fromCoredump(file, module, given);
  if (isRawDump(file)) return fromRaw(file, module, given?.info ?? null);
  return bad(file.name, `${file.name} is not a memory image: open a Wasm coredump, a Memscope snapshot (.msnap) or a raw memory dump (.bin)`, 0);
}

function fromSnapshot(file: ImageFile, module: ImageFile | undefined, info: ModuleInfo | null): Result<MemoryImage> {
  const loaded = loadSnapshot(file.bytes);
  if (!loaded.ok) return { ok: false, error: { ...loaded.error, where: { ...loaded.error.where, file: file.name } } };
  const m = loaded.value.manifest;
  // '' records no module (a snapshot of a raw dump): any module may name its functions.
  if (module && m.moduleSha256 !== '' && sha256Hex(module.bytes) !== m.moduleSha256) {
    return { ok: false, error: { code: 'usage', message: `${module.name} is not the module ${file.name} was taken of (its SHA-256 is not ${m.moduleSha256.slice(0, 16)}…)` } };
  }
  return {
    ok: true,
    value: new MemoryImage({
      info: { kind: 'snapshot', fileName: file.name, origin: snapshotOrigin(m), namesFrom: module?.name ?? null, threads: [], globals: [] },
      image: loaded.value.image, moduleName: m.moduleName, moduleSha256: m.moduleSha256,
      moduleBytes: module?.bytes ?? null, moduleInfo: info ?? emptyModuleInfo(),
      step: m.step, steps: m.steps, regions: m.regions, bindings: m.bindings, manifest: m,
    }),
  };
}

function fromCoredump(file: ImageFile, module: ImageFile | undefined, given: { info: ModuleInfo; names: NameSection | null } | null): Result<MemoryImage> {
  const decoded = decodeCoredump(file.bytes);
  if (!decoded.ok) {
    const notCore = /no "core" custom section/.test(decoded.error.message);
    if (notCore) return bad(file.name, `${file.name} is a Wasm module, not a coredump (it has no "core" section): open it as a module`, 8);
    return { ok: false, error: { ...decoded.error, where: { ...decoded.error.where, file: file.name } } };
  }
  const dump = decoded.value;
  // A module not the one dumped named the frames and globals from its own name section, wrong
  // and without a word (a dump of trap.wasm "stopped in dlmalloc" of return-string.wasm).
  const notIt = module && given ? notTheDumpedModule(dump, file.name, module.name, given.info) : null;
  if (notIt) return { ok: false, error: { code: 'usage', message: notIt } };
  const names = given?.names ?? null;
  // The module given names the frames of its own instances only: a frame of another instance's
  // module (a dump of several) was named from the given module's name section by index, wrong.
  const moduleIndex = module && given ? givenModule(dump, module.name, names) : dump.instances[0]?.module ?? 0;
  const named = (instance: number) => names !== null && runsModule(dump, instance, moduleIndex);
  const threads = dump.threads.map((t) => ({ name: t.name, frames: t.frames.map((f): ImageFrame => ({ instance: f.instance, funcIndex: f.funcIndex, name: formatFrameName(named(f.instance) ? names : null, f.funcIndex), codeOffset: f.codeOffset })) }));
  const inner = threads.flatMap((t) => t.frames)[0];
  const shown = shownMemory(dump, moduleIndex);
  const image = shown.memory?.image ?? { size: 0, blockSize: 4096, blocks: [] };
  const stopped = !inner ? '' : `, stopped in ${inner.name}${names && !named(inner.instance) ? ` of instance ${inner.instance} (not ${module!.name}'s module: unnamed)` : ''}`;
  // A dump whose module fits but bears another name (a renamed file, a rebuilt one): shown, not refused.
  const dumped = module && given ? otherDumpedName(dump, module.name, given.names) : null;
  const otherName = module && dumped ? ` (named from ${module.name}, but the dump names ${dumped})` : '';
  const origin = `Wasm coredump of ${dump.processName}${stopped}${shown.text}${otherName}`;
  const parts: ImageParts = {
    info: { kind: 'coredump', fileName: file.name, origin, namesFrom: module?.name ?? null, threads, globals: coredumpGlobals(dump, moduleIndex, names) },
    // As a raw dump's (fromRaw): without the module, no module hash, not the dump's own.
    image, moduleName: module?.name ?? dump.modules[moduleIndex] ?? file.name, moduleSha256: module ? sha256Hex(module.bytes) : '',
    moduleBytes: module?.bytes ?? null,
    // Without the module, the coredump is itself a module: its memory, globals and sections.
    moduleInfo: given?.info ?? inspectOrEmpty(file.bytes),
    step: -1, steps: [], regions: [], bindings: {}, coredump: dump,
  };
  return { ok: true, value: new MemoryImage(parts) };
}

function fromRaw(file: ImageFile, module: ImageFile | undefined, info: ModuleInfo | null): Result<MemoryImage> {
  // An empty file is a failed copy or the wrong file, not a dump: opened, it showed "0 bytes" of
  // memory without a word. Any other length, whole pages or not, is a dump of that many bytes.
  if (file.bytes.length === 0) return bad(file.name, 'the file is empty: a raw memory dump (.bin) holds every byte of memory, and this holds none', 0);
  const name = module?.name ?? file.name;
  return {
    ok: true,
    value: new MemoryImage({
      info: { kind: 'raw', fileName: file.name, origin: `raw memory dump, ${count(file.bytes.length, 'byte')}`, namesFrom: module?.name ?? null, threads: [], globals: [] },
      // Without its module no module hash is known: the dump's own hash, recorded here, went into
      // a snapshot exported from it as a module's, one that belongs to no module. A manifest says
      // unknown with '' (snapshot-manifest.ts).
      image: sparseImageFromBytes(file.bytes), moduleName: name, moduleSha256: module ? sha256Hex(module.bytes) : '',
      moduleBytes: module?.bytes ?? null, moduleInfo: info ?? emptyModuleInfo(),
      step: -1, steps: [], regions: [], bindings: {},
    }),
  };
}

/** The globals of the module's (first) instance in its own index order, named from the module's name section. */
function coredumpGlobals(dump: Coredump, module: number, names: NameSection | null): ImageGlobal[] {
  const order = instanceGlobals(dump, module);
  return order.flatMap((at, index) => {
    const g = dump.globals[at];
    if (!g) return [];
    const name = names?.globals?.[index];
    return [{ index, ...(name ? { name } : {}), mutable: g.mutable, value: g.value, ...(g.refType ? { refType: g.refType } : {}) }];
  });
}

/** The one memory the page shows (module-fit.ts's trapMemory), and how the origin line says which it is. */
function shownMemory(dump: Coredump, module: number): { memory: CoredumpMemory | null; text: string } {
  const { instance, index } = trapMemory(dump, module);
  const memory = index === null ? null : dump.memories[index] ?? null;
  if (instance === null) return { memory, text: memory ? (dump.memories.length > 1 ? `, memory 0 of ${dump.memories.length}` : '') : ' (no memory)' };
  if (!memory) {
    return { memory: null, text: dump.memories.length === 0 ? ' (no memory)' : ` (${noMemoryText(dump, instance)})` };
  }
  return { memory, text: dump.memories.length > 1 ? `, memory ${index} of ${dump.memories.length} (instance ${instance}'s)` : '' };
}

function inspectOrEmpty(bytes: Uint8Array): ModuleInfo {
  const info = inspectBytes(bytes, { crossCheck: false });
  return info.ok ? info.value : emptyModuleInfo();
}

/** No module known: nothing to describe (the image's own origin line says what it is). */
function emptyModuleInfo(): ModuleInfo {
  return {
    size: 0, kind: 'library', toolchain: { name: 'unknown', evidence: [] }, allocator: null, imports: [], exports: [],
    functionCount: 0, tables: [], memories: [], globals: [], start: null, elementSegments: 0, dataCount: null, codeSizes: [],
    dataSegments: [], customSections: [], names: null, producers: {}, targetFeatures: [], dwarf: [],
  };
}
