// Limits that must hold whatever the module asks for (issue 13): an imported memory above the
// cap is refused, a start function that never returns can be stopped, one that traps is a trap, and a time limit above
// what a Node timer can hold is not a false "did not finish" at once.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from './index.ts';

const TESTDATA = resolve(import.meta.dirname, '..', 'testdata');
const opened: Session[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

function open(name: string, sequence: string | null, config: Parameters<typeof Session.open>[0]['config'] = {}, signal?: AbortSignal) {
  return Session.open({
    moduleBytes: readFileSync(resolve(TESTDATA, name)), moduleName: name, config,
    ...(sequence !== null ? { sequence: { text: sequence, file: 't.wseq' } } : {}),
    ...(signal ? { signal } : {}),
  }).then((r) => {
    if (r.ok) opened.push(r.value);
    return r;
  });
}

describe('limits on what a module asks for', () => {
  it('refuses an imported memory whose minimum is above the cap, before allocating it', async () => {
    const r = await open('imported-memory.wasm', null);
    expect(r.ok ? 'opened' : r.error.code).toBe('memory-cap');
    expect(r.ok ? '' : r.error.message).toMatch(/imported memory env\.memory needs at least 40000 pages/);
  });

  it('a start function that never returns is ended by aborting the open', async () => {
    const abort = new AbortController();
    const opening = open('start-loop.wasm', null, { timeoutMs: 3_600_000 }, abort.signal);
    setTimeout(() => abort.abort(), 300);
    const r = await opening;
    expect(r.ok ? 'opened' : r.error.code).toBe('stopped');
  });

  it('a start function that traps fails the open as a trap with the guest stack, not a link error', async () => {
    const r = await open('start-trap.wasm', null);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('trap');
    expect(r.error.message).toBe('trap during the start function: unreachable in fail');
    expect(r.error.stack?.map((f) => f.name)).toEqual(['fail', 'descend', 'descend', 'descend', 'descend', 'init']);
  });

  it('a valid module with a 64-bit memory is refused as unsupported by the engine, not as malformed', async () => {
    // Header, then a memory section: one memory, flags 0x04 (memory64), minimum 1 page.
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x04, 0x01]);
    const r = await Session.open({ moduleBytes: bytes, moduleName: 'm64.wasm' });
    if (r.ok) opened.push(r.value);
    expect(r.ok ? 'opened' : r.error.code).toBe('unsupported');
    if (!r.ok) expect(r.error.message).toMatch(/^the module uses a 64-bit memory \(memory64\), which the WebAssembly engine Memscope runs on/);
  });

  it('a time limit above 2^31 ms does not fail the open at once', async () => {
    const r = await open('spew.wasm', 'spew(1)\n', { timeoutMs: 2 ** 31 + 5 });
    expect(r.ok ? 'opened' : r.error.message).toBe('opened');
    if (!r.ok) return;
    const records = await r.value.run();
    expect(records.map((x) => x.ok)).toEqual([true]);
  });

  it('a text read longer than one read may hold says which limit it hit', async () => {
    const r = await Session.open({
      moduleBytes: readFileSync(resolve(TESTDATA, '..', '..', 'resources', 'examples', 'big-memory', 'big-memory.wasm')), moduleName: 'big-memory.wasm',
      sequence: { text: 'old = grow_to(16384)\nt = read utf8 @ 0 [629145600]\nb = read bytes @ 0 [100000000]\n', file: 't.wseq' },
    });
    if (!r.ok) throw new Error(r.error.message);
    opened.push(r.value);
    const records = await r.value.run();
    expect(records.map((x) => x.error?.code)).toEqual([undefined, 'eval-error']);
    expect(records[1]!.error?.message).toMatch(/629145600 bytes.*above the limit of 67108864 bytes \(64 MiB\)/);
    expect(records[1]!.error?.where).toMatchObject({ line: 2 });
  });

  it('a 1 GiB utf16 read is refused naming the limit (it once decoded for 20 s, then failed with "Invalid string length")', async () => {
    const r = await Session.open({
      moduleBytes: readFileSync(resolve(TESTDATA, '..', '..', 'resources', 'examples', 'big-memory', 'big-memory.wasm')), moduleName: 'big-memory.wasm',
      sequence: { text: 'old = grow_to(16384)\nt = read utf16 @ 0 [1073741824]\n', file: 't.wseq' },
    });
    if (!r.ok) throw new Error(r.error.message);
    opened.push(r.value);
    const records = await r.value.run();
    expect(records.map((x) => x.error?.code)).toEqual([undefined, 'eval-error']);
    expect(records[1]!.error?.message).toMatch(/read utf16 of 1073741824 bytes is above the limit of 67108864 bytes \(64 MiB\)/);
  });
});
