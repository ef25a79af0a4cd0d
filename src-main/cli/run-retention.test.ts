// `memscope run` in text mode prints each step's record and drops it: late in a long run, no
// more records are alive than the session's step log keeps as objects (its latest, fewer than
// 2 × RECORDS_PER_GROUP; older ones are packed) and the last few the printer was given. Counted
// in a heap snapshot (which collects first), never timed. Both the command and Session.run once
// held every record to the end.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { afterAll, expect, it, vi } from 'vitest';
import { RECORDS_PER_GROUP } from '../engine/testing.ts';
import { parseRunArgs, type RunArgs } from './run-args.ts';
import { openSession, runAll } from './run-command.ts';

const REWRITE = resolve(import.meta.dirname, '../engine/memory/testdata/rewrite.wasm');
const STEPS = 3000;
const dir = mkdtempSync(join(tmpdir(), 'memscope-run-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(`holds fewer than ${2 * RECORDS_PER_GROUP} step records late in a run of ${STEPS} printed steps`, async () => {
  const file = join(dir, 'tiny.wseq');
  const pokes = Array.from({ length: STEPS }, (_, i) => `poke(${64 + (i % 64) * 4}, ${i})`);
  writeFileSync(file, `module "${REWRITE}"\n${pokes.join('\n')}\n`);
  const args = parseRunArgs([file]) as RunArgs;
  const opened = await openSession(args);
  if (!opened.ok) throw new Error(opened.messages.join('\n'));
  const session = opened.session;
  let emitted = 0;
  session.on('step', () => emitted++);
  // Taken as the command writes its batched step text, once most steps have come in.
  const snapshot = join(dir, 'late.heapsnapshot');
  let snapshotAt = 0;
  let last = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    last = String(chunk);
    if (snapshotAt === 0 && emitted >= STEPS - 500) {
      snapshotAt = emitted;
      writeHeapSnapshot(snapshot);
    }
    return true;
  });
  let status: number;
  try {
    status = await runAll(session, args);
  } finally {
    write.mockRestore();
    await session.dispose();
  }
  expect(status).toBe(0);
  expect(last).toBe(`✓ ${STEPS} steps ok\n`);
  expect(snapshotAt).toBeGreaterThanOrEqual(STEPS - 500);
  const alive = objectsWithProperty(snapshot, 'regionEvents');
  // The step log's latest records are objects: some are always there. Beside its fewer than
  // 2 × RECORDS_PER_GROUP, the session and the printer hold the last few steps they were given
  // (a 512th was seen on a loaded 2-core machine, with the log at 511): bounded by a handful, not
  // by the run's length, which is what this holds.
  expect(alive).toBeGreaterThan(0);
  expect(alive).toBeLessThan(2 * RECORDS_PER_GROUP + 8);
});

/** Objects in a V8 heap snapshot that have a property `name` (a StepRecord's own field here). */
function objectsWithProperty(file: string, name: string): number {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; edge_fields: string[]; edge_types: [string[]] } };
    nodes: number[]; edges: number[]; strings: string[];
  };
  const { node_fields: nodeFields, edge_fields: edgeFields, edge_types: [edgeTypes] } = snap.snapshot.meta;
  const edgeCount = nodeFields.indexOf('edge_count');
  const property = edgeTypes.indexOf('property');
  const nameIndex = snap.strings.indexOf(name);
  let count = 0;
  // Edges are stored node after node, each node's edge_count of them.
  for (let n = 0, e = 0; n < snap.nodes.length; n += nodeFields.length) {
    const end = e + snap.nodes[n + edgeCount]! * edgeFields.length;
    let has = false;
    for (; e < end; e += edgeFields.length) has ||= snap.edges[e] === property && snap.edges[e + 1] === nameIndex;
    if (has) count++;
  }
  return count;
}
