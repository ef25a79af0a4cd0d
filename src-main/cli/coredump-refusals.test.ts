// `memscope snapshot` refusing a coredump, or a part of one, saying which memory and where in the
// dump: a dump of several memories, a --module its frames cannot run in, a file too short to be one.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globalSection, trapThenHelper } from '../engine/testing.ts';
import { demoCoredump } from './testing/demo-coredump.ts';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const TRAP = join(PACKAGE_ROOT, 'resources/examples/trap');

/** Where the payload of the custom section named `name` starts: just past its name. */
function payloadOf(bytes: Uint8Array, name: string): number {
  const at = Buffer.from(bytes).indexOf(Buffer.from(name));
  expect(at, name).toBeGreaterThan(0);
  return at + name.length;
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
    const bytes = new Uint8Array(readFileSync(demoCoredump(dir, 'trap', 1)));
    // corestack's payload: 0x00, the thread name (length, bytes), the frame count, then frame #0:
    // 0x00, instance, function index (each one LEB byte here).
    const section = payloadOf(bytes, 'corestack');
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
    const bytes = new Uint8Array(readFileSync(demoCoredump(dir, 'return-string', 0)));
    // The global section's contents: its count (one global here), then global 0: type, mutability, initialiser.
    const globalAt = globalSection(bytes)!.start + 1;
    expect([bytes[globalAt], bytes[globalAt + 1]]).toEqual([0x7f, 1]);
    bytes[globalAt + 1] = 0;
    const file = join(dir, 'immutable.core.wasm');
    writeFileSync(file, bytes);
    const module = join(PACKAGE_ROOT, 'resources/examples/return-string/return-string.wasm');
    const view = memscope(['snapshot', file, '--module', module]);
    expect([view.status, view.stderr]).toEqual([2,
      `memscope snapshot: ${module} is not the module ${file} was dumped from (it names return-string.wasm): global 0 is i32 in the dump (byte offset ${globalAt}), mutable i32 in ${module}\n`]);
  });

  it('--module declaring another number of globals: the refusal gives the byte offset of the instance whose globals the dump holds', () => {
    const whole = demoCoredump(dir, 'return-string', 0);
    const bytes = new Uint8Array(readFileSync(whole));
    // coreinstances' payload: the instance count, then instance 0: 0x00, module index, memories, globals.
    const instanceAt = payloadOf(bytes, 'coreinstances') + 1;
    expect(bytes[instanceAt]).toBe(0);
    // trap.wasm has no globals; the clean run's dump holds return-string's one (no frames to refuse first).
    const module = join(TRAP, 'trap.wasm');
    const view = memscope(['snapshot', whole, '--module', module]);
    expect([view.status, view.stderr]).toEqual([2,
      `memscope snapshot: ${module} is not the module ${whole} was dumped from (it names return-string.wasm): the dump holds 1 global (byte offset ${instanceAt}), ${module} declares 0\n`]);
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

