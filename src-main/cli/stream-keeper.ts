// What `memscope run --json` keeps of one guest stream: its first and last KEEP_BYTES and the
// count of bytes between them, so any volume of output fits in bounded memory (see README,
// "Output of memscope run"). `--output-dir` is the way to get every byte.

/** Bytes kept at each end of a stream. */
export const KEEP_BYTES = 1 << 20;

export class StreamKeeper {
  private head: Uint8Array[] = [];
  private headSize = 0;
  private tail: Uint8Array[] = [];
  private tailSize = 0;
  private total = 0;

  push(bytes: Uint8Array): void {
    this.total += bytes.length;
    let rest = bytes;
    if (this.headSize < KEEP_BYTES) {
      // Copies: a view would keep a whole (possibly huge) chunk alive.
      const taken = rest.slice(0, KEEP_BYTES - this.headSize);
      this.head.push(taken);
      this.headSize += taken.length;
      rest = rest.subarray(taken.length);
    }
    if (rest.length === 0) return;
    const kept = rest.length > KEEP_BYTES ? rest.slice(rest.length - KEEP_BYTES) : rest.slice();
    this.tail.push(kept);
    this.tailSize += kept.length;
    while (this.tail.length > 1 && this.tailSize - this.tail[0]!.length >= KEEP_BYTES) {
      this.tailSize -= this.tail.shift()!.length;
    }
  }

  /**
   * `{stdout}` with the whole stream when nothing was left out; otherwise `{stdout}` with the
   * first KEEP_BYTES, `{stdoutTail}` with the last KEEP_BYTES and `{stdoutOmittedBytes}`.
   * Text is UTF-8 decoded; a character cut at either edge becomes U+FFFD.
   */
  toJson(name: string): Record<string, string | number> {
    const head = join(this.head);
    const tailAll = join(this.tail);
    const tail = tailAll.subarray(Math.max(0, tailAll.length - KEEP_BYTES));
    const omitted = this.total - head.length - tail.length;
    const decode = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');
    if (omitted === 0) return { [name]: decode(join([head, tail])) };
    return { [name]: decode(head), [`${name}Tail`]: decode(tail), [`${name}OmittedBytes`]: omitted };
  }
}

function join(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
