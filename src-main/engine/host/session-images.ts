// Memory as it was after any step of a Session, and the files made of it: reads, page maps,
// whole images, sparse or raw snapshots and Wasm coredumps. They come from the step log's
// history, or from the live instance when the present is only there (an ad-hoc call or a write
// since the last step, or a session that does not record). Nothing here runs a step.

import type { Result } from '../../shared/dto.ts';
import { exportSnapshot as encodeSnapshot, exportFileName } from '../memory/snapshot.ts';
import type { SparseImage } from '../memory/types.ts';
import type { GlobalValue } from '../protocol.ts';
import { buildCoredump } from '../coredump/from-session.ts';
import { encodeCoredump } from '../coredump/write.ts';
import type { StepLog } from './step-log.ts';
import type { WorkerClient } from './worker-client.ts';

/** Bytes read from memory, with the memory size and step they belong to (-1: initial image). */
export interface MemoryRead {
  bytes: Uint8Array;
  memorySize: number;
  step: number;
}

/** The Session's state as it is at each call (the log is replaced by a reset or a replay). */
export interface ImageSource {
  readonly log: StepLog;
  /** The worker while it is there and idle (no step running, not terminated); null otherwise. */
  idle(): WorkerClient | null;
  /** The idle worker when the present is only in the live instance; null when the history has it. */
  live(): WorkerClient | null;
  readonly moduleName: string;
  readonly moduleSha256: string;
  /** The module as the user gave it (a coredump names its functions and globals from it). */
  readonly moduleBytes: Uint8Array;
}

export class SessionImages {
  constructor(private readonly source: ImageSource) {}

  /**
   * Memory now (fresh from the guest when idle), or as it was after `step` (-1: initial).
   * Out of range is an 'out-of-bounds' error value.
   */
  async readMemory(address: number, length: number, step?: number): Promise<Result<MemoryRead>> {
    const history = this.source.log.history;
    const live = step === undefined ? this.source.live() : null;
    if (live) {
      const outcome = await live.request({ type: 'read-memory', address, length });
      if ('done' in outcome) {
        if (!outcome.done.ok) return outcome.done;
        return { ok: true, value: { bytes: outcome.done.value.bytes, memorySize: outcome.done.value.memorySize, step: history.lastStep } };
      }
    }
    const at = step ?? history.lastStep;
    const read = history.read(address, length, at);
    return read.ok ? { ok: true, value: { bytes: read.value, memorySize: history.sizeAt(at), step: at } } : read;
  }

  /** One byte per 64 KiB page (0 zero, 1 data, 2 changed by that step). */
  pageMap(step?: number): Result<Uint8Array> {
    const history = this.source.log.history;
    const checked = history.checkExact(step ?? history.lastStep);
    return checked.ok ? { ok: true, value: history.pageMap(checked.value) } : checked;
  }

  /**
   * The whole memory now (fresh from the guest when an ad-hoc call or write changed it since the
   * last step), or exactly as it was after `step`: what snapshots export and diffs compare.
   */
  async imageAt(step?: number): Promise<Result<SparseImage>> {
    const history = this.source.log.history;
    const checked = history.checkExact(step ?? history.lastStep);
    if (!checked.ok) return checked;
    const live = step === undefined ? this.source.live() : null;
    if (live) {
      const outcome = await live.request({ type: 'image' });
      if ('done' in outcome && outcome.done.ok) return { ok: true, value: outcome.done.value };
    }
    return { ok: true, value: history.imageAt(checked.value) };
  }

  /** Memory after `step` (default: now) as a raw `.bin` or a sparse snapshot with manifest. */
  async exportSnapshot(options: { step?: number; format: 'bin' | 'sparse'; label?: string }): Promise<Result<{ fileName: string; bytes: Uint8Array }>> {
    const log = this.source.log;
    const step = options.step ?? log.history.lastStep;
    const read = await this.imageAt(options.step);
    if (!read.ok) return read;
    const record = log.steps.at(step);
    const label = options.label ?? log.snapshotLabels.get(step);
    const { moduleName, moduleSha256 } = this.source;
    const bytes = encodeSnapshot(read.value, options.format, {
      moduleName, moduleSha256, step,
      ...(record ? { line: record.line, source: record.source } : {}),
      ...(label !== undefined ? { label } : {}),
      ...log.stateAt(step),
      steps: log.steps.all(),
    });
    if (!bytes.ok) return bytes;
    return { ok: true, value: { fileName: exportFileName(moduleName, step, options.format), bytes: bytes.value } };
  }

  /**
   * A standard Wasm coredump (tool-conventions Coredump.md) of memory after `step` (default:
   * now): live values of exported globals when dumping the present, the guest stack when that
   * step trapped. `initialOnly` lists the globals written with their declared initial value.
   */
  async exportCoredump(options: { step?: number } = {}): Promise<Result<{ fileName: string; bytes: Uint8Array; initialOnly: number[] }>> {
    const log = this.source.log;
    const step = options.step ?? log.history.lastStep;
    // Exact, as imageAt asks: a step past --history-mb's reach made history.imageAt throw.
    const checked = log.history.checkExact(step);
    if (!checked.ok) return checked;
    const present = options.step === undefined || step === log.history.lastStep;
    let image: SparseImage = log.history.imageAt(step);
    let liveGlobals: GlobalValue[] | null = null;
    const idle = present ? this.source.idle() : null;
    if (idle) {
      const live = this.source.live();
      if (live) {
        const read = await live.request({ type: 'image' });
        if ('done' in read && read.done.ok) image = read.done.value;
      }
      const globals = await idle.request({ type: 'globals' });
      if ('done' in globals && globals.done.ok) liveGlobals = globals.done.value;
    }
    // The failed step (if it is the one dumped) is the record after the last committed image.
    const failed = present ? log.steps.at(-1) : log.steps.at(step);
    const error = failed && !failed.ok ? failed.error : undefined;
    const { moduleName, moduleBytes } = this.source;
    const built = buildCoredump({ moduleName, moduleBytes, image, liveGlobals, ...(error ? { error } : {}) });
    if (!built.ok) return built;
    return { ok: true, value: { fileName: exportFileName(moduleName, step, 'core'), bytes: encodeCoredump(built.value.dump), initialOnly: built.value.initialOnly } };
  }
}
