// Writes made by the imports of Emscripten's and Go's runtimes, which the host performs: write
// tracing names the import as their writer (as WASI's are `wasi:fd_read`), never `host` (a
// sequence's `write` step) nor `unknown`, and a watch on their bytes sees them and stops there.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach, TESTDATA } from './test-helpers.ts';
import type { BoundValue, StepRecord } from '../../shared/dto.ts';

const open = openSessionsDisposedAfterEach();
const COPY = resolve(TESTDATA, 'emscripten-copy/emscripten-copy.wasm');
/** 1024 bytes, none zero, so every byte the copy writes changes. */
const DATA = Array.from({ length: 1024 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
const COPY_SETUP = `s = malloc(1024)\nd = malloc(1024)\nwrite utf8 "${DATA}" @ s\n`;

function int(value: BoundValue | undefined): number {
  if (value?.kind !== 'int') throw new Error(`not an int: ${JSON.stringify(value)}`);
  return Number(value.value);
}

/** Bytes written by each writer in a step. */
function bytesBy(step: StepRecord | undefined): Record<string, number> {
  const by: Record<string, number> = {};
  for (const w of step?.writes ?? []) by[w.function] = (by[w.function] ?? 0) + w.end - w.start;
  return by;
}

describe("Emscripten's env:emscripten_memcpy_big (a -O2 memcpy of 512 bytes or more)", () => {
  it('the copied bytes are written by the import, not unknown', async () => {
    const session = await open(COPY, { sequence: `${COPY_SETUP}copy(d, s, 1024)\n`, config: { traceWrites: true } });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true]);
    const d = int(session.bindings.d);
    const copy = records[3]!;
    expect(copy.writes).toEqual([expect.objectContaining({ start: d, end: d + 1024, function: 'env:emscripten_memcpy_big', offset: 0 })]);
  });

  it('a stopping watch inside the copy stops right after it, records its hit, and the next step goes on', async () => {
    const sequence = `${COPY_SETUP}watch w @ d + 8 [4] stop\ncopy(d, s, 1024)\nt = read utf8 @ d [12]\n`;
    const session = await open(COPY, { sequence });
    for (let i = 0; i < 4; i++) expect((await session.step())?.ok).toBe(true);
    const d = int(session.bindings.d);
    const stopped = await session.step();
    expect(stopped?.ok).toBe(false);
    expect(stopped?.error?.code).toBe('watchpoint');
    expect(stopped?.error?.message).toContain("watch 'w' was written by env:emscripten_memcpy_big");
    expect(stopped?.error?.message).toContain('00 00 00 00 → 69 6a 6b 6c');
    // The guest's frames: the import is the writer, `copy` called it.
    expect(stopped?.error?.stack?.map((f) => f.name)).toEqual(['copy']);
    expect(stopped?.watchHits).toEqual([{ name: 'w', address: d + 8, size: 4, old: '00 00 00 00', value: '69 6a 6b 6c', function: 'env:emscripten_memcpy_big', offset: 0 }]);
    const mem = await session.readMemory(d, 12);
    expect(mem.ok && new TextDecoder().decode(mem.value.bytes)).toBe('abcdefghijkl');

    const resumed = await session.step();
    expect(resumed?.ok).toBe(true);
    expect((await session.step())?.ok).toBe(true);
    expect(session.bindings.t).toMatchObject({ kind: 'text', value: 'abcdefghijkl' });
  });
});

describe("Emscripten's exception runtime (env:__cxa_*, JavaScript exceptions)", () => {
  it("the exception object's flags and refcount are written by the import that set them, not host", async () => {
    const session = await open(resolve(TESTDATA, 'emscripten-runtime/catch-js.wasm'), { sequence: 'b = by_base(-1)\n', config: { traceWrites: true } });
    const [record] = await session.run();
    expect(record?.ok).toBe(true);
    const by = bytesBy(record);
    expect(by['env:__cxa_throw']).toBeGreaterThan(0);
    expect(by['env:__cxa_begin_catch']).toBeGreaterThan(0);
    expect(by.host).toBeUndefined();
  });
});

describe("Go's js/wasm imports (module go, Go 1.19)", () => {
  it("getRandomData's bytes are the import's, not a sequence write's (host)", async () => {
    const session = await open(example('go-hello'), {
      sequence: 'write utf8 "go-hello\\0" @ 4096\nwrite u64 4096 @ 4112\nrun(1, 4112)\n',
      config: { traceWrites: true, deterministic: true },
    });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true]);
    const by = bytesBy(records[2]);
    expect(by['go:runtime.getRandomData']).toBeGreaterThan(0);
    expect(by.host).toBeUndefined();
  });

  it('syscall/js: valueLoadString and copyBytesToGo name themselves, and so do result slots (nanotime1)', async () => {
    const session = await open(example('go-library'), {
      sequence: 'write utf8 "go-library\\0" @ 4096\nwrite u64 4096 @ 4112\nrun(1, 4112)\ng = greet("ann")\nraw = read bytes @ 4096 [10]\nsum = checksum(raw)\n',
      config: { traceWrites: true, deterministic: true },
    });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
    expect(bytesBy(records[2])['go:runtime.nanotime1']).toBeGreaterThan(0);
    expect(bytesBy(records[3])['go:syscall/js.valueLoadString']).toBe(3);
    // The 10 bytes copied, and result slots (n, ok) where they changed.
    expect(bytesBy(records[5])['go:syscall/js.copyBytesToGo']).toBeGreaterThanOrEqual(10);
    expect(records.slice(2).every((r) => bytesBy(r).host === undefined)).toBe(true);
  });

  it('a stopping watch on the bytes copyBytesToGo fills stops in the import, past the guest zeroing them first', async () => {
    const start = 'write utf8 "go-library\\0" @ 4096\nwrite u64 4096 @ 4112\nrun(1, 4112)\nraw = read bytes @ 4096 [10]\n';
    const config = { traceWrites: true, deterministic: true };
    // Where the copy lands (deterministic, so the same in the next session).
    const first = await open(example('go-library'), { sequence: `${start}sum = checksum(raw)\n`, config });
    const copied = (await first.run())[4]!.writes!.find((w) => w.function === 'go:syscall/js.copyBytesToGo')!;
    const session = await open(example('go-library'), { sequence: `${start}watch w @ ${copied.start} [4] stop\nsum = checksum(raw)\n`, config });
    for (let i = 0; i < 5; i++) expect((await session.step())?.ok).toBe(true);
    // makeslice zeroes the slice (a guest write of zeros), then the import fills it.
    const zeroed = await session.step();
    expect(zeroed?.error?.code).toBe('watchpoint');
    expect(zeroed?.error?.message).toContain("watch 'w' was written by runtime.mallocgc+0x");
    const stopped = await session.step();
    expect(stopped?.error?.code).toBe('watchpoint');
    expect(stopped?.error?.message).toContain("watch 'w' was written by go:syscall/js.copyBytesToGo");
    expect(stopped?.error?.message).toContain('00 00 00 00 → 67 6f 2d 6c');
    expect(stopped?.error?.stack?.[0]?.name).toBe('syscall_js.copyBytesToGo');
    expect((await session.step())?.ok).toBe(true);
    expect(session.bindings.sum).toMatchObject({ kind: 'int', value: String(0xdf4094f) });
  });
});
