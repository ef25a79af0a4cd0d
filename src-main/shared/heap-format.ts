// Heap facts as text, one formatter for the CLI and the UI: block sizes and addresses, what a
// step allocated and freed, problems, and the summary after a run.

import { pointeePlace, staticPlace, typedBlockText } from './statics.ts';
import type { FreedBlock, HeapBlock, HeapProblem, HeapSummary, MemoryBand, ResizedBlock, StepHeap, StepRecord, TypedBlock } from './dto.ts';
import { count } from './count.ts';
import { hexAddress } from './hex.ts';

const NO_BLOCKS: HeapBlock[] = [];

/** The blocks the guest freed itself in a step (most steps free none: no array is made then). */
export function guestFreed(heap: StepHeap): HeapBlock[] {
  let out: HeapBlock[] | null = null;
  for (let i = 0; i < heap.freed.length; i++) if (heap.freed[i]!.freedBy === 'guest') (out ??= []).push(heap.freed[i]!);
  return out ?? NO_BLOCKS;
}

/**
 * Who made a block: `host malloc`, `greeting` (the guest inside that call), and what it holds
 * when the host knows: `parse (a thrown C++ std::invalid_argument nothing caught)`.
 */
export function blockMaker(b: HeapBlock): string {
  const maker = b.owner === 'host' ? `host ${b.by ?? 'alloc'}` : b.by ?? (b.step === null ? 'before the first step' : 'the guest');
  return b.holds === undefined ? maker : `${maker} (${b.holds})`;
}

/**
 * `greeting allocated 28 B at 0x10630`, with `, still live` / `, freed since` when the caller
 * knows and what the block is when the heap summary types it (`fill allocated 44 B at 0x11210,
 * the node of ages["ada"] (__value_type<…>), still live`). `stepLine`: the line of the step it is
 * listed under; a block made at another line says its own (`… at 0x10650 (line 5)`): the first
 * walk that succeeds after failed ones finds the blocks of the steps between and lists them
 * under its own step (ledger-resync.test.ts), where they read as made by that step's line. The
 * host's only: a guest block found so is credited to the window's first line, not its own, and
 * its maker says the window already (`a call between lines 4 and 8, while the heap walk failed`).
 */
export function formatAllocation(b: HeapBlock, state?: 'live' | 'freed' | 'leaked', typed?: TypedBlock, stepLine?: number): string {
  const tail = state === 'live' ? ', still live' : state === 'leaked' ? ', leaked' : state === 'freed' ? ', freed since' : '';
  const own = stepLine !== undefined && b.owner === 'host' && b.line !== null && b.line !== stepLine ? ` (line ${b.line})` : '';
  return `${blockMaker(b)} allocated ${b.size} B at ${hexAddress(b.address)}${own}${typed ? `, ${typedBlockText(typed)}` : ''}${tail}`;
}

/**
 * `host freed 12 B at 0x10610 (from line 16, host malloc)`; a free made at another line than the
 * step it is listed under (FreedBlock.freedLine: a host free while the heap walk failed, found
 * by the first walk that succeeds) says its own: `host freed 24 B at 0x10650 at line 7 (…)`.
 */
export function formatFree(b: FreedBlock): string {
  const own = b.freedLine === undefined ? '' : ` at line ${b.freedLine}`;
  return `${b.freedBy === 'host' ? 'host freed' : 'guest freed'} ${b.size} B at ${hexAddress(b.address)}${own} (${blockOrigin(b)})`;
}

/** `builder_fill resized 12 B at 0x10620 to 44 B in place (from line 2, builder_new)`. */
export function formatResize(b: ResizedBlock): string {
  return `${b.resizedIn ?? 'the guest'} resized ${b.from} B at ${hexAddress(b.address)} to ${b.size} B in place (${blockOrigin(b)})`;
}

/** Where a block came from, as the heap lines say it: `from line 2, builder_new` (`allocated` for sentences: `allocated at line 2 by builder_new`). */
export function blockOrigin(b: HeapBlock, form: 'line' | 'sentence' = 'line'): string {
  if (b.step === null) return 'live before the first step';
  return form === 'line' ? `from line ${b.line}, ${blockMaker(b)}` : `allocated at line ${b.line} by ${blockMaker(b)}`;
}

/** What the leak scan says of a live block once the sequence is over (see leakState). */
/** `runtime`: set aside as the runtime's own (runtimeOwn: wasi-libc's argv for main), neither a leak nor kept. */
export type LeakState = 'leaked' | 'kept' | 'runtime' | 'live';

const leakStates = new WeakMap<HeapSummary, (address: number) => LeakState>();

/**
 * The leak scan's word on the block at an address, for every place that marks blocks (the heap
 * panel, the call log): a leak (HeapSummary.leaks), still reachable (kept, maybe on purpose), or
 * neither. Made once per summary and shared, as a set lookup. After a failed walk, neither for
 * every block (HeapSummary.leaksUnknown): the ledger missed what the steps since allocated and
 * freed, so a block freed then read as leaked.
 */
export function leakState(s: HeapSummary): (address: number) => LeakState {
  let of = leakStates.get(s);
  if (!of && s.leaksUnknown) of = () => 'live';
  if (!of) {
    const leaked = new Set(s.leaks.map((b) => b.address));
    const kept = new Set((s.stillReachable ?? []).map((b) => b.address));
    const runtime = new Set(runtimeOwn(s).map((b) => b.address));
    of = (address) => (leaked.has(address) ? 'leaked' : kept.has(address) ? 'kept' : runtime.has(address) ? 'runtime' : 'live');
    leakStates.set(s, of);
  }
  return of;
}

/** A heap problem with the step that found it. */
export interface StepProblem {
  step: number;
  line: number;
  problem: HeapProblem;
}

/** Every heap problem of `steps`, in step order (most steps have none). */
export function problemsOf(steps: readonly StepRecord[]): StepProblem[] {
  const out: StepProblem[] = [];
  for (const s of steps) {
    const problems = s.heap?.problems;
    if (problems) for (const problem of problems) out.push({ step: s.index, line: s.line, problem });
  }
  return out;
}

/**
 * A problem as people read it: its message, after its kind unless the message already starts by
 * naming it ("use after free: …", "double free of …"), as a step's error message would.
 */
export function formatProblem(p: HeapProblem): string {
  return p.message.startsWith(p.kind.replaceAll('-', ' ')) ? p.message : `${p.kind}: ${p.message}`;
}

/**
 * A step's heap problems to list under it: not those its error already says (one message per
 * fact; the CLI's step lines, the call log and the debug console all ask this). A refused
 * free's problem is its error; the leaks a failed `expect no leaks` reports (one each, for the
 * heap panel and --strict-heap) are listed in its error.
 */
export function problemsListed(step: Pick<StepRecord, 'error' | 'heap'>): HeapProblem[] {
  const problems = step.heap?.problems ?? [];
  if (step.error?.code === 'heap-problem') return [];
  return step.error?.code === 'expect-failed' ? problems.filter((p) => p.kind !== 'leak') : problems;
}

/** The heap lines under a step (at `line`: see formatAllocation): allocations, frees, problems (⚠), a failed walk. */
export function formatStepHeap(heap: StepHeap, isLive?: (address: number) => boolean, line?: number): string[] {
  const lines: string[] = [];
  for (const b of heap.allocated) lines.push(`heap: ${formatAllocation(b, isLive ? (isLive(b.address) ? 'live' : 'freed') : undefined, undefined, line)}`);
  for (const b of heap.freed) lines.push(`heap: ${formatFree(b)}`);
  for (const b of heap.resized ?? []) lines.push(`heap: ${formatResize(b)}`);
  for (const p of heap.problems) lines.push(`⚠ ${formatProblem(p)}`);
  if (heap.walk) lines.push(formatWalkFailure(heap.walk));
  return lines;
}

/** A walk that failed after a step (`corrupt: region at 0x… has size …`), as the CLI and the call log say it. */
export function formatWalkFailure(walk: string): string {
  return `heap: walk ${walk}`;
}

/**
 * Why the leaks cannot be known (HeapSummary.leaksUnknown) as the CLI's summary and the heap
 * panel say it: `cannot check for leaks: the heap walk failed (…), so blocks allocated since are
 * not known`, in `expect no leaks`' words.
 */
export function leaksUnknownText(why: string): string {
  return `cannot check for leaks: ${why}`;
}

/**
 * What the steps so far allocated and kept, before the sequence is over (a step failed part way,
 * or a watch stopped a call): not yet leaks, as the steps left may free them. The CLI's line
 * and the Heap panel's. Empty when there is none.
 */
export function notFreedYetText(s: HeapSummary): string {
  if (s.leaks.length === 0 || s.leaksUnknown) return '';
  const n = `${count(s.leaks.length, 'block')} (${total(s.leaks)} B)`;
  return s.collects ? `${n} the host allocated and still holds` : `${n} allocated by the steps so far and not freed yet`;
}

function total(blocks: HeapBlock[]): number {
  return blocks.reduce((n, b) => n + b.size, 0);
}

/**
 * The summary after a run (`final`: the sequence is over, so blocks it allocated and did not
 * free are leaks) or part way through: allocator, live blocks, and where each came from.
 */
export function formatHeapSummary(s: HeapSummary, final = true): string[] {
  if (!s.walker) return [`heap: not walked (${s.reason ?? 'no known allocator'})`];
  // A walk that did not recognise the heap knows no block: no count, which read as "0 live blocks".
  const head = s.status === 'not-recognised' ? `heap: ${s.allocator}` : `heap: ${s.allocator}, ${count(s.live.length, 'live block')}, ${total(s.live)} B`;
  if (s.status !== 'ok' && s.status !== 'empty') {
    // Said in `expect no leaks`' words: an empty list after the walk line read as "no leaks".
    return [head, `heap: walk ${s.status}: ${s.reason ?? ''}`, ...(s.leaksUnknown ? [leaksUnknownText(s.leaksUnknown)] : [])];
  }
  // A collector frees the guest's blocks itself: only what the host holds can leak (HeapSummary.collects).
  const collected = s.collects ? ' (a garbage collector frees the rest)' : '';
  const kept = s.stillReachable ?? [];
  const from = s.pointedTo ? new Map(s.pointedTo) : null;
  // A node's reference is another node's links or its collection's members: it says whose the
  // block is only with the node's entry. A block a pointer types is named by that pointer already.
  const what = typedText(s, true);
  const line = (b: HeapBlock): string => {
    const reference = leakReference(s, b.address, from);
    return `    ${String(b.size).padStart(6)} B at ${hexAddress(b.address)}  line ${b.line}, ${blockMaker(b)}${what(b.address)}${reference ? `  (${reference})` : ''}`;
  };
  const lines = [head];
  const runtime = runtimeOwn(s);
  if (s.leaks.length === 0) {
    if (kept.length > 0) lines.push('no leaks: what the sequence allocated and did not free is still reachable');
    else if (runtime.length > 0) lines.push(final ? 'no leaks: every block the program allocated during the sequence was freed' : 'every block the program allocated so far was freed');
    else if (s.collects) lines.push(final ? `no leaks: the host let go of every block it allocated${collected}` : `the host holds no block it allocated${collected}`);
    else lines.push(final ? 'no leaks: every block allocated during the sequence was freed' : 'every block allocated so far was freed');
  } else {
    const never = s.collects ? 'the host allocated and never freed or unpinned' : 'allocated during the sequence, never freed';
    lines.push(final ? `✗ ${count(s.leaks.length, 'leak')} (${total(s.leaks)} B ${never}):` : `${notFreedYetText(s)}:`);
    for (const b of s.leaks) lines.push(line(b));
  }
  if (kept.length > 0) {
    lines.push(`still reachable: ${count(kept.length, 'block')} (${total(kept)} B) allocated during the sequence that memory in use still points to (kept on purpose, maybe):`);
    for (const b of kept) lines.push(line(b));
  }
  if (runtime.length > 0) {
    lines.push(`not counted as leaks: ${count(runtime.length, 'block')} (${total(runtime)} B) the runtime allocated for itself during the sequence and never frees:`);
    // No reference: nothing in memory is meant to keep them (argv lives in wasm locals).
    for (const b of runtime) lines.push(`    ${String(b.size).padStart(6)} B at ${hexAddress(b.address)}  line ${b.line}, ${blockMaker(b)}`);
  }
  return lines;
}

/**
 * Live blocks allocated during the sequence that are neither leaks nor still reachable: the
 * engine set them aside as the runtime's own (wasi-libc's argv for main, heap/startup-argv.ts),
 * each saying why in `holds`. Under a collector the guest's blocks are no leaks anyway.
 */
export function runtimeOwn(s: HeapSummary): HeapBlock[] {
  if (s.collects || s.leaksUnknown) return [];
  const listed = new Set([...s.leaks, ...(s.stillReachable ?? [])].map((b) => b.address));
  return s.live.filter((b) => b.step !== null && b.holds !== undefined && !listed.has(b.address));
}

/**
 * ", the node of ages["ada"] (…)", ", what names points at (…)" for a block the summary types
 * (typedBlockText), else ''; with `nodes`, only for a collection's nodes.
 */
export function typedText(s: HeapSummary, nodes = false): (address: number) => string {
  const typed = typedByAddress(s);
  return (address) => {
    const t = typed.get(address);
    return t && (!nodes || t.node !== undefined) ? `, ${typedBlockText(t)}` : '';
  };
}

/** The summary's typed blocks by address, made once per summary: the CLI, the Heap panel and the DAP look up each block. */
const typedMaps = new WeakMap<HeapSummary, Map<number, TypedBlock>>();
export function typedByAddress(s: HeapSummary): Map<number, TypedBlock> {
  let typed = typedMaps.get(s);
  if (!typed) typedMaps.set(s, (typed = new Map((s.typedBlocks ?? []).map((t) => [t.address, t]))));
  return typed;
}

/**
 * What the leak scan found for the block at `address` (a leak or a still reachable block):
 * "still pointed to from 0x10, in .bss", "pointed to only from 0xfff40, in the free stack" (a
 * word in memory nothing uses any more, which keeps nothing), "pointed to only from 0x11574, in
 * the leaked 12 B block at 0x11570" (freeing that one frees it, often), "pointed into only (at
 * +12) from 0x11574, in …" (a word pointing inside it, not at its start; "still pointed into"
 * from memory in use, as a Rust HashMap in a static points into its table) or "nothing in guest
 * memory points to it"; null when the summary was taken without the scan. `from`: the summary's
 * pointedTo as a map, when the caller has made it already.
 */
export function leakReference(s: HeapSummary, address: number, from = s.pointedTo ? new Map(s.pointedTo) : null): string | null {
  if (!from) return null;
  const at = from.get(address);
  if (at === undefined) return 'nothing in guest memory points to it';
  const offset = s.pointedInto?.find(([leak]) => leak === address)?.[1];
  const kept = keptOf(s).has(address);
  if (offset !== undefined) return `${kept ? 'still pointed into' : 'pointed into only'} (at +${offset}) from ${hexAddress(at)}, ${placeOf(s, at)}`;
  return `${kept ? 'still pointed to' : 'pointed to only'} from ${hexAddress(at)}, ${placeOf(s, at)}`;
}

/** The summary's still reachable blocks by address, made once per summary: a panel asks for each of its rows. */
const keptSets = new WeakMap<HeapSummary, Set<number>>();
function keptOf(s: HeapSummary): Set<number> {
  let kept = keptSets.get(s);
  if (!kept) keptSets.set(s, (kept = new Set((s.stillReachable ?? []).map((b) => b.address))));
  return kept;
}

/**
 * Where an address lies: in a static variable DWARF names (`in the static table (pair *)`), else
 * in the memory map's words: `.data`, `the stack`, `the (leaked) 44 B block at 0x12460`, with
 * its part first in a block a typed pointer points at (`in table[0].val (char *), the 12 B block
 * at 0x10670`). The word there points somewhere: of a union's members, its pointer names it.
 */
function placeOf(s: HeapSummary, address: number): string {
  const named = s.pointedFromStatic?.find((p) => p.from === address);
  if (named) return `in ${staticPlace(named, address)}`;
  const block = s.live.find((b) => address >= b.address && address < b.address + b.size);
  if (block) {
    const typed = typedByAddress(s).get(block.address);
    const part = typed ? pointeePlace(typed, address, true) : null;
    return `in ${part ? `${part}, ` : ''}the ${s.leaks.some((b) => b.address === block.address) ? 'leaked ' : ''}${block.size} B block at ${hexAddress(block.address)}`;
  }
  const band = s.map.find((m) => address >= m.start && address < m.end);
  if (!band) return 'in memory the map does not name';
  // Below the stack pointer's start with .bss of unknown size at the stack's low end, the map
  // cannot tell a static variable from a stack slot (memory-map.ts).
  if (band.kind === 'stack') return band.label.includes('.bss') ? 'in .bss or the free stack' : 'in the free stack';
  if (band.kind === 'stack-used') return 'on the stack';
  if (band.kind === 'bss') return 'in .bss';
  return band.kind === 'data' ? `in static data (${band.label})` : `in ${band.label}`;
}

/** The memory map as a table: one band per line. */
export function formatMemoryMap(bands: MemoryBand[]): string[] {
  return bands.map((b) => `${hexAddress(b.start).padStart(10)} .. ${hexAddress(b.end).padEnd(10)} ${String(b.end - b.start).padStart(10)} B  ${b.kind.padEnd(11)} ${b.label}`);
}

/**
 * A block exactly as `--json` prints it (FORMAT.md): address, size, owner, step, line, `holds`
 * when known, and for a freed block freed at another line than its step's, `freedLine` (FreedBlock).
 */
export function blockToJson(b: HeapBlock & { freedLine?: number }): { address: number; size: number; owner: string; step: number | null; line: number | null; holds?: string; freedLine?: number } {
  const json = { address: b.address, size: b.size, owner: b.owner, step: b.step, line: b.line };
  const held = b.holds === undefined ? json : { ...json, holds: b.holds };
  return b.freedLine === undefined ? held : { ...held, freedLine: b.freedLine };
}

/**
 * The summary's leaks (or other `blocks`: its stillReachable) as `--json` prints them: blocks, and when the leak scan ran, each with
 * `pointedFrom`, the address of a word in guest memory that points to it, or null when nothing does,
 * `pointedInto`, where inside the block that word points, when it points inside only, and
 * `pointedFromStatic` when that word is in a static variable DWARF names: its name, start address and type.
 */
export function leaksToJson(s: HeapSummary, blocks = s.leaks): (ReturnType<typeof blockToJson> & {
  pointedFrom?: number | null; pointedInto?: number; pointedFromStatic?: { name: string; address: number; type: string | null };
})[] {
  const from = s.pointedTo ? new Map(s.pointedTo) : null;
  const into = new Map(s.pointedInto ?? []);
  const statics = new Map((s.pointedFromStatic ?? []).map(({ from: at, ...v }) => [at, v]));
  return blocks.map((b) => {
    if (!from) return blockToJson(b);
    const offset = into.get(b.address);
    const at = from.get(b.address) ?? null;
    const named = at === null ? undefined : statics.get(at);
    return { ...blockToJson(b), pointedFrom: at, ...(offset === undefined ? {} : { pointedInto: offset }), ...(named ? { pointedFromStatic: named } : {}) };
  });
}

/**
 * `leaks` and `stillReachable` as `--json` prints them (run's heap, the heap command); after a
 * failed walk both null and `leaksUnknown` why, not the blocks from before the failure read as
 * all there are. No summary (the heap could not be read): both empty. `runtimeOwn`, when any:
 * the blocks set aside as the runtime's own (runtimeOwn), each with its `holds` saying why.
 * Before the sequence is over (not `final`, sequenceOver) `leaks` is null and `notFreedYet`
 * lists those blocks, as the text says them (notFreedYetText): a script reading `leaks` took
 * what a step not run yet frees for leaks.
 */
export function leaksJson(s: HeapSummary | null, final: boolean): {
  leaks: ReturnType<typeof leaksToJson> | null; stillReachable: ReturnType<typeof leaksToJson> | null; leaksUnknown?: string;
  notFreedYet?: ReturnType<typeof leaksToJson>; runtimeOwn?: ReturnType<typeof blockToJson>[];
} {
  if (!s) return { leaks: [], stillReachable: [] };
  if (s.leaksUnknown) return { leaks: null, stillReachable: null, leaksUnknown: s.leaksUnknown };
  const runtime = runtimeOwn(s);
  const leaks = final ? { leaks: leaksToJson(s) } : { leaks: null, notFreedYet: leaksToJson(s) };
  return { ...leaks, stillReachable: leaksToJson(s, s.stillReachable ?? []), ...(runtime.length > 0 ? { runtimeOwn: runtime.map(blockToJson) } : {}) };
}

/** Whether a block some step allocated is still live after `steps` (no later step freed it). */
export function liveAfter(steps: readonly StepRecord[]): (b: HeapBlock) => boolean {
  const freed = new Set<string>();
  for (const s of steps) for (const b of s.heap?.freed ?? []) freed.add(`${b.address}:${b.step}`);
  return (b) => !freed.has(`${b.address}:${b.step}`);
}
