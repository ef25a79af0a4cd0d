// A guest frame's offset in a traced run is the rewritten module's (V8 compiled what Binaryen
// wrote), which is no place in the user's file, so it has no source line. Only a writer's offset
// is known from its site; a caller's (at its call) and a trap's (at the trapping instruction)
// are placed here instead.
//
// The rewrite keeps the user's instructions in their order and adds its own between them: calls
// to its helper (function indices past the module's own), global and local reads and writes,
// compares, blocks, and a call_indirect into its hook table after each memory.grow. So a user
// instruction is the k-th of its kind in both bodies, where the kind is the opcode (with the
// sub-opcode of a prefixed one) and, for call and return_call, the callee. Binaryen reads no
// dead code (what follows an `unreachable`, `br`, `br_table`, `return`, `return_call` or `throw`
// up to the end of its block, as in Rust's `__rust_start_panic`: `unreachable unreachable`), so
// only live instructions are counted, on both sides. Only a kind with as many live instructions
// in both bodies is placed: a kind the rewrite added to (call_indirect in a function that grows
// memory) stays unplaced, never placed wrong.

import { ByteReader } from '../../module/reader.ts';
import { functionBodies, instructionStarts } from '../../module/write-sites.ts';

const CALL = 0x10;
const RETURN_CALL = 0x12;
const PREFIXES = new Set([0xfc, 0xfd, 0xfe]);
/** block, loop, if, try, try_table: open a block. */
const OPENS = new Set([0x02, 0x03, 0x04, 0x06, 0x1f]);
/** else, catch, catch_all: end one arm, open the next at the same depth. */
const ARMS = new Set([0x05, 0x07, 0x19]);
/** end, delegate: close a block. */
const CLOSES = new Set([0x0b, 0x18]);
/** unreachable, throw, rethrow, br, br_table, return, return_call, return_call_indirect, throw_ref: nothing after them runs. */
const TERMINATORS = new Set([0x00, 0x08, 0x09, 0x0c, 0x0e, 0x0f, 0x12, 0x13, 0x0a]);

interface Body {
  /** Each live instruction's file offset, ascending. */
  starts: number[];
  /** Its kind, by the same index. */
  kinds: string[];
}

export class OriginalOffsets {
  private readonly bodies = new Map<number, [Body, Body] | null>();
  private rewrittenBodies: [number, number][] | null = null;
  private originalBodies: [number, number][] | null = null;

  constructor(
    private readonly rewritten: Uint8Array,
    private readonly original: Uint8Array,
    private readonly importedFunctions: number,
  ) {}

  /** The user's file offset of the instruction at `offset` of the rewritten module in function `funcIndex`; null when it cannot be told. */
  of(funcIndex: number, offset: number): number | null {
    const pair = this.bodiesOf(funcIndex - this.importedFunctions);
    if (!pair) return null;
    const [rewritten, original] = pair;
    const i = indexOf(rewritten.starts, offset);
    if (i < 0) return null;
    const kind = rewritten.kinds[i]!;
    const ours = rewritten.starts.filter((_s, j) => rewritten.kinds[j] === kind);
    const theirs = original.starts.filter((_s, j) => original.kinds[j] === kind);
    return ours.length === theirs.length ? theirs[ours.indexOf(offset)]! : null;
  }

  /** Both bodies of a defined function, decoded on first need; null when either is missing or does not decode. */
  private bodiesOf(defined: number): [Body, Body] | null {
    if (defined < 0) return null;
    let pair = this.bodies.get(defined);
    if (pair !== undefined) return pair;
    try {
      this.rewrittenBodies ??= functionBodies(this.rewritten);
      this.originalBodies ??= functionBodies(this.original);
      const a = this.rewrittenBodies[defined];
      const b = this.originalBodies[defined];
      pair = a && b ? [decode(this.rewritten, a), decode(this.original, b)] : null;
    } catch {
      pair = null; // a body the decoder does not know (write-sites.ts says which): unplaced
    }
    this.bodies.set(defined, pair);
    return pair;
  }
}

function decode(bytes: Uint8Array, range: [number, number]): Body {
  const starts = liveOnly(bytes, instructionStarts(bytes, range));
  return { starts, kinds: starts.map((at) => kindAt(bytes, at)) };
}

/** The instructions that can run: from a terminator to the end (or next arm) of its block is dead, blocks nested there too. */
function liveOnly(bytes: Uint8Array, starts: number[]): number[] {
  const live: number[] = [];
  let depth = 0;
  let deadFrom = -1; // the depth whose rest is dead, or -1
  for (const at of starts) {
    const op = bytes[at]!;
    if (deadFrom < 0) live.push(at);
    else if (depth === deadFrom && (CLOSES.has(op) || ARMS.has(op))) {
      live.push(at);
      deadFrom = -1;
    }
    if (OPENS.has(op)) depth += 1;
    else if (CLOSES.has(op)) depth -= 1;
    else if (deadFrom < 0 && TERMINATORS.has(op)) deadFrom = depth;
  }
  return live;
}

function kindAt(bytes: Uint8Array, at: number): string {
  const r = new ByteReader(bytes, at);
  const op = r.u8('opcode');
  return op === CALL || op === RETURN_CALL || PREFIXES.has(op) ? `${op}:${r.u32('immediate')}` : `${op}`;
}

/** Index of `value` in the ascending `list`, or -1. */
function indexOf(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
