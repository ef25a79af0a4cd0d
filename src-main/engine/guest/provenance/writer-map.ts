// The last writer of every byte written since the step began: the log's entries applied in
// order into per-4-KiB-block arrays of writer ids (allocated only for blocks written), then read
// back over the step's changed ranges as coalesced runs. Cost: the bytes written, not memory size.

const BLOCK = 4096;

export class WriterMap {
  private readonly blocks = new Map<number, Int32Array>();
  /** The block the last entry touched: consecutive entries usually stay in one. */
  private lastIndex = -1;
  private lastIds: Int32Array | null = null;

  /** Bytes [start, end) were last written by `writer` (a site id, > 0). */
  apply(writer: number, start: number, end: number): void {
    let at = start;
    while (at < end) {
      const block = (at / BLOCK) | 0;
      const ids = block === this.lastIndex ? this.lastIds! : this.block(block);
      const base = block * BLOCK;
      const to = Math.min(end, base + BLOCK);
      // A few bytes (one store) by hand: cheaper than fill()'s call.
      if (to - at <= 16) for (let i = at - base; i < to - base; i++) ids[i] = writer;
      else ids.fill(writer, at - base, to - base);
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
    for (const [from, to] of ranges) {
      for (let at = from; at < to;) {
        const block = (at / BLOCK) | 0;
        const base = block * BLOCK;
        const end = Math.min(to, base + BLOCK);
        const ids = this.blocks.get(block);
        while (at < end) {
          const w = ids ? ids[at - base]! : 0;
          // The rest of this stretch written by w: one comparison per byte, no allocation.
          let next = at + 1;
          if (ids) while (next < end && ids[next - base] === w) next++;
          else next = end;
          if (w === runWriter && at === runEnd) runEnd = next;
          else {
            if (runStart >= 0) {
              if (runs.length < limit) runs.push([runStart, runEnd, runWriter]);
              else dropped++;
            }
            runStart = at;
            runEnd = next;
            runWriter = w;
          }
          at = next;
        }
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
    this.lastIndex = -1;
    this.lastIds = null;
  }

  private block(index: number): Int32Array {
    let ids = this.blocks.get(index);
    if (!ids) {
      ids = new Int32Array(BLOCK);
      this.blocks.set(index, ids);
    }
    this.lastIndex = index;
    this.lastIds = ids;
    return ids;
  }
}
