// `memory cap SIZE`: parsed with its unit, refused at the line outside one page to 4 GiB, carried
// into the session's config, and named by every memory-cap message as the way to raise the cap.
// The run tests use caps of a few pages, so nothing here allocates more than 4 MiB.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSourceError, parseSequence } from './parse.ts';
import { directivesToConfig } from './directives.ts';
import { resolveInputs } from '../host/session-inputs.ts';
import { openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { capMemories } from '../module/memory-cap.ts';

const FIXTURE = resolve(import.meta.dirname, 'testdata', 'memory-cap.wasm');
const NO_MAX = resolve(import.meta.dirname, 'testdata', 'memory-cap-nomax.wasm');
const DIRECT = resolve(import.meta.dirname, 'testdata', 'memory-cap-direct.wasm');
const open = openSessionsDisposedAfterEach();

function capOf(line: string): number | undefined {
  const { sequence, errors } = parseSequence(`${line}\n`);
  expect(errors).toEqual([]);
  return directivesToConfig(sequence.directives, '/').memoryCapBytes;
}

function errorOf(line: string): string {
  const { errors } = parseSequence(`${line}\n`, 'c.wseq');
  expect(errors).toHaveLength(1);
  return formatSourceError(errors[0]!);
}

describe('memory cap SIZE', () => {
  it('reads GiB, MiB, KiB, bytes and a bare number of bytes', () => {
    expect(capOf('memory cap 4 GiB')).toBe(2 ** 32);
    expect(capOf('memory cap 2 GiB')).toBe(2 ** 31);
    expect(capOf('memory cap 512 MiB')).toBe(512 * 2 ** 20);
    expect(capOf('memory cap 64 KiB')).toBe(65536);
    expect(capOf('memory cap 131072 bytes')).toBe(131072);
    expect(capOf('memory cap 0x20000')).toBe(131072);
  });

  it('refuses, at the size, a cap past 4 GiB, below one page, in part pages, or not a size', () => {
    expect(errorOf('memory cap 5 GiB')).toMatch(/^c\.wseq:1:12: expected a memory cap from 64 KiB to 4 GiB in whole 64 KiB pages \(like 4 GiB, 512 MiB, or 131072 bytes\), found 5 GiB \(5368709120 bytes\)\n.*\n {11}\^{5}$/);
    expect(errorOf('memory cap 4097 MiB')).toMatch(/found 4097 MiB \(4296015872 bytes\)/);
    expect(errorOf('memory cap 0')).toMatch(/found 0 \(0 bytes\)/);
    expect(errorOf('memory cap 32 KiB')).toMatch(/found 32 KiB \(32768 bytes\)/);
    expect(errorOf('memory cap 100000')).toMatch(/found 100000 \(100000 bytes\)/);
    expect(errorOf('memory cap 1.5 GiB')).toMatch(/1:12: expected a memory cap from 64 KiB .*, found '1\.5'|found 1\.5/);
    expect(errorOf('memory cap big')).toMatch(/1:12: expected a memory cap from 64 KiB/);
    expect(errorOf('memory cap')).toMatch(/1:11: expected a memory cap from 64 KiB .*, found end of line/);
    expect(errorOf('memory cap 4 GB')).toMatch(/1:14: unknown size unit 'GB'; units are bytes, KiB, MiB, GiB \(1 GiB is 2\^30 bytes\)/);
    expect(errorOf('memory cap 4 constructor')).toMatch(/1:14: unknown size unit 'constructor'; units are bytes, KiB, MiB, GiB/);
    expect(errorOf('memory cap 4GiB')).toMatch(/^c\.wseq:1:12: /);
    expect(errorOf('memory 4 GiB')).toMatch(/1:8: expected 'cap': memory cap SIZE \(like 4 GiB\)/);
    expect(errorOf('memory cap 4 GiB please')).toMatch(/1:18: expected end of line after the memory directive/);
  });

  it('leaves a call of an export named memory a call', () => {
    const { sequence, errors } = parseSequence('memory()\nm = memory(1)\n');
    expect(errors).toEqual([]);
    expect(sequence.steps.map((s) => s.kind)).toEqual(['call', 'call']);
  });

  it('reaches the session (the worker compiles with it), over the 1 GiB default', () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const inputs = (text?: string) => {
      const r = resolveInputs({ moduleBytes: bytes, moduleName: 'memory-cap.wasm', ...(text !== undefined ? { sequence: { text, file: 't.wseq' } } : {}) });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    expect(inputs().init.memoryCapBytes).toBe(2 ** 30);
    expect(inputs('memory cap 4 GiB\nx = grow_to(2)\n').init.memoryCapBytes).toBe(2 ** 32);
    expect(inputs('memory cap 4 GiB\nx = grow_to(2)\n').config.memoryCapBytes).toBe(2 ** 32);
  });

  it('at 4 GiB lowers nothing: wasm32 cannot address more, so a memory without a maximum is not taken for capped', () => {
    expect(capMemories(new Uint8Array(readFileSync(NO_MAX)), 65536)).toBeNull();
    expect(capMemories(new Uint8Array(readFileSync(NO_MAX)), 65535)).not.toBeNull();
  });

  it('is given once, before the first step', () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const r = resolveInputs({ moduleBytes: bytes, moduleName: 'memory-cap.wasm', sequence: { text: 'memory cap 1 MiB\nmemory cap 2 MiB\nx = grow_to(2)\nmemory cap 3 MiB\n', file: 't.wseq' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.sequence!.errors.map((e) => `${e.where?.line}: ${e.message}`)).toEqual([
      '2: memory cap is already given on line 1',
      '4: the memory cap directive must come before the first step (line 3)',
      '4: memory cap is already given on line 2',
    ]);
  });
});

describe('what a run under a memory cap says', () => {
  it('a grow up to the cap says the cap and how to raise it', async () => {
    const session = await open(FIXTURE, { sequence: 'memory cap 128 KiB\nx = grow_to(2)\n' });
    const [step] = await session.run();
    expect(step!.error).toMatchObject({
      code: 'memory-cap',
      message: 'memory grew to the cap of 128 KiB (131072 bytes); memory.grow beyond it fails; a `memory cap 4 GiB` line in the sequence raises it, to at most 4 GiB',
    });
  });

  it('an edited sequence (the page, the desktop app) takes its new cap', async () => {
    const session = await open(FIXTURE, { sequence: 'x = grow_to(2)\n' });
    expect((await session.run())[0]!.ok).toBe(true);
    await session.setSequence('memory cap 128 KiB\nx = grow_to(2)\n', 'test.wseq');
    const [step] = await session.run();
    expect(step!.error?.message).toMatch(/^memory grew to the cap of 128 KiB /);
  });

  it('a call that fails where the cap lowered the declared maximum says the cap may be why; one that succeeds says nothing', async () => {
    // Before: the trap said only "unreachable", though the module declares room for 4 MiB.
    const session = await open(DIRECT, { sequence: 'memory cap 1 MiB\nneed(8)\nneed(40)\n' });
    const [fine, failed] = await session.run();
    // Up to the cap it grows: the grow-to-the-cap report, not this one.
    const [grown] = await (await open(FIXTURE, { sequence: 'memory cap 2 MiB\nok = resize(1048576)\n' })).run();
    expect([grown!.ok, grown!.bound['ok']?.kind === 'int' && grown!.bound['ok'].value]).toEqual([true, '1']);
    expect(fine!.error).toBeUndefined();
    expect(failed!.error!.code).toBe('trap');
    expect(failed!.error!.message).toMatch(/unreachable.*; the memory cap of 1 MiB lowered this module's declared maximum of 4 MiB, so a memory\.grow past 1 MiB returned -1 \(malloc NULL\) if it asked; if the call needed more memory, a `memory cap 4 GiB` line in the sequence raises it, to at most 4 GiB$/);
  });

  it('a failure the cap did not shape says nothing of it', async () => {
    // Under the default cap the declared 4 MiB is not lowered; with no declared maximum, nothing was asked for.
    const session = await open(FIXTURE, { sequence: 'fail()\n' });
    const [step] = await session.run();
    expect(step!.error!.code).toBe('trap');
    expect(step!.error!.message).not.toMatch(/memory cap/);
    const nomax = await open(NO_MAX, { sequence: 'memory cap 1 MiB\nneed(40)\n' });
    const [trap] = await nomax.run();
    expect(trap!.error!.code).toBe('trap');
    expect(trap!.error!.message).not.toMatch(/memory cap/);    // Nor a trap no refused grow leads to (out of bounds), nor any trap of a module that asks
    // the host to grow (Emscripten's, whose default 2 GiB maximum the cap lowers): every trap of
    // an Emscripten build said the cap may be why.
    const [oob] = await (await open(DIRECT, { sequence: 'memory cap 1 MiB\noob()\n' })).run();
    expect(oob!.error!.message).toMatch(/^trap: memory access out of bounds/);
    expect(oob!.error!.message).not.toMatch(/memory cap/);
    const [unrelated] = await (await open(FIXTURE, { sequence: 'memory cap 1 MiB\nneed(40)\n' })).run();
    expect(unrelated!.error!.message).not.toMatch(/memory cap/);
  });

  it('a failed call whose Emscripten resize_heap the host refused for the cap says so; a call that handled the refusal is fine', async () => {
    // Before: the trap said only "unreachable"; the refusal was in the call log's line alone.
    const session = await open(FIXTURE, { sequence: 'memory cap 1 MiB\nok = resize(2097152)\nexpect ok == 0\nneed_heap(2097152)\n' });
    const [handled, checked, failed] = await session.run();
    expect([handled!.ok, handled!.error, checked!.ok]).toEqual([true, undefined, true]);
    expect(failed!.error!.code).toBe('trap');
    expect(failed!.error!.message).toMatch(/unreachable.*; emscripten_resize_heap asked for 2 MiB in this call, past the memory cap of 1 MiB, and was refused \(malloc returned NULL\); a `memory cap 4 GiB` line in the sequence raises it, to at most 4 GiB$/);
    // The declared 4 MiB is lowered too, but the exact reason is said, not the possibility.
    expect(failed!.error!.message).not.toMatch(/if it asked/);
  });

});
