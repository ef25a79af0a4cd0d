// Where the step history keeps block bytes: one pack per step holding the blocks that step
// changed, counted against a byte budget; old packs are deflated (node:zlib), and a pack whose
// versions were all dropped is freed.

import { Buffer } from 'node:buffer';
import { asBuffer, rangeIsZero } from './byte-ranges.ts';
import { RECYCLE_MIN_BYTES } from './types.ts';

/**
 * One step's changed blocks, packed back to back:
 *
 *   raw:  [block a bytes][block b bytes]...   (offsets in each Ref)
 *
 * `raw` is the buffer the worker transferred (no copy) until the pack is deflated (then `raw`
 * is null and `deflated` holds the same bytes compressed) or compacted.
 */
export interface Pack {
  readonly step: number;
  raw: Uint8Array | null;
  deflated: Uint8Array | null;
  /** Length of the raw bytes (also while deflated). */
  rawLength: number;
  /** Versions still referring to this pack, and their bytes. */
  live: number;
  liveBytes: number;
  /** Deflate would not gain enough: never tried again. */
  incompressible: boolean;
  /** The refs into this pack, so compaction can move them. */
  refs: Ref[];
  /** Views of `raw` went to a caller that may keep them (an image): never recycled. */
  lent?: true;
  /**
   * `raw` is the buffer a capture was made in, as it came: only those go back for reuse (the
   * worker reuses a buffer for a capture of its exact size; merged and compacted copies have
   * sizes no capture asks for, and sent back they would only pile up).
   */
  captured?: true;
}

/** A block version's bytes: [offset, offset + length) of its pack. */
export interface Ref {
  pack: Pack;
  offset: number;
  length: number;
}

/** Deflate level 1: about as small as level 6 on memory images, several times faster. */
const DEFLATE = { level: 1 };
/** node:zlib at the first deflate: a short run never compresses, and loading it at import costs start-up. */
const zlib = (): typeof import('node:zlib') => process.getBuiltinModule('node:zlib');
/** A pack is deflated only when this sample of it shrinks below KEEP_RATIO. */
const SAMPLE_BYTES = 64 * 1024;
const KEEP_RATIO = 0.75;
/** Bytes of a pack looked at (in 4 spread parts) to judge it random, and the bits per byte that are. */
const ENTROPY_SAMPLE = 16 * 1024;
const RANDOM_BITS_PER_BYTE = 7.5;
/** Packs at most this large are merged with their neighbours before deflating. */
const SMALL_PACK = 64 * 1024;
/**
 * A merged group's size. Each group costs a fixed ~100 µs beyond its bytes (deflateRawSync sets
 * up and tears down a zlib stream, ~60 µs; looksRandom samples 16 KiB of it, ~37 µs): at 128 KiB,
 * 32 tiny steps' blocks, that was ~3 µs of every tiny step. Reading an old step inflates its
 * whole group (~0.5 ms at this size), rarely: the grid reads the latest steps.
 */
const GROUP_BYTES = 512 * 1024;
/** Inflated packs kept for reads (the grid reads the same few blocks over and over). */
const INFLATED_CACHE = 8;
/** Packs the cursors pass between prunes of `order`: a prune copies it, so not every step. */
const PRUNE_EVERY = 1024;

export class PackStore {
  /** Bytes held for block data: raw or deflated packs. */
  retained = 0;

  /**
   * `recycle` receives the ArrayBuffer of a raw pack the store let go (freed, deflated, merged
   * or compacted) when it is large enough to be worth reusing and no view of it was lent out.
   */
  constructor(private readonly recycle?: (buffer: ArrayBuffer) => void) {}

  /** Packs in step order, for deflating oldest first; freed packs are skipped and pruned. */
  private order: Pack[] = [];
  private deflateCursor = 0;
  private gatherCursor = 0;
  /** The larger cursor right after the last prune. */
  private prunedAt = 0;
  /** Small settled packs waiting to be deflated together (see gather). */
  private pending: Pack[] = [];
  private pendingBytes = 0;
  private inflated = new Map<Pack, Uint8Array>();
  /** Raw packs less than half live since the last compactReleased, and their dead bytes. */
  private sparse = new Set<Pack>();
  private sparseSlack = 0;
  /** add()'s per-block zero flags (1: all zero), reused. */
  private zeroScratch = new Uint8Array(64);

  /**
   * Keeps step `step`'s blocks, `lengths[k]` bytes each, back to back in `data` (kept as it is,
   * not copied, unless some are all zero); all-zero blocks get null (no storage).
   */
  add(step: number, data: Uint8Array, lengths: number[]): (Ref | null)[] {
    const buf = asBuffer(data);
    const n = lengths.length;
    // Sized arrays and a reused scratch, not arrays pushed to: an empty array pushed to takes
    // room for 17 items, and this made ~800 bytes of garbage a step for a tiny step's one block.
    if (this.zeroScratch.length < n) this.zeroScratch = new Uint8Array(n * 2);
    const zero = this.zeroScratch;
    let total = 0;
    let live = 0;
    let at = 0;
    for (let k = 0; k < n; k++) {
      const length = lengths[k];
      zero[k] = rangeIsZero(buf, at, at + length) ? 1 : 0;
      if (zero[k] === 0) {
        total += length;
        live++;
      }
      at += length;
    }
    const refs = new Array<Ref | null>(n).fill(null);
    if (total === 0) return refs;
    const raw = total === data.length ? data : withoutZeros(buf, lengths, zero, total);
    const pack: Pack = { step, raw, deflated: null, rawLength: total, live, liveBytes: total, incompressible: false, refs: new Array<Ref>(live) };
    if (raw === data) pack.captured = true;
    at = 0;
    let r = 0;
    for (let k = 0; k < n; k++) {
      if (zero[k] === 1) continue;
      const ref: Ref = { pack, offset: at, length: lengths[k] };
      at += lengths[k];
      pack.refs[r++] = ref;
      refs[k] = ref;
    }
    this.retained += raw.byteLength;
    this.order.push(pack);
    return refs;
  }

  /** The bytes of a version (a view: do not modify, do not keep across a later release). */
  bytes(ref: Ref): Uint8Array {
    const raw = ref.pack.raw ?? this.inflate(ref.pack);
    return raw.subarray(ref.offset, ref.offset + ref.length);
  }

  /** The bytes of a version, as a view the caller may keep: its buffer is never recycled. */
  lend(ref: Ref): Uint8Array {
    ref.pack.lent = true;
    return this.bytes(ref);
  }

  /**
   * Drops one version; frees its pack when no version is left. A raw pack left mostly dead is
   * compacted by compactReleased, not here: the rest of it is often released right after (a
   * step's blocks are superseded together), and then it is freed whole instead of copied.
   */
  release(ref: Ref): void {
    const pack = ref.pack;
    pack.live--;
    pack.liveBytes -= ref.length;
    pack.refs.splice(pack.refs.indexOf(ref), 1);
    const sparse = this.sparse.has(pack);
    if (sparse) this.sparseSlack += ref.length;
    if (pack.live === 0) {
      if (sparse) {
        this.sparse.delete(pack);
        this.sparseSlack -= pack.raw!.byteLength;
      }
      this.retained -= heldBytes(pack);
      this.letGo(pack);
      pack.deflated = null;
      this.inflated.delete(pack);
    } else if (!sparse && pack.raw !== null && pack.liveBytes * 2 < pack.raw.byteLength) {
      this.sparse.add(pack);
      this.sparseSlack += pack.raw.byteLength - pack.liveBytes;
    }
  }

  /** `retained` as it will be once compactReleased has run. */
  get retainedCompacted(): number {
    return this.retained - this.sparseSlack;
  }

  /** Compacts the mostly dead packs release left (into buffers of their live size). */
  compactReleased(): void {
    for (const pack of this.sparse) this.compact(pack);
    this.sparse.clear();
    this.sparseSlack = 0;
  }

  /**
   * Deflates packs of steps up to `lastStep`, oldest first, until `retained` is at most
   * `target` (0: only gather small packs, whatever the budget). Small packs (a tiny step's
   * block or two) are merged into groups of GROUP_BYTES first: one deflate per group, and
   * successive versions of a block then cost little more than what changed. Returns true when
   * `retained` is at most `target`.
   */
  deflateOld(lastStep: number, target: number): boolean {
    if (target === 0) {
      this.gather(lastStep);
      return this.retained === 0;
    }
    let group: Pack[] = [];
    let groupBytes = 0;
    while (this.retained > target && this.deflateCursor < this.order.length) {
      const pack = this.order[this.deflateCursor];
      if (pack.step > lastStep) break;
      this.deflateCursor++;
      if (pack.live === 0 || pack.raw === null || pack.incompressible) continue;
      if (pack.rawLength > SMALL_PACK) {
        this.deflate(pack);
        continue;
      }
      group.push(pack);
      groupBytes += pack.liveBytes;
      if (groupBytes < GROUP_BYTES) continue;
      this.deflate(this.merge(group));
      group = [];
      groupBytes = 0;
    }
    if (group.length > 0) this.deflate(this.merge(group));
    this.maybePrune();
    return this.retained <= target;
  }

  /** Adds settled small packs to the pending group; deflates it once it holds GROUP_BYTES. */
  private gather(lastStep: number): void {
    while (this.gatherCursor < this.order.length) {
      const pack = this.order[this.gatherCursor];
      if (pack.step > lastStep) break;
      this.gatherCursor++;
      if (pack.live === 0 || pack.raw === null || pack.incompressible || pack.rawLength > SMALL_PACK) continue;
      this.pending.push(pack);
      this.pendingBytes += pack.liveBytes;
      if (this.pendingBytes < GROUP_BYTES) continue;
      // A pending pack may have been deflated, merged or freed meanwhile (budget pressure).
      const group = this.pending.filter((p) => p.live > 0 && p.raw !== null);
      this.pending = [];
      this.pendingBytes = 0;
      if (group.length > 0) this.deflate(this.merge(group));
    }
    this.maybePrune();
  }

  /**
   * Freed and merged-away packs stay in `order` until pruned. Pruned once the cursors have moved
   * past PRUNE_EVERY more packs, whichever cursor moves: under the budget only the gather
   * cursor does, and waiting for both (as this once did) kept every tiny step's emptied pack.
   */
  private maybePrune(): void {
    if (Math.max(this.deflateCursor, this.gatherCursor) - this.prunedAt > PRUNE_EVERY) this.prune();
  }

  /** Packs tracked in step order, emptied ones not yet pruned included (bounded bookkeeping). */
  get trackedPacks(): number {
    return this.order.length;
  }

  /** One pack holding the live versions of `packs` (their refs move to it); they are freed. */
  private merge(packs: Pack[]): Pack {
    if (packs.length === 1) return packs[0];
    let total = 0;
    for (const p of packs) total += p.liveBytes;
    // Not zero-filled: every byte is copied over below.
    const raw = new Uint8Array(Buffer.allocUnsafeSlow(total).buffer, 0, total);
    const merged: Pack = {
      step: packs[packs.length - 1].step, raw, deflated: null, rawLength: total, live: 0, liveBytes: total,
      incompressible: false, refs: [],
    };
    let at = 0;
    for (const p of packs) {
      for (const ref of p.refs) {
        raw.set(p.raw!.subarray(ref.offset, ref.offset + ref.length), at);
        ref.pack = merged;
        ref.offset = at;
        at += ref.length;
        merged.refs.push(ref);
      }
      merged.live += p.live;
      this.retained -= heldBytes(p);
      p.live = 0;
      p.liveBytes = 0;
      p.refs = [];
      this.letGo(p);
    }
    this.retained += total;
    // Takes the place of the newest merged pack in `order`, so it is not visited again early.
    this.order[this.order.indexOf(packs[packs.length - 1])] = merged;
    return merged;
  }

  private deflate(pack: Pack): void {
    const raw = pack.raw!;
    if (looksRandom(raw)) {
      pack.incompressible = true;
      return;
    }
    if (raw.byteLength > SAMPLE_BYTES * 2) {
      const sample = zlib().deflateRawSync(raw.subarray(0, SAMPLE_BYTES), DEFLATE);
      if (sample.byteLength > SAMPLE_BYTES * KEEP_RATIO) {
        pack.incompressible = true;
        return;
      }
    }
    const deflated = zlib().deflateRawSync(raw, DEFLATE);
    if (deflated.byteLength > raw.byteLength * KEEP_RATIO) {
      pack.incompressible = true;
      return;
    }
    // A copy sized to fit: zlib's result may sit in a larger allocation.
    pack.deflated = new Uint8Array(deflated);
    this.letGo(pack);
    this.retained += pack.deflated.byteLength - raw.byteLength;
  }

  private inflate(pack: Pack): Uint8Array {
    let raw = this.inflated.get(pack);
    if (raw !== undefined) {
      this.inflated.delete(pack); // re-insert: the Map's order is the cache's recency
    } else {
      raw = new Uint8Array(zlib().inflateRawSync(pack.deflated!));
      if (this.inflated.size >= INFLATED_CACHE) this.inflated.delete(this.inflated.keys().next().value!);
    }
    this.inflated.set(pack, raw);
    return raw;
  }

  /** Copies the live versions of a raw pack into a buffer of their size; the old one is freed. */
  private compact(pack: Pack): void {
    const old = pack.raw!;
    const raw = new Uint8Array(pack.liveBytes);
    let at = 0;
    for (const ref of pack.refs) {
      raw.set(old.subarray(ref.offset, ref.offset + ref.length), at);
      ref.offset = at;
      at += ref.length;
    }
    this.retained += raw.byteLength - old.byteLength;
    this.letGo(pack);
    pack.raw = raw;
    delete pack.captured;
    pack.rawLength = raw.byteLength;
  }

  /** Drops a pack's raw bytes, handing their buffer to `recycle` when that is safe and worth it. */
  private letGo(pack: Pack): void {
    const raw = pack.raw;
    pack.raw = null;
    if (raw === null || !pack.captured || pack.lent || this.recycle === undefined || raw.byteLength < RECYCLE_MIN_BYTES) return;
    if (raw.byteOffset !== 0 || raw.byteLength !== raw.buffer.byteLength || !(raw.buffer instanceof ArrayBuffer)) return;
    this.recycle(raw.buffer);
  }

  /** Drops freed packs from `order`, keeping both cursors on the same packs. */
  private prune(): void {
    const keep = (from: number, to: number) => this.order.slice(from, to).filter((p) => p.live > 0);
    const [low, high] = [Math.min(this.deflateCursor, this.gatherCursor), Math.max(this.deflateCursor, this.gatherCursor)];
    const a = keep(0, low);
    const b = keep(low, high);
    const lowFirst = this.deflateCursor <= this.gatherCursor;
    this.order = [...a, ...b, ...this.order.slice(high)];
    this.deflateCursor = lowFirst ? a.length : a.length + b.length;
    this.gatherCursor = lowFirst ? a.length + b.length : a.length;
    this.prunedAt = a.length + b.length;
  }
}

/**
 * True when a sample of `bytes` has close to 8 bits of entropy per byte, so deflate cannot
 * shrink it by the KEEP_RATIO it needs. Why not just deflate a sample: zlib spends its longest on
 * such bytes (a 64 KiB sample took 6 ms on a loaded core, 1000 MiB-sized steps 6 s of the
 * controlling thread, while the worker's deltas queued up); a histogram of 16 KiB takes
 * microseconds. Bytes with repeats deflate finds but a histogram does not (the same random
 * kilobyte over and over) are kept raw: the budget then drops old versions sooner, never wrongly.
 */
function looksRandom(bytes: Uint8Array): boolean {
  const counts = new Uint32Array(256);
  const parts = 4;
  const part = Math.min(ENTROPY_SAMPLE / parts, Math.floor(bytes.length / parts));
  if (part < 256) return false;
  let n = 0;
  for (let k = 0; k < parts; k++) {
    const from = Math.floor((k * (bytes.length - part)) / (parts - 1));
    for (let i = from; i < from + part; i++) counts[bytes[i]]++;
    n += part;
  }
  let bits = 0;
  for (const c of counts) if (c > 0) bits -= c * Math.log2(c / n);
  return bits / n > RANDOM_BITS_PER_BYTE;
}

function heldBytes(pack: Pack): number {
  return pack.raw?.byteLength ?? pack.deflated?.byteLength ?? 0;
}

/** The blocks of `buf` that are not all zero, copied back to back into a buffer of `total` bytes. */
function withoutZeros(buf: Buffer, lengths: number[], zero: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(total);
  let from = 0;
  let to = 0;
  lengths.forEach((length, k) => {
    if (!zero[k]) to += buf.copy(out, to, from, from + length);
    from += length;
  });
  return out;
}
