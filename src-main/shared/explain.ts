// "Explain this step": one or two plain sentences from a step's record (its calls, what it bound,
// the regions it made, read or freed, the bytes it changed), for `memscope run --explain` and the
// UI's step panel. The one formatter both use, so they say the same thing.

import { MAX_EXACT_RANGES, type MemscopeError, type Region, type StepRecord } from './dto.ts';
import { boundInSentence, formatCallExpr, formatValue, type KnownAddress } from './value-format.ts';
import { count } from './count.ts';
import { regionsAt } from './reveal.ts';
import { blockOrigin, guestFreed } from './heap-format.ts';
import { hexAddress } from './hex.ts';


/**
 * Where the step's changed bytes fall: inside the named regions, inside a block the guest
 * allocated or resized in this step (no region names it, but it is no longer the allocator's), or outside
 * all of them. A byte inside areas that overlap counts for the first of them, regions first.
 * Counted over stretches between area edges, not byte by byte: a 1 MiB change costs as much as
 * a 4-byte one.
 */
function changeSentence(step: StepRecord, regions: readonly Region[]): string | null {
  if (step.changedBytes === 0) return null;
  const live = regionsAt(regions, step.index);
  if (step.changesCoarse) return coarseChangeSentence(step, live);
  const areas = [
    ...live.map((r) => ({ start: r.start, end: r.start + r.size, label: `in \`${r.name}\`` })),
    ...(step.heap?.allocated ?? []).filter((b) => b.owner === 'guest')
      .map((b) => ({ start: b.address, end: b.address + b.size, label: `in the block ${b.by ?? 'the guest'} allocated at ${hexAddress(b.address)}` })),
    ...(step.heap?.resized ?? []).map((b) => ({ start: b.address, end: b.address + b.size, label: `in the block resized at ${hexAddress(b.address)}` })),
  ];
  const inside = new Map<string, number>();
  let outside = 0;
  let firstOutside: number | null = null;
  for (const [a, b] of step.changes) {
    const cuts = [a, b];
    for (const area of areas) for (const edge of [area.start, area.end]) if (edge > a && edge < b) cuts.push(edge);
    cuts.sort((x, y) => x - y);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [x, y] = [cuts[i]!, cuts[i + 1]!];
      if (x === y) continue;
      const area = areas.find((q) => x >= q.start && x < q.end);
      if (area) inside.set(area.label, (inside.get(area.label) ?? 0) + y - x);
      else {
        outside += y - x;
        firstOutside ??= x;
      }
    }
  }
  const parts = [...inside].map(([label, n]) => `${n} ${label}`);
  if (outside > 0) parts.push(`${outside} outside any region (from ${hexAddress(firstOutside!)}: the guest's own data or its allocator's bookkeeping)`);
  return `${count(step.changedBytes, 'byte')} changed: ${parts.join(', ')}.`;
}

/** How many 4 KiB blocks a coarse step's `changes` (runs of whole blocks; the last may end at memory's end) cover. */
export function blocksHolding(changes: StepRecord['changes']): number {
  return changes.reduce((n, [a, b]) => n + Math.ceil((b - a) / 4096), 0);
}

/**
 * A step whose changes were too scattered to keep byte by byte (over MAX_EXACT_RANGES): its
 * `changes` are the runs of 4 KiB blocks that hold them, so which bytes fall in which region is
 * not known, only which regions those blocks overlap.
 */
function coarseChangeSentence(step: StepRecord, live: readonly Region[]): string {
  const blocks = blocksHolding(step.changes);
  const first = step.changes[0]![0];
  const last = step.changes.at(-1)![1];
  const touched = live.filter((r) => step.changes.some(([a, b]) => r.start < b && r.start + r.size > a)).map((r) => `\`${r.name}\``);
  const where = touched.length === 0 ? ', none of them in a region' : `, some of them overlapping ${touched.slice(0, 4).join(', ')}${touched.length > 4 ? ', …' : ''}`;
  return `${count(step.changedBytes, 'byte')} changed, too scattered to list one by one (over ${MAX_EXACT_RANGES.toLocaleString('en')} separate ranges): they lie in ${count(blocks, 'block')} of 4 KiB between ${hexAddress(first)} and ${hexAddress(last)}${where}.`;
}

/**
 * Whether a step without calls is a `read` (which reads guest memory) rather than an assignment
 * (`ptr = packed >> 32`, which only computes). The record does not carry the step's kind, its
 * text does: `read` followed by a type is only ever the read statement (`x = read + 1` is an
 * assignment to a name that happens to be a keyword).
 */
const READ_STEP = /^\s*(?:[A-Za-z_][\w]*\s*=\s*)?read\s+(?:[uif](?:8|16|32|64)\b|utf8\b|utf16\b|bytes\b|\{)/;

/**
 * The sentences for one step; `known`: the i32 call arguments written in hex as addresses
 * (known-addresses.ts), none by default.
 */
export function explainStep(step: StepRecord, regions: readonly Region[], known: KnownAddress = null): string[] {
  const out: string[] = [];
  const byId = new Map(regions.map((r) => [r.id, r]));
  const created = step.regionEvents.filter((e) => e.action === 'created').map((e) => byId.get(e.region)).filter((r): r is Region => !!r);
  const freed = step.regionEvents.filter((e) => e.action === 'freed').map((e) => byId.get(e.region)).filter((r): r is Region => !!r);
  const bound = Object.entries(step.bound).map(([k, v]) => `\`${k}\` = ${boundInSentence(v)}`);

  for (const c of step.calls) {
    const results = c.results.map((r) => boundInSentence({ kind: 'int', value: formatValue(r) }));
    const result = c.error ? failedCall(c.error) : c.results.length === 0 ? 'returned nothing' : `returned ${results.join(', ')}`;
    const imports = c.imports.length > 0 ? `, calling ${count(c.imports.length + (c.importsDropped ?? 0), 'import')} on the way (${[...new Set(c.imports.map((i) => i.name))].slice(0, 4).join(', ')})` : '';
    out.push(`The host called \`${formatCallExpr(c.export, c.args, known)}\`; it ${result}${imports}.`);
  }
  if (step.calls.length === 0 && step.ok && bound.length > 0) {
    out.push(READ_STEP.test(step.source) ? `The host read guest memory: ${bound.join(', ')}.` : `The host computed ${bound.join(', ')}, without touching guest memory.`);
  }
  else if (step.calls.length === 0 && step.ok && step.changedBytes > 0) out.push(`The host wrote ${count(step.changedBytes, 'byte')} into guest memory.`);
  // The host's realloc that moved its block: one sentence for the old region and the new.
  const moved = step.calls.length === 1 && step.calls[0]!.export === 'realloc' && created.length === 1 && created[0]!.kind === 'alloc'
    ? freed.find((r) => r.kind === 'alloc') : undefined;
  if (moved) {
    const to = created[0]!;
    out.push(`\`realloc\` moved \`${moved.name}\` (${moved.size} bytes at ${hexAddress(moved.start)}) to ${hexAddress(to.start)} as \`${to.name}\` (${to.size} bytes), copying what was there: use ${hexAddress(to.start)} from now on; ${hexAddress(moved.start)} was given back to the allocator.`);
  }
  for (const r of moved ? [] : created) {
    if (r.kind === 'alloc' && step.heap?.problems.some((p) => p.kind === 'double-alloc' && p.address === r.start)) out.push(sharedBlock(r, step, regions));
    else if (r.kind === 'alloc') out.push(`The ${r.size} bytes at ${hexAddress(r.start)} (\`${r.name}\`) are now yours: pass ${hexAddress(r.start)} as the pointer, and free it when done.`);
    else if (r.kind !== 'write') out.push(`\`${r.name}\` now names the ${r.size} bytes at ${hexAddress(r.start)}${r.type ? ` read as ${r.type}` : ''}.`);
  }
  if (step.calls.length > 0 && bound.length > 0 && created.every((r) => r.kind !== 'alloc')) out.push(`Bound ${bound.join(', ')}.`);
  const guestBlocks = step.heap?.allocated.filter((b) => b.owner === 'guest' && b.holds === undefined) ?? [];
  for (const b of step.heap?.allocated ?? []) {
    if (b.holds !== undefined) out.push(`The ${b.size} bytes at ${hexAddress(b.address)} hold ${b.holds}: only a catch frees an exception object, so nothing will free them (a leak).`);
  }
  if (guestBlocks.length > 0) {
    const first = guestBlocks[0]!;
    out.push(`Inside the call the guest allocated ${count(guestBlocks.length, 'block')} itself (${hexAddress(first.address)}, ${first.size} bytes${guestBlocks.length > 1 ? ', …' : ''}): it owns ${guestBlocks.length === 1 ? 'it' : 'them'} until someone frees ${guestBlocks.length === 1 ? 'it' : 'them'}.`);
  }
  for (const b of step.heap?.resized ?? []) {
    out.push(`The block at ${hexAddress(b.address)} (${blockOrigin(b, 'sentence')}) was resized in place, from ${b.from} to ${b.size} bytes: its address did not change, so pointers to it stay valid.`);
  }
  // What the guest freed itself: a region on such a block ended with it (step-runner.ts).
  const byTheGuest = step.heap ? guestFreed(step.heap) : [];
  const byGuest = (r: Region) => byTheGuest.some((b) => b.address <= r.start && r.start < b.address + Math.max(b.size, 1));
  const unnamed = byTheGuest.filter((b) => !freed.some((r) => r.start === b.address));
  if (unnamed.length > 0) {
    const first = unnamed[0]!;
    out.push(`Inside the call the guest freed ${count(unnamed.length, 'block')} (${hexAddress(first.address)}, ${first.size} bytes, ${blockOrigin(first, 'sentence')}${unnamed.length > 1 ? '; …' : ''}): a pointer the host kept into ${unnamed.length === 1 ? 'it' : 'them'} now dangles.`);
  }
  // AssemblyScript's __unpin ends the host's hold, not the block: the collector frees it later,
  // and only if nothing in the guest refers to it (an array the guest keeps it in, say).
  const unpinned = step.calls.some((c) => c.export === '__unpin');
  for (const r of freed) {
    if (r === moved) continue;
    if (unpinned && !byGuest(r)) out.push(`The host let go of \`${r.name}\` (${hexAddress(r.start)}, ${r.size} bytes): unpinned, the garbage collector frees it once nothing in the guest refers to it, so the host must not use it again.`);
    else if (byGuest(r) && r.kind === 'alloc') out.push(`The guest freed \`${r.name}\` (${hexAddress(r.start)}, ${r.size} bytes) inside the call: it took the block over, so the host must not use it or free it again.`);
    else if (byGuest(r)) out.push(`\`${r.name}\` (${hexAddress(r.start)}, ${r.size} bytes) was in a block the guest freed inside the call: reading it again would be a use after free.`);
    else out.push(`\`${r.name}\` (${hexAddress(r.start)}, ${r.size} bytes) was given back to the allocator: do not use it again.`);
  }
  const change = changeSentence(step, regions);
  if (change && step.calls.length > 0) out.push(change);
  if (step.grew) out.push(`Memory grew from ${step.grew.fromPages} to ${step.grew.toPages} pages of 64 KiB.`);
  if (step.exitCode !== undefined) out.push(`The guest called proc_exit(${step.exitCode}).`);
  if (!step.ok && step.error && (step.error.code === 'watchpoint' || step.calls.every((c) => !c.error))) out.push(failureSentence(step));
  if (out.length === 0 && step.ok && /^expect\b/.test(step.source)) out.push(`The check \`${step.source.slice(7)}\` holds.`);
  if (out.length === 0) out.push(step.ok ? 'Nothing in guest memory changed.' : 'It failed.');
  return out;
}

/**
 * What a failure that is not a trap means and what happens next. Not the error again: the CLI
 * prints it on the line above and the call log right beside, so this says why it matters.
 */
function failureSentence(step: StepRecord): string {
  switch (step.error?.code) {
    case 'expect-failed': return `The check \`${step.source.replace(/^\s*expect\s+/, '')}\` does not hold, so the sequence stops here.`;
    case 'heap-problem': return 'Memscope did not make the call: freeing what is not a live block corrupts the allocator\'s free list, and the guest would not notice until it hands the same bytes to two owners. A `!` after the function\'s name (`free!(p)`) calls it anyway, to watch that happen.';
    case 'eval-error': return 'An expression in this step could not be worked out, so nothing was called or read, and the sequence stops here.';
    case 'watchpoint': return 'Memory is as right after that write. A watch\'s stop is a pause, not a failure: stepping on goes on past it.';
    case 'out-of-bounds': return 'The step reaches outside the guest\'s linear memory: an offset there is no host address, so nothing was read or written, and the sequence stops here.';
    default: return 'The step failed, so the sequence stops here.';
  }
}

/** An allocation handed a block that is still live (a double-alloc problem): who else holds it. */
function sharedBlock(r: Region, step: StepRecord, regions: readonly Region[]): string {
  const other = regions.find((q) => q.kind === 'alloc' && q.start === r.start && q.createdStep < step.index && (q.freedStep === undefined || q.freedStep > step.index));
  const holder = other ? `\`${other.name}\` still holds it` : 'its first owner never freed it';
  return `The ${r.size} bytes at ${hexAddress(r.start)} (\`${r.name}\`) are not yours alone: the allocator handed out a block that is still live (${holder}), so whatever one owner writes, the other reads.`;
}

/**
 * How a call ended that did not return: "trapped: divide by zero in divide" (its message says
 * "trap: …"), "stopped right after a watched write (…)", else "failed: …" (an uncaught
 * exception, proc_exit, a limit).
 */
function failedCall(error: MemscopeError): string {
  if (error.code === 'watchpoint') return `stopped right after a watched write (${error.message})`;
  return error.message.startsWith('trap: ') ? `trapped: ${error.message.slice('trap: '.length)}` : `failed: ${error.message}`;
}
