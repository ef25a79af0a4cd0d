// The last writer of every byte written since the step began: the log's entries applied in
// order into per-4-KiB-block arrays of writer ids (allocated only for blocks written), then read
// back over the step's changed ranges as coalesced runs. Cost: the bytes written, not memory size.

const BLOCK = 4096;

export class WriterMap {
  private readonly blocks = new Map<number, Int32Array>();

  /** Bytes [start, end) were last written by `writer` (a site id, > 0). */
  apply(writer: number, start: number, end: number): void {
    for (let block = Math.floor(start / BLOCK); block * BLOCK < end; block++) {
      let ids = this.blocks.get(block);
      if (!ids) {
        ids = new Int32Array(BLOCK);
        this.blocks.set(block, ids);
      }
      const base = block * BLOCK;
      ids.fill(writer, Math.max(start, base) - base, Math.min(end, base + BLOCK) - base);
    }
  }

  /**
   * Runs of one writer over `ranges` (sorted, disjoint): [start, end, writer]; writer 0 where no
   * write was seen. At most `limit` runs; `dropped` counts the rest.
   */
  runs(ranges: readonly [number, number][], limit: number): { runs: [number, number, number][]; dropped: number } {
    const runs: [number, number, number][] = [];
    let dropped = 0;
    let open: [number, number, number] | null = null;
    const close = (): void => {
      if (!open) return;
      if (runs.length < limit) runs.push(open);
      else dropped++;
      open = null;
    };
    for (const [from, to] of ranges) {
      close();
      // One block's writer array at a time: the inner loop is a plain typed-array scan.
      for (let at = from; at < to;) {
        const block = Math.floor(at / BLOCK);
        const base = block * BLOCK;
        const end = Math.min(to, base + BLOCK);
        const ids = this.blocks.get(block);
        for (; at < end; at++) {
          const w = ids ? ids[at - base]! : 0;
          if (open && open[2] === w && open[1] === at) open[1] = at + 1;
          else {
            close();
            open = [at, at + 1, w];
          }
        }
      }
    }
    close();
    return { runs, dropped };
  }

  clear(): void {
    this.blocks.clear();
  }
}
