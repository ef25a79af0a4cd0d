// The least a change capture can do with no Memscope code and no help from the kernel, for the
// bench's floors and peers (recording-floor-worker.mjs, the runtime bench's in-thread floor, the
// tiny-steps peer): a memcmp per 64 KiB page against a shadow copy of memory, and for a page that
// differs, a memcmp per 4 KiB block, each differing block copied into the shadow and out (into
// one buffer, grown by doubling, that take() hands over). Plain JavaScript, so a worker can load
// it without tsx. Why not Memscope's own ChangeTracker as the peer: every improvement to the
// tracker would then speed up the peer too, and a ratio to it says nothing about the capture.

import { Buffer } from 'node:buffer';

const PAGE = 65536;
const BLOCK = 4096;

export class MemcmpCapture {
  /** @param {WebAssembly.Memory} memory */
  constructor(memory) {
    this.memory = memory;
    this.shadow = Buffer.from(new Uint8Array(memory.buffer).slice());
    this.out = Buffer.allocUnsafeSlow(1 << 20);
    this.used = 0;
  }

  /** Compares memory with the shadow; returns the bytes of the blocks copied. */
  capture() {
    const now = Buffer.from(this.memory.buffer);
    if (now.length !== this.shadow.length) this.shadow = Buffer.concat([this.shadow, Buffer.alloc(now.length - this.shadow.length)]);
    const shadow = this.shadow;
    const before = this.used;
    for (let page = 0; page < now.length; page += PAGE) {
      if (now.compare(shadow, page, page + PAGE, page, page + PAGE) === 0) continue;
      for (let block = page; block < page + PAGE; block += BLOCK) {
        if (now.compare(shadow, block, block + BLOCK, block, block + BLOCK) === 0) continue;
        now.copy(shadow, block, block, block + BLOCK);
        if (this.used + BLOCK > this.out.length) {
          const bigger = Buffer.allocUnsafeSlow(this.out.length * 2);
          this.out.copy(bigger, 0, 0, this.used);
          this.out = bigger;
        }
        now.copy(this.out, this.used, block, block + BLOCK);
        this.used += BLOCK;
      }
    }
    return this.used - before;
  }

  /** The blocks copied since the last take() (or drop()), as one transferable buffer. */
  take() {
    const blocks = this.out.buffer.slice(0, this.used);
    this.used = 0;
    return blocks;
  }

  /** Forgets the blocks copied so far (the next ones reuse the buffer). */
  drop() {
    this.used = 0;
  }
}
