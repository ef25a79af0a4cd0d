// The session's output so far (Session.output, the view's): what the instance printed while
// instantiating and in the steps that ran, which after stepping back is what the steps before it
// printed, though they ran again quietly in a fresh worker and sent no output events.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../shared/dto.ts';
import { KEPT_BYTES, OutputLog } from './output-log.ts';
import { openSessionsDisposedAfterEach, text } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
/** spew(n) writes n blocks of 64 KiB of 'x' to stdout, spew_err(n) to stderr. */
const SPEW = resolve(import.meta.dirname, '../../testdata/spew.wasm');
const KIB64 = 65536;

const sizes = (chunks: OutputChunk[]) => ({ stdout: text(chunks, 'stdout').length, stderr: text(chunks, 'stderr').length });

describe('Session.output', () => {
  it('holds what the steps that ran printed, and after stepping back what the steps before printed', async () => {
    const session = await open(SPEW, { sequence: 'spew(1)\nspew_err(2)\nspew(3)\n' });
    expect(session.output).toEqual([]);
    await session.run();
    expect(sizes(session.output)).toEqual({ stdout: 4 * KIB64, stderr: 2 * KIB64 });
    expect((await session.stepBack(2)).ok).toBe(true);
    expect(sizes(session.output)).toEqual({ stdout: KIB64, stderr: 2 * KIB64 });
    expect((await session.stepBack(0)).ok).toBe(true);
    expect(session.output).toEqual([]);
    expect((await session.step())?.ok).toBe(true);
    expect(sizes(session.output)).toEqual({ stdout: KIB64, stderr: 0 });
    expect((await session.reset()).ok).toBe(true);
    expect(session.output).toEqual([]);
  });
});

describe('OutputLog', () => {
  it('keeps the newest KEPT_BYTES, and says how much of each stream it dropped', () => {
    const log = new OutputLog();
    const chunk = (stream: 'stdout' | 'stderr', n: number): OutputChunk => ({ stream, bytes: new Uint8Array(n) });
    log.push(chunk('stderr', 100));
    log.push(chunk('stdout', KEPT_BYTES / 2));
    log.push(chunk('stdout', KEPT_BYTES / 2));
    log.push(chunk('stdout', 10));
    const kept = log.kept();
    expect(kept.map((c) => [c.stream, c.bytes.length, c.omitted, c.notKept])).toEqual([
      ['stdout', 0, KEPT_BYTES / 2, true],
      ['stderr', 0, 100, true],
      ['stdout', KEPT_BYTES / 2, undefined, undefined],
      ['stdout', 10, undefined, undefined],
    ]);
    log.clear();
    expect(log.kept()).toEqual([]);
  });
});
