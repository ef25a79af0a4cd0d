// A memory image opened read-only (a Wasm coredump, a saved .msnap or a raw .bin): the same read
// surface as a live Session (memory, page map, expressions over the bound names, exports), and
// nothing that runs. The backend serves both through one code path; this says why it cannot step.

import type {
  BoundValue, HeapSummary, MemoryImageInfo, MemscopeError, ModuleInfo, NameSection, Region, Result, SessionState, SnapshotManifest, StepRecord,
} from '../../shared/dto.ts';
import { encodeCoredump } from '../coredump/write.ts';
import { buildCoredump } from '../coredump/from-session.ts';
import type { Coredump } from '../coredump/model.ts';
import { otherDumpedName } from '../coredump/module-fit.ts';
import { exportSnapshot as encodeSnapshot, exportFileName } from '../memory/snapshot.ts';
import { SNAPSHOT_EXTENSION } from '../memory/snapshot-format.ts';
import { dumpLabel } from '../memory/snapshot-manifest.ts';
import { readSparseImage, sparseImagePageMap } from '../memory/sparse-image.ts';
import type { SparseImage } from '../memory/types.ts';
import { evaluateExpression } from '../sequence/expr.ts';
import type { MemoryRead } from '../host/session.ts';

/** Everything an image is opened with (open-image.ts builds it from a file). */
export interface ImageParts {
  info: Omit<MemoryImageInfo, 'readOnly'>;
  image: SparseImage;
  moduleName: string;
  moduleSha256: string;
  /** The module given beside the image (coredumps name their frames from it), else null. */
  moduleBytes: Uint8Array | null;
  moduleInfo: ModuleInfo;
  /** The step whose memory this is (-1: none, as for a coredump). */
  step: number;
  steps: StepRecord[];
  regions: Region[];
  bindings: Record<string, BoundValue>;
  /** The decoded coredump, exported again as it was read. */
  coredump?: Coredump;
  /** A saved snapshot's manifest, exported again as it was read (see exportSnapshot). */
  manifest?: SnapshotManifest;
}

export class MemoryImage {
  constructor(private readonly parts: ImageParts) {}

  get image(): SparseImage { return this.parts.image; }
  get moduleName(): string { return this.parts.moduleName; }
  get moduleSha256(): string { return this.parts.moduleSha256; }
  get info(): ModuleInfo { return this.parts.moduleInfo; }
  get state(): SessionState { return 'read-only'; }
  get steps(): readonly StepRecord[] { return this.parts.steps; }
  get nextStep(): number { return this.parts.step + 1; }
  get regions(): Region[] { return this.parts.regions; }
  get bindings(): Record<string, BoundValue> { return this.parts.bindings; }
  get memorySize(): number { return this.parts.image.size; }
  /**
   * For an image read from a coredump opened without its module: the names the dump records
   * when none is `moduleFile`'s (module-fit.ts's otherDumpedName); null otherwise.
   */
  dumpedOtherThan(moduleFile: string, names: NameSection | null): string | null {
    const { coredump, moduleBytes } = this.parts;
    return coredump && !moduleBytes ? otherDumpedName(coredump, moduleFile, names) : null;
  }

  /** The image's description for the UI, with the read-only reason. */
  get imageInfo(): MemoryImageInfo {
    return { ...this.parts.info, readOnly: this.whyCannotStep().message };
  }

  /** Always a reason: an image has no guest to run, write into or give a sequence to. */
  whyCannotStep(): MemscopeError {
    const what = { coredump: 'a Wasm coredump', snapshot: 'a saved snapshot', raw: 'a raw memory dump' }[this.parts.info.kind];
    return {
      code: 'usage',
      message: `${this.parts.info.fileName} is ${what}, opened read-only: no guest runs, so stepping, writing memory and editing a sequence are off (open the module or a demo to run it)`,
    };
  }

  /** The image's memory; `step` may only name the image's own step. */
  async readMemory(address: number, length: number, step?: number): Promise<Result<MemoryRead>> {
    const other = this.otherStep(step);
    if (other) return other;
    const read = readSparseImage(this.parts.image, address, length);
    return read.ok ? { ok: true, value: { bytes: read.value, memorySize: this.memorySize, step: this.parts.step } } : read;
  }

  /** The image's memory (the same surface as Session.imageAt, for diffs against a file). */
  async imageAt(step?: number): Promise<Result<SparseImage>> {
    return this.otherStep(step) ?? { ok: true, value: this.parts.image };
  }

  /** One byte per 64 KiB page: 0 all zero, 1 holds data (nothing changed: no step ran here). */
  pageMap(step?: number): Result<Uint8Array> {
    return this.otherStep(step) ?? { ok: true, value: sparseImagePageMap(this.parts.image) };
  }

  /** An expression over the image's bound names; `step` may only name the image's own step. */
  evaluate(expression: string, step?: number): Result<string> {
    const other = this.otherStep(step);
    if (other) return other;
    const value = evaluateExpression(expression, this.parts.bindings, this.info.statics);
    return value.ok ? { ok: true, value: value.value.toString() } : value;
  }

  async heap(): Promise<Result<HeapSummary>> {
    return { ok: false, error: { code: 'usage', message: 'the heap is walked while a guest runs; a memory image opened read-only has none' } };
  }

  /** The image again as a .bin or .msnap (a coredump's memory becomes a snapshot this way). */
  async exportSnapshot(options: { step?: number; format: 'bin' | 'sparse' }): Promise<Result<{ fileName: string; bytes: Uint8Array }>> {
    const other = this.otherStep(options.step);
    if (other) return other;
    const p = this.parts;
    const m = p.manifest;
    const record = p.steps[p.step];
    // A saved snapshot keeps its own label, creation time and step line, so exporting it again
    // gives the same file: made up anew, they lost the label, took today's date, and lost the
    // line when the manifest held no call log to find it in.
    // A coredump's or raw dump's memory is no step's: the label says which file it came from
    // (the manifest's step -1 alone read "before the first step", of memory taken at a trap).
    const from = m ? m.label : this.fromLabel();
    const bytes = encodeSnapshot(p.image, options.format, {
      moduleName: p.moduleName, moduleSha256: p.moduleSha256, step: p.step,
      ...(m ? { ...(m.line !== undefined ? { line: m.line } : {}), ...(m.source !== undefined ? { source: m.source } : {}) }
        : record ? { line: record.line, source: record.source } : {}),
      ...(from !== undefined ? { label: from } : {}),
      ...(m ? { createdAt: m.createdAt } : {}),
      regions: p.regions, bindings: p.bindings, steps: p.steps,
    });
    if (!bytes.ok) return bytes;
    const fileName = m ? exportFileName(p.moduleName, p.step, options.format) : this.ownFileName(options.format === 'bin' ? '.bin' : SNAPSHOT_EXTENSION);
    return { ok: true, value: { fileName, bytes: bytes.value } };
  }

  /** A coredump exports as it was read; a snapshot becomes one when its module was given. */
  async exportCoredump(options: { step?: number } = {}): Promise<Result<{ fileName: string; bytes: Uint8Array; initialOnly: number[] }>> {
    const other = this.otherStep(options.step);
    if (other) return other;
    const p = this.parts;
    if (p.coredump) return { ok: true, value: { fileName: p.info.fileName, bytes: encodeCoredump(p.coredump), initialOnly: [] } };
    if (!p.moduleBytes) return { ok: false, error: { code: 'usage', message: `a coredump needs the module's globals: open ${p.info.fileName} together with ${p.moduleName}` } };
    const built = buildCoredump({ moduleName: p.moduleName, moduleBytes: p.moduleBytes, image: p.image, liveGlobals: null, imageName: p.info.fileName });
    if (!built.ok) return built;
    const fileName = p.manifest ? exportFileName(p.moduleName, p.step, 'core') : this.ownFileName('.core.wasm');
    return { ok: true, value: { fileName, bytes: encodeCoredump(built.value.dump), initialOnly: built.value.initialOnly } };
  }

  /** What a snapshot of a coredump's or raw dump's memory says it holds. */
  private fromLabel(): string {
    const { kind, fileName } = this.parts.info;
    return dumpLabel(kind === 'coredump' ? 'coredump' : 'raw', fileName);
  }

  /**
   * A coredump's or raw dump's memory exported: the image's own name with the new extension
   * (trap.step3.core.wasm → trap.step3.core.msnap). From the module's name and step -1 it was
   * "trap.initial.msnap", memory before any step, which it is not. Never the image's own name.
   */
  private ownFileName(extension: string): string {
    const own = this.parts.info.fileName.replace(/^.*[\\/]/, '');
    const base = own.replace(/\.(wasm|bin)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'memory';
    return `${base}${extension}` === own ? `${base}.copy${extension}` : `${base}${extension}`;
  }

  /** Nothing runs, so there is nothing to stop or close. */
  async stop(): Promise<void> {}
  async dispose(): Promise<void> {}

  private otherStep(step: number | undefined): Result<never> | null {
    if (step === undefined || step === this.parts.step) return null;
    const held = this.parts.step < 0 ? 'only its own memory' : `only the memory after step ${this.parts.step + 1}`;
    return { ok: false, error: { code: 'usage', message: `${this.parts.info.fileName} holds ${held}, not that of step ${step + 1}` } };
  }
}
