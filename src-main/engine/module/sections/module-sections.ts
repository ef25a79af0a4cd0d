// The top-level walk over a module binary: the 8-byte header, then sections
// (id:u8 size:u32 payload) in the order the spec requires, each handed to its decoder with a
// reader that cannot leave the section. Throws ReadError with the section's name attached.
//
//   00 61 73 6d  01 00 00 00  | id size payload | id size payload | …
//   "\0asm"      version 1

import type { FrameLocals } from '../../../shared/dto.ts';
import { count } from '../../../shared/count.ts';
import { frameSize } from './frame-size.ts';
import type { DwarfFrame } from '../dwarf/frames.ts';
import { moduleStatics } from '../dwarf/index.ts';
import { emptyModule, type RawModule } from '../model.ts';
import { ByteReader, ReadError } from '../reader.ts';
import { readCustomSection } from './custom.ts';
import {
  readFunctionSection, readGlobalSection, readMemorySection, readTableSection, readTagSection,
} from './definitions.ts';
import { readExportSection, readStartSection } from './export-section.ts';
import { readImportSection } from './import-section.ts';
import {
  readCodeSection, readDataCountSection, readDataSection, readElementSection,
} from './segments.ts';
import { readTypeSection } from './type-section.ts';
import { sequenceLines } from '../../../shared/sequence-text.ts';

interface SectionKind {
  name: string;
  /** Position in the required order (tag sits between memory and global, datacount before code). */
  order: number;
  read: (r: ByteReader, m: RawModule) => void;
}

const SECTIONS: Record<number, SectionKind> = {
  1: { name: 'type', order: 1, read: readTypeSection },
  2: { name: 'import', order: 2, read: readImportSection },
  3: { name: 'function', order: 3, read: readFunctionSection },
  4: { name: 'table', order: 4, read: readTableSection },
  5: { name: 'memory', order: 5, read: readMemorySection },
  13: { name: 'tag', order: 6, read: readTagSection },
  6: { name: 'global', order: 7, read: readGlobalSection },
  7: { name: 'export', order: 8, read: readExportSection },
  8: { name: 'start', order: 9, read: readStartSection },
  9: { name: 'element', order: 10, read: readElementSection },
  12: { name: 'datacount', order: 11, read: readDataCountSection },
  10: { name: 'code', order: 12, read: readCodeSection },
  11: { name: 'data', order: 13, read: readDataSection },
};

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

export function parseModule(bytes: Uint8Array): RawModule {
  const m = emptyModule(bytes.length);
  const r = new ByteReader(bytes);
  withSection('header', () => readHeader(r));
  let lastOrder = 0;
  let lastName = '';
  let sawCode = false;
  let sawData = false;
  while (!r.atEnd()) {
    const start = r.pos;
    const id = r.u8('section id');
    const kind = SECTIONS[id];
    const label = id === 0 ? 'custom' : kind?.name ?? `unknown (id ${id})`;
    withSection(label, () => {
      if (id !== 0 && !kind) r.fail(`unknown section id ${id}`, start);
      const size = r.u32('section size');
      if (size > r.remaining) {
        r.fail(`declares ${size} bytes but only ${r.remaining} remain in the file`, start);
      }
      if (kind) {
        if (kind.order === lastOrder) r.fail('appears a second time', start);
        if (kind.order < lastOrder) r.fail(`out of order: it must come before the ${lastName} section`, start);
        lastOrder = kind.order;
        lastName = kind.name;
      }
      const sub = r.sub(size, `${label} section`);
      let name = label;
      if (id === 0) name = `custom:${readCustomSection(sub, m)}`;
      else kind!.read(sub, m);
      if (!sub.atEnd()) sub.fail(`${sub.remaining} bytes left over after its contents`);
      m.sections.push({ name, start, end: r.pos });
      if (id === 10) sawCode = true;
      if (id === 11) sawData = true;
    });
  }
  withSection('code', () => {
    if (!sawCode && m.functionTypes.length > 0) {
      r.fail(`missing, but the function section declares ${m.functionTypes.length} functions`);
    }
  });
  withSection('data', () => {
    if (!sawData && m.dataCount) r.fail(`missing, but the data count section says ${m.dataCount} segments`);
  });
  const dwarf = moduleStatics(bytes, m.customSections);
  if (dwarf) {
    m.statics = dwarf.statics;
    if (dwarf.types.length > 0) m.staticTypes = dwarf.types;
    const frames = frameLocals(dwarf.frames ?? [], m, bytes);
    if (frames.length > 0) m.frameLocals = frames;
    if (dwarf.warning) m.warnings.push(dwarf.warning);
  }
  return m;
}

/**
 * DWARF's frames by function index: a frame's code starts where its function's body does
 * (codeStarts, file offsets); with the frame's size when its prologue says (frame-size.ts).
 */
function frameLocals(frames: readonly DwarfFrame[], m: RawModule, bytes: Uint8Array): FrameLocals[] {
  const byStart = new Map(m.codeStarts.map((start, i) => [start, i]));
  const out: FrameLocals[] = [];
  for (const f of frames) {
    const body = byStart.get(f.code[0]);
    if (body === undefined || f.variables.length === 0) continue;
    const size = frameSize(bytes, m.codeStarts[body]!, m.codeSizes[body]!, f.baseLocal);
    out.push({ funcIndex: m.importFuncTypes.length + body, baseLocal: f.baseLocal, ...(size !== null ? { frameSize: size } : {}), variables: f.variables });
  }
  return out.sort((a, b) => a.funcIndex - b.funcIndex);
}

const WAT_HINT = '; this looks like WebAssembly text (WAT): build the binary first, e.g. `wat2wasm FILE.wat` (wabt) or `wasm-as FILE.wat` (Binaryen)';

const SEQUENCE_HINT = '; this looks like a call sequence (.wseq), not a module: give it as the sequence (`memscope run FILE.wseq`, Open… beside the editor in the app), and the module its `module` line names as the module';

/** The text format starts with `(module`, `(component` or a `;;` comment, after whitespace. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  return /^(\(\s*(module|component)\b|;;|\(;)/.test(head);
}

/** A sequence's first line that is not a `#` comment or blank is its `module "…"` line (or a step). */
function looksLikeSequence(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  const first = sequenceLines(head).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  return first !== undefined && /^module\s+"/.test(first);
}

function readHeader(r: ByteReader): void {
  const bytes = r.bytes;
  if (bytes.length === 0) r.fail('the file is empty', 0);
  const magic = bytes.subarray(0, 4);
  if (!MAGIC.every((b, i) => i >= magic.length || magic[i] === b)) {
    const hint = looksLikeText(bytes) ? WAT_HINT : looksLikeSequence(bytes) ? SEQUENCE_HINT : '';
    r.fail(`bad magic number: expected 00 61 73 6d ("\\0asm"), found ${hexBytes(magic)}${hint}`, 0);
  }
  if (bytes.length < 8) r.fail(`the file ends after ${count(bytes.length, 'byte')}, inside the 8-byte header`, bytes.length);
  const version = bytes.subarray(4, 8);
  if (version[0] === 0x0d && version[2] === 0x01) {
    r.refuse('this is a WebAssembly component (component model, layer 1), not a core module: Memscope runs core modules', 4);
  }
  if (!(version[0] === 1 && version[1] === 0 && version[2] === 0 && version[3] === 0)) {
    r.fail(`unsupported version ${hexBytes(version)}: expected 01 00 00 00`, 4);
  }
  r.pos = 8;
}

/** Runs `body`, stamping the section name on any ReadError that escapes it. */
function withSection(section: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e instanceof ReadError && e.section === undefined) e.section = section;
    throw e;
  }
}
