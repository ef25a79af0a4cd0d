// Stepping back is exact on every demo: each is run forward one step at a time, then stepped
// back to each step (from the last to the first), then run forward again; memory, globals and
// step records must match byte for byte each time (records with durations set aside).

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, openSessionsDisposedAfterEach } from './test-helpers.ts';
import type { Session } from './session.ts';
import { recordKey } from './replay-check.ts';

const open = openSessionsDisposedAfterEach();
const PAGE = 65536;

interface Demo { id: string; module: string; sequence: string }
const DEMOS: Demo[] = readdirSync(EXAMPLES).flatMap((id) => {
  try {
    const demo = JSON.parse(readFileSync(join(EXAMPLES, id, 'demo.json'), 'utf8')) as Demo;
    return [{ id, module: demo.module, sequence: demo.sequence }];
  } catch {
    return [];
  }
}).filter((d) => !(process.env.STEP_BACK_DEMOS ?? '').trim() || process.env.STEP_BACK_DEMOS!.split(',').includes(d.id));

/**
 * SHA-256 of memory (its size and non-zero pages, with their numbers) now or after `step`. A
 * step that ended the worker (a timeout) left no image: memory is the last one captured.
 */
async function memoryDigest(session: Session, step?: number): Promise<string> {
  const map = session.pageMap(step);
  if (!map.ok && step !== undefined) return memoryDigest(session);
  if (!map.ok) throw new Error(map.error.message);
  const size = step === undefined ? session.memorySize : session.steps[step]!.memorySize;
  const hash = createHash('sha256');
  hash.update(String(size));
  for (let page = 0; page < map.value.length; page++) {
    if (map.value[page] === 0) continue;
    const read = await session.readMemory(page * PAGE, Math.min(PAGE, size - page * PAGE), step);
    if (!read.ok) throw new Error(read.error.message);
    hash.update(`${page}:`).update(read.value.bytes);
  }
  return hash.digest('hex');
}

async function globals(session: Session): Promise<string> {
  if (session.terminated) return 'terminated';
  const g = await session.globals();
  if (!g.ok) throw new Error(g.error.message);
  return JSON.stringify([...g.value].sort((a, b) => a.index - b.index));
}

describe('step back (replay from the start, checked against the first run)', () => {
  for (const demo of DEMOS) {
    it(`${demo.id}: forward, back to each step, forward again: memory, globals, records identical`, async () => {
      const dir = join(EXAMPLES, demo.id);
      const session = await open(join(dir, demo.module), {
        sequence: readFileSync(join(dir, demo.sequence), 'utf8'),
        // A short limit only where a step is meant to time out (its sequence sets one); elsewhere a
        // generous one, since instrumenting a large module (Go) on a busy machine takes seconds.
        config: { deterministic: true, traceWrites: true, ...(demo.id === 'infinite-loop' ? {} : { timeoutMs: 30_000 }) },
      });
      // After step k is entry k + 1; entry 0 is before the first step.
      const memory = [await memoryDigest(session)];
      const globalsAfter = [await globals(session)];
      while (await session.step()) {
        memory.push(await memoryDigest(session));
        globalsAfter.push(await globals(session));
      }
      const first = session.steps.map(recordKey);
      const ran = first.length;
      expect(ran).toBeGreaterThan(0);
      for (let k = ran - 1; k >= 0; k--) {
        const back = await session.stepBack(k);
        expect(back, `${demo.id}: back to step ${k + 1}`).toEqual({ ok: true, value: null });
        expect(session.nextStep).toBe(k);
        expect(session.steps.map(recordKey)).toEqual(first.slice(0, k));
        expect(await memoryDigest(session), `${demo.id}: memory before step ${k + 1}`).toBe(memory[k]);
        expect(await globals(session), `${demo.id}: globals before step ${k + 1}`).toBe(globalsAfter[k]);
      }
      await session.run();
      expect(session.steps.map(recordKey)).toEqual(first);
      for (let k = 0; k < ran; k++) expect(await memoryDigest(session, k), `${demo.id}: memory after step ${k + 1}`).toBe(memory[k + 1]);
      expect(await globals(session)).toBe(globalsAfter[ran]);
    }, 600_000);
  }
});
