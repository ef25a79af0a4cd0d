// Where the step history keeps block bytes: one pack per step holding the blocks that step
// changed, counted against a byte budget; old packs are deflated (node:zlib), and a pack whose
// versions were all dropped is freed.

import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import type { MemoryBlock } from './types.ts';

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
}

/** A block version's bytes: [offset, offset + length) of its pack. */
export interface Ref {
  pack: Pack;
  offset: number;
  length: number;
}

/** Deflate level 1: about as small as level 6 on memory images, several times faster. */
const DEFLATE = { level: 1, strategy: zlib.Z_DEFAULT_STRATEGY };
/** A pack is deflated only when this sample of it shrinks below KEEP_RATIO. */
const SAMPLE_BYTES = 64 * 1024;
const KEEP_RATIO = 0.75;
/** Packs at most this large are merged with their neighbours before deflating. */
const SMALL_PACK = 64 * 1024;
const GROUP_BYTES = 128 * 1024;
/** Inflated packs kept for reads (the grid reads the same few blocks over and over). */
const INFLATED_CACHE = 8;

export class PackStore {
  /** Bytes held for block data: raw or deflated packs. */
  retained = 0;
  /** Packs in step order, for deflating oldest first; freed packs are skipped and pruned. */
  private order: Pack[] = [];
  private deflateCursor = 0;
  private gatherCursor = 0;
  /** Small settled packs waiting to be deflated together (see gather). */
  private pending: Pack[] = [];
  private pendingBytes = 0;
  private inflated = new Map<Pack, Uint8Array>();

  /** Packs `blocks` as step `step`'s data; all-zero blocks get null (no storage). */
  add(step: number, blocks: MemoryBlock[], isZero: (bytes: Uint8Array) => boolean): (Ref | null)[] {
    const kept = blocks.map((b) => (isZero(b.bytes) ? null : b.bytes));
    let total = 0;
    for (const bytes of kept) if (bytes !== null) total += bytes.length;
    if (total === 0) return kept.map(() => null);
    const raw = packed(kept, total);
    const pack: Pack = { step, raw, deflated: null, rawLength: total, live: 0, liveBytes: 0, incompressible: false, refs: [] };
    let at = 0;
    const refs = kept.map((bytes) => {
      if (bytes === null) return null;
      const ref: Ref = { pack, offset: at, length: bytes.length };
      at += bytes.length;
      pack.live++;
      pack.liveBytes += bytes.length;
      pack.refs.push(ref);
      return ref;
    });
    this.retained += raw.byteLength;
    this.order.push(pack);
    return refs;
  }

  /** The bytes of a version (a view: do not modify, do not keep across a later release). */
  bytes(ref: Ref): Uint8Array {
    const raw = ref.pack.raw ?? this.inflate(ref.pack);
    return raw.subarray(ref.offset, ref.offset + ref.length);
  }

  /** Drops one version; frees its pack when no version is left, compacts it when mostly dead. */
  release(ref: Ref): void {
    const pack = ref.pack;
    pack.live--;
    pack.liveBytes -= ref.length;
    pack.refs.splice(pack.refs.indexOf(ref), 1);
    if (pack.live === 0) {
      this.retained -= heldBytes(pack);
      pack.raw = null;
      pack.deflated = null;
      this.inflated.delete(pack);
    } else if (pack.raw !== null && pack.liveBytes * 2 < pack.raw.byteLength) {
      this.compact(pack);
    }
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

  private maybePrune(): void {
    if (Math.min(this.deflateCursor, this.gatherCursor) > 1024) this.prune();
  }

  /** One pack holding the live versions of `packs` (their refs move to it); they are freed. */
  private merge(packs: Pack[]): Pack {
    if (packs.length === 1) return packs[0];
    let total = 0;
    for (const p of packs) total += p.liveBytes;
    const raw = new Uint8Array(total);
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
      p.raw = null;
    }
    this.retained += total;
    // Takes the place of the newest merged pack in `order`, so it is not visited again early.
    this.order[this.order.indexOf(packs[packs.length - 1])] = merged;
    return merged;
  }

  private deflate(pack: Pack): void {
    const raw = pack.raw!;
    if (raw.byteLength > SAMPLE_BYTES * 2) {
      const sample = deflateRawSync(raw.subarray(0, SAMPLE_BYTES), DEFLATE);
      if (sample.byteLength > SAMPLE_BYTES * KEEP_RATIO) {
        pack.incompressible = true;
        return;
      }
    }
    const deflated = deflateRawSync(raw, DEFLATE);
    if (deflated.byteLength > raw.byteLength * KEEP_RATIO) {
      pack.incompressible = true;
      return;
    }
    // A copy sized to fit: zlib's result may sit in a larger allocation.
    pack.deflated = new Uint8Array(deflated);
    pack.raw = null;
    this.retained += pack.deflated.byteLength - raw.byteLength;
  }

  private inflate(pack: Pack): Uint8Array {
    let raw = this.inflated.get(pack);
    if (raw !== undefined) {
      this.inflated.delete(pack); // re-insert: the Map's order is the cache's recency
    } else {
      raw = new Uint8Array(inflateRawSync(pack.deflated!));
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
    pack.raw = raw;
    pack.rawLength = raw.byteLength;
  }

  /** Drops freed packs from `order`, keeping both cursors on the same packs. */
  private prune(): void {
    const keep = (from: number, to: number) => this.order.slice(from, to).filter((p) => p.live > 0);
    const [low, high] = [Math.min(this.deflateCursor, this.gatherCursor), Math.max(this.deflateCursor, this.gatherCursor)];
    const a = keep(0, low);
    const b = keep(low, high);
    if (a.length * 2 > low) return; // not worth it yet
    const lowFirst = this.deflateCursor <= this.gatherCursor;
    this.order = [...a, ...b, ...this.order.slice(high)];
    this.deflateCursor = lowFirst ? a.length : a.length + b.length;
    this.gatherCursor = lowFirst ? a.length + b.length : a.length;
  }
}

function heldBytes(pack: Pack): number {
  return pack.raw?.byteLength ?? pack.deflated?.byteLength ?? 0;
}

/**
 * The kept blocks as one buffer: the worker's delta already packs a step's blocks back to back
 * in one transferred buffer, which is then used as it is; anything else is copied.
 */
function packed(kept: (Uint8Array | null)[], total: number): Uint8Array {
  const first = kept.find((b) => b !== null)!;
  let contiguous = first.buffer.byteLength === total && first.byteOffset === 0;
  let expect = 0;
  for (const bytes of kept) {
    if (!contiguous || bytes === null) continue;
    contiguous = bytes.buffer === first.buffer && bytes.byteOffset === expect;
    expect += bytes.length;
  }
  if (contiguous) return new Uint8Array(first.buffer, 0, total);
  const out = new Uint8Array(total);
  let at = 0;
  for (const bytes of kept) {
    if (bytes === null) continue;
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}
