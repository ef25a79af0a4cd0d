// Test data the history cannot compress: the budget and recycling tests fill steps with it.

/** Writes xorshift32 words from a seed: deflate cannot shrink them. */
export function noise(bytes: Uint8Array, at: number, length: number, seed: number): void {
  const words = new Uint32Array(bytes.buffer, at, length >>> 2);
  let x = seed | 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    words[i] = x;
  }
}
