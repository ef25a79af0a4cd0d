// Types of memcmp-capture.mjs (plain JavaScript, so the floor's worker runs it without tsx).
export declare class MemcmpCapture {
  constructor(memory: WebAssembly.Memory);
  /** Compares memory with the shadow; returns the bytes of the blocks copied. */
  capture(): number;
  /** The blocks copied since the last take() (or drop()), as one transferable buffer. */
  take(): ArrayBuffer;
  /** Forgets the blocks copied so far. */
  drop(): void;
}
