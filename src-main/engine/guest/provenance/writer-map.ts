// The last writer of every byte written since the step began: the log's entries applied in
// order, then read back over the step's changed ranges as coalesced runs. Memory is cut into
// 4 KiB blocks (only blocks written exist); a block keeps its writers as a short sorted list of
// ranges, which is what a loop's one entry per run or a memory.fill gives, and turns into one
// writer id per byte only when stores scatter in it. Cost: the entries and the blocks they touch,
// not the bytes (a 1 MiB fill is 256 ranges, not a million ids), nor memory size.
//
//   list block: [start, end, writer]* flat, offsets in the block, sorted and disjoint
//   byte block: Int32Array(4096), writer per byte (0: not written)

const BLOCK = 4096;
/** Ranges a block keeps as a list before it keeps a writer per byte instead. */
const LIST_MAX = 32;

interface Block {
  list: number[] | null;
  bytes: Int32Array | null;
}

export class WriterMap {
  private readonly blocks = new Map<number, Block>();

  /** Bytes [start, end) were last written by `writer` (a site id, > 0). */
  apply(writer: number, start: number, end: number): void {
    let at = start;
    while (at < end) {
      const index = (at / BLOCK) | 0;
      const base = index * BLOCK;
      const to = Math.min(end, base + BLOCK);
      let block = this.blocks.get(index);
      if (!block) {
        block = { list: [], bytes: null };
        this.blocks.set(index, block);
      }
      write(block, at - base, to - base, writer);
      at = to;
    }
  }

  /**
   * Runs of one writer over `ranges` (sorted, disjoint): [start, end, writer]; writer 0 where no
   * write was seen. At most `limit` runs; `dropped` counts the rest.
   */
  runs(ranges: readonly [number, number][], limit: number): { runs: [number, number, number][]; dropped: number } {
    const runs: [number, number, number][] = [];
    let dropped = 0;
    let runStart = -1;
    let runEnd = -1;
    let runWriter = -1;
    const emit = (from: number, to: number, w: number): void => {
      if (w === runWriter && from === runEnd) {
        runEnd = to;
        return;
      }
      if (runStart >= 0) {
        if (runs.length < limit) runs.push([runStart, runEnd, runWriter]);
        else dropped++;
      }
      runStart = from;
      runEnd = to;
      runWriter = w;
    };
    for (const [from, to] of ranges) {
      for (let at = from; at < to;) {
        const index = (at / BLOCK) | 0;
        const base = index * BLOCK;
        const end = Math.min(to, base + BLOCK);
        const block = this.blocks.get(index);
        if (!block) emit(at, end, 0);
        else if (block.list) readList(block.list, at - base, end - base, base, emit);
        else readBytes(block.bytes!, at - base, end - base, base, emit);
        at = end;
      }
    }
    if (runStart >= 0) {
      if (runs.length < limit) runs.push([runStart, runEnd, runWriter]);
      else dropped++;
    }
    return { runs, dropped };
  }

  clear(): void {
    this.blocks.clear();
  }
}

/** [s, e) of the block written by w. */
function write(block: Block, s: number, e: number, w: number): void {
  const list = block.list;
  if (!list) {
    // A few bytes (one store) by hand: cheaper than fill()'s call.
    if (e - s <= 16) for (let i = s; i < e; i++) block.bytes![i] = w;
    else block.bytes!.fill(w, s, e);
    return;
  }
  const n = list.length;
  // In address order (a loop's runs, fills): append, or extend the last range.
  if (n === 0 || s >= list[n - 2]!) {
    if (n > 0 && s === list[n - 2] && list[n - 1] === w) list[n - 2] = e;
    else list.push(s, e, w);
    return;
  }
  // Anywhere else: keep what lies outside [s, e), in order, with [s, e) in its place.
  const next: number[] = [];
  let placed = false;
  for (let i = 0; i < n; i += 3) {
    const [rs, re, rw] = [list[i]!, list[i + 1]!, list[i + 2]!];
    if (re <= s || rs >= e) {
      if (!placed && rs >= e) {
        next.push(s, e, w);
        placed = true;
      }
      next.push(rs, re, rw);
      continue;
    }
    if (rs < s) next.push(rs, s, rw);
    if (!placed) {
      next.push(s, e, w);
      placed = true;
    }
    if (re > e) next.push(e, re, rw);
  }
  if (!placed) next.push(s, e, w);
  if (next.length / 3 <= LIST_MAX) {
    block.list = next;
    return;
  }
  // Scattered stores: one id per byte from here on.
  const bytes = new Int32Array(BLOCK);
  for (let i = 0; i < next.length; i += 3) bytes.fill(next[i + 2]!, next[i]!, next[i + 1]!);
  block.list = null;
  block.bytes = bytes;
}

type Emit = (from: number, to: number, w: number) => void;

/** [s, e) of a list block, as runs (gaps: writer 0); `base` makes offsets addresses. */
function readList(list: number[], s: number, e: number, base: number, emit: Emit): void {
  let at = s;
  for (let i = 0; i < list.length && at < e; i += 3) {
    const rs = list[i]!;
    const re = list[i + 1]!;
    if (re <= at) continue;
    if (rs >= e) break;
    if (rs > at) emit(base + at, base + rs, 0);
    const to = Math.min(re, e);
    emit(base + Math.max(rs, at), base + to, list[i + 2]!);
    at = to;
  }
  if (at < e) emit(base + at, base + e, 0);
}

/** [s, e) of a byte block, as runs. */
function readBytes(ids: Int32Array, s: number, e: number, base: number, emit: Emit): void {
  for (let at = s; at < e;) {
    const w = ids[at]!;
    // The rest of this stretch written by w: one comparison per byte, no allocation.
    let next = at + 1;
    while (next < e && ids[next] === w) next++;
    emit(base + at, base + next, w);
    at = next;
  }
}
