// A first-in first-out queue of 32-bit integers in one growable Int32Array: the step history
// queues three numbers per superseded block version, and as a JavaScript array those cost
// 8 bytes each plus the garbage of every regrowth, all on the collected heap.

export class IntQueue {
  private data = new Int32Array(1024);
  private head = 0;
  private tail = 0;

  /** Integers queued. */
  get length(): number {
    return this.tail - this.head;
  }

  /** The integer `i` places from the front. */
  at(i: number): number {
    return this.data[this.head + i];
  }

  push(a: number, b: number, c: number): void {
    if (this.tail + 3 > this.data.length) this.make(this.length + 3);
    this.data[this.tail++] = a;
    this.data[this.tail++] = b;
    this.data[this.tail++] = c;
  }

  /** Drops `n` integers from the front. */
  shift(n: number): void {
    this.head = Math.min(this.tail, this.head + n);
  }

  /** Puts `values` in front of what is queued, in their order. */
  unshiftAll(values: readonly number[]): void {
    if (values.length === 0) return;
    const rest = this.data.subarray(this.head, this.tail);
    const next = new Int32Array(capacity(values.length + rest.length));
    next.set(values);
    next.set(rest, values.length);
    this.data = next;
    this.tail = values.length + rest.length;
    this.head = 0;
  }

  /** Room for `needed` integers: the queued ones moved to the front, the array grown (capacity) if that leaves under a quarter free. */
  private make(needed: number): void {
    const rest = this.data.subarray(this.head, this.tail);
    if (needed * 1.25 <= this.data.length) this.data.copyWithin(0, this.head, this.tail);
    else {
      const next = new Int32Array(capacity(needed));
      next.set(rest);
      this.data = next;
    }
    this.tail -= this.head;
    this.head = 0;
  }
}

/**
 * Half again what is needed: the queue of a long run under its budget only grows (nothing is
 * dropped), and rounding twice the need up to a power of two left it up to 4x its contents.
 */
function capacity(needed: number): number {
  return Math.max(1024, Math.ceil(needed * 1.5));
}
