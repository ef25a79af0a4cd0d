// `memscope snapshot` refusing a coredump, or a part of one, saying which memory and where in the
// dump: a dump of several memories, a --module its frames cannot run in, a file too short to be one.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trapThenHelper } from '../engine/testing.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/memscope.js');
const TRAP = join(ROOT, 'resources/examples/trap');

function memscope(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('coredump refusals say which memory and where in the dump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-core-refusals-'));

  it('--dump in a dump of several memories names the memory it read, and how to pick another', () => {
    // Memory 0 is trap.wasm's, memory 1 helper.wasm's (the trap's instance, read by default); one page each.
    const file = join(dir, 'linked.core.wasm');
    writeFileSync(file, trapThenHelper());
    const past = memscope(['snapshot', file, '--dump', '0x10000']);
    expect([past.status, past.stderr]).toEqual([2, 'memscope snapshot: --dump 0x10000 is past the end of memory 1 (65536 bytes, 0x0..0xffff); the dump has 2 memories: --memory N reads another\n']);
    const chosen = memscope(['snapshot', file, '--dump', '0x10000', '--memory', '0']);
    expect(chosen.stderr).toBe('memscope snapshot: --dump 0x10000 is past the end of memory 0 (65536 bytes, 0x0..0xffff); the dump has 2 memories: --memory N reads another\n');
    const across = memscope(['snapshot', file, '--dump', '0xfff8', '32']);
    expect([across.status, across.stderr]).toEqual([0, 'memscope snapshot: --dump showed 8 bytes of the 32 asked for: memory 1 ends at 0x10000 (65536 bytes, 0x0..0xffff)\n']);
  });

  it("--module whose functions a frame cannot be in: the refusal gives the frame's byte offset in the dump", () => {
    const whole = join(dir, 'trap.core.wasm');
    expect(memscope(['run', '--coredump', whole, join(TRAP, 'trap.wseq')]).status).toBe(1);
    const bytes = new Uint8Array(readFileSync(whole));
    // corestack's payload: 0x00, the thread name (length, bytes), the frame count, then frame #0:
    // 0x00, instance, function index (each one LEB byte here).
    const name = new TextEncoder().encode('corestack');
    const section = Buffer.from(bytes).indexOf(Buffer.from(name)) + name.length;
    const threadName = bytes[section + 1]!;
    const frameAt = section + 2 + threadName + 1;
    expect([bytes[frameAt], bytes[frameAt + 2]]).toEqual([0, 4]);
    bytes[frameAt + 2] = 0x7f;
    const file = join(dir, 'func127.core.wasm');
    writeFileSync(file, bytes);
    const module = join(TRAP, 'trap.wasm');
    const view = memscope(['snapshot', file, '--module', module]);
    expect([view.status, view.stderr]).toEqual([2,
      `memscope snapshot: ${module} is not the module ${file} was dumped from (it names trap.wasm): thread "main" has a frame in function 127 (byte offset ${frameAt}), but ${module} has 10 functions\n`]);
  });

  it("a global of another type or mutability than --module's: the refusal gives the global's byte offset in the dump", () => {
    const example = join(ROOT, 'resources/examples/return-string');
    const whole = join(dir, 'return-string.core.wasm');
    expect(memscope(['run', '--coredump', whole, join(example, 'return-string.wseq')]).status).toBe(0);
    const bytes = new Uint8Array(readFileSync(whole));
    // The global section (id 6): its size, its count (one global here), then global 0: type, mutability, initialiser.
    const globalAt = globalSectionPayload(bytes) + 1;
    expect([bytes[globalAt], bytes[globalAt + 1]]).toEqual([0x7f, 1]);
    bytes[globalAt + 1] = 0;
    const file = join(dir, 'immutable.core.wasm');
    writeFileSync(file, bytes);
    const module = join(example, 'return-string.wasm');
    const view = memscope(['snapshot', file, '--module', module]);
    expect([view.status, view.stderr]).toEqual([2,
      `memscope snapshot: ${module} is not the module ${file} was dumped from (it names return-string.wasm): global 0 is i32 in the dump (byte offset ${globalAt}), mutable i32 in ${module}\n`]);
  });

  it('a file named as a coredump that is too short for one is said to be, not a short snapshot', () => {
    for (const length of [0, 3]) {
      const file = join(dir, `short${length}.core.wasm`);
      writeFileSync(file, new Uint8Array([0, 0x61, 0x73]).subarray(0, length));
      const view = memscope(['snapshot', file]);
      expect([view.status, view.stderr]).toEqual([2,
        `memscope snapshot: ${file}: the file is ${length} bytes, too short for a Wasm coredump (a Wasm file starts with an 8-byte header: "\\0asm" and its version)\n`]);
    }
  });
});

/** Where the global section's contents start (past its id and size), walking the module's sections. */
function globalSectionPayload(bytes: Uint8Array): number {
  let pos = 8;
  const uleb = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[pos++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  };
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = uleb();
    if (id === 6) return pos;
    pos += size;
  }
  throw new Error('no global section');
}
