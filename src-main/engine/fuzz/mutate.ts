// Seeded mutation for the fuzzers: a small PRNG (mulberry32) and byte/text mutators that keep
// most of a valid input, so the readers get past their first checks and into the deep ones.

/** A deterministic stream of 32-bit values from a seed. */
export class Prng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

/** Values that sit on LEB128, length and limit boundaries. */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x3f, 0xc0, 0x10, 0x20];

/** One to four edits: flip, set, insert, delete, duplicate or truncate. */
export function mutateBytes(input: Uint8Array, rng: Prng): Uint8Array {
  let b = Array.from(input);
  for (let n = 1 + rng.below(4); n > 0; n--) {
    const at = rng.below(b.length + 1);
    switch (rng.below(7)) {
      case 0: if (b.length) b[at % b.length]! ^= 1 << rng.below(8); break;
      case 1: if (b.length) b[at % b.length] = rng.pick(INTERESTING); break;
      case 2: b.splice(at, 0, ...Array.from({ length: 1 + rng.below(8) }, () => rng.below(256))); break;
      case 3: b.splice(at, 1 + rng.below(8)); break;
      case 4: { const len = 1 + rng.below(16); b.splice(at, 0, ...b.slice(at, at + len)); break; }
      case 5: b = b.slice(0, at); break;
      default: if (b.length) b[at % b.length] = rng.below(256);
    }
  }
  return new Uint8Array(b);
}

/** Pieces of the sequence language, so mutated text stays close to what a person writes. */
const TOKENS = [
  '(', ')', '{', '}', ',', ':', '@', '[', ']', '=', '==', '-', '~', '+', '*', '/', '%', '<<', '>>', '|', '&', '^', '.', '"', '\\', '#',
  'read', 'write', 'utf8', 'utf16', 'bytes', 'u32', 'i64', 'f64', 'expect', 'snapshot', 'module', 'timeout', 'dir', 'import',
  'arg', 'env', 'stdin', 'watch', 'mark', 'free!', '0x', '4294967296', '18446744073709551616', '-1', '1e308', '\n', ' ', '\t', '\u00e9', '\ud800',
];

/** One to four edits: insert a token, delete or duplicate a slice, repeat a token many times. */
export function mutateText(input: string, rng: Prng): string {
  let t = input;
  for (let n = 1 + rng.below(4); n > 0; n--) {
    const at = rng.below(t.length + 1);
    switch (rng.below(5)) {
      case 0: t = t.slice(0, at) + rng.pick(TOKENS) + t.slice(at); break;
      case 1: t = t.slice(0, at) + t.slice(at + 1 + rng.below(12)); break;
      case 2: t = t.slice(0, at) + t.slice(at, at + 1 + rng.below(40)) + t.slice(at); break;
      // Long runs of one token reach the nesting and length limits (thousands deep).
      case 3: t = t.slice(0, at) + rng.pick(TOKENS).repeat(1 + rng.below(rng.below(2) ? 20 : 12000)) + t.slice(at); break;
      default: t = t.slice(0, at) + String.fromCharCode(rng.below(128)) + t.slice(at);
    }
  }
  return t;
}
