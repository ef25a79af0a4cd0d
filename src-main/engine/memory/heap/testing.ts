// Test helpers for the heap walkers: run a sequence on a real module in a real session, then
// walk a copy of its memory with the module's own facts.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundValue, StepRecord } from '../../../shared/dto.ts';
import type { Session } from '../../host/session.ts';
import { openSession, openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { BlockList } from './block-list.ts';
import { heapFacts } from './heap-facts.ts';
import type { HeapFacts, HeapWalk } from './types.ts';
import { walkHeap } from './walk.ts';

export const HEAP_TESTDATA = resolve(dirname(fileURLToPath(import.meta.url)), 'testdata');

export interface Walked {
  session: Session;
  facts: HeapFacts;
  walk: HeapWalk;
  bytes: Uint8Array;
  /** Integer bindings of the sequence as numbers; struct fields as `name.field`. */
  n: Record<string, number>;
}

/** Opens `wasm` (a file in testdata, or an absolute path) with `open`, runs `sequence`, walks the heap. */
export async function runAndWalk(wasm: string, sequence: string, open: typeof openSession = openSession): Promise<Walked> {
  const session = await open(resolve(HEAP_TESTDATA, wasm), { sequence });
  if (session.sequenceErrors.length) throw new Error(session.sequenceErrors.map((e) => e.message).join('\n'));
  const records = await session.run();
  const failed = records.find((r) => !r.ok);
  if (failed) throw new Error(`step ${failed.index} (${failed.source}): ${failed.error?.message}`);
  return { session, ...(await walkNow(session)), n: numbers(session.bindings) };
}

/** runAndWalk whose sessions are disposed after each test (call it at a file's or describe's top). */
export function runAndWalkDisposedAfterEach(): (wasm: string, sequence: string) => Promise<Walked> {
  const open = openSessionsDisposedAfterEach();
  return (wasm, sequence) => runAndWalk(wasm, sequence, open);
}

export async function walkNow(session: Session): Promise<{ facts: HeapFacts; walk: HeapWalk; bytes: Uint8Array }> {
  const read = await session.readMemory(0, session.memorySize);
  if (!read.ok) throw new Error(read.error.message);
  const facts = heapFacts(session.info);
  return { facts, walk: walkHeap(read.value.bytes, facts), bytes: read.value.bytes };
}

function numbers(bound: Record<string, BoundValue>): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (name: string, v: BoundValue): void => {
    if (v.kind === 'int') out[name] = Number(v.value);
    if (v.kind === 'struct') for (const [k, f] of Object.entries(v.fields)) add(`${name}.${k}`, f);
  };
  for (const [name, v] of Object.entries(bound)) add(name, v);
  return out;
}

/** The walk's used blocks as a map address → size. */
export function usedMap(walk: HeapWalk): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < walk.used.count; i++) map.set(walk.used.address(i), walk.used.size(i));
  return map;
}

/**
 * The sizes of the blocks an AssemblyScript fixture kept (`keep(3, 10)`: arrays of 10, 20 and 30
 * bytes at a0..a2, and p), and how many used blocks the walk saw in all.
 */
export function keptBlockSizes(walk: HeapWalk, n: Record<string, number>): { a0?: number; a1?: number; a2?: number; p?: number; blocks: number } {
  const used = usedMap(walk);
  return { a0: used.get(n.a0!), a1: used.get(n.a1!), a2: used.get(n.a2!), p: used.get(n.p!), blocks: used.size };
}

/** A dlmalloc walk of a heap at 0x10000 (1 MiB) that found exactly `blocks` (address → size, non-overlapping) in use. */
export function walkOf(blocks: Map<number, number>): HeapWalk {
  const used = new BlockList();
  for (const address of [...blocks.keys()].sort((a, b) => a - b)) used.push(address, blocks.get(address)!);
  return {
    status: 'ok', walker: 'dlmalloc', used, free: new BlockList(), headers: new BlockList(),
    headerBefore: 0, freeHeaderBefore: 0, extent: [0x10000, 0x10000 + (1 << 20)], untouched: null, visited: 0,
  };
}

/** Opens `wasm` (a file in testdata) with `open`, checks its sequence parsed, and runs every step. */
export async function runHeapSequence(open: ReturnType<typeof openSessionsDisposedAfterEach>, wasm: string, sequence: string): Promise<{ session: Session; records: StepRecord[] }> {
  const session = await open(resolve(HEAP_TESTDATA, wasm), { sequence });
  if (session.sequenceErrors.length > 0) throw new Error(`sequence errors: ${session.sequenceErrors.map((e) => e.message).join('; ')}`);
  const records = await session.run();
  return { session, records };
}

/** The first integer bound to `name` over a run's records, as a number. */
export function boundInt(records: readonly StepRecord[], name: string): number {
  for (const rec of records) {
    const v = rec.bound[name];
    if (v?.kind === 'int') return Number(v.value);
  }
  throw new Error(`no ${name}`);
}
