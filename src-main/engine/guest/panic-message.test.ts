// A panic's failure says the panic: real Rust panics from rustc 1.63 (testdata/rust-panic.wasm)
// through a session, the message format of Rust 1.73 on, which no compiler here emits, and Go's
// panic text (its exit code 2).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { goPanicMessage, rustPanicMessage, StderrTail } from './panic-message.ts';

const open = openSessionsDisposedAfterEach();
const PANICS = resolve(import.meta.dirname, 'testdata/rust-panic.wasm');

describe('a Rust panic', () => {
  it('fails its step with the panic\'s place and message, and the stack it unwound from', async () => {
    const session = await open(PANICS, { sequence: 'q = checked_div(7, 2)\nz = checked_div(1, 0)\n' });
    const [ok, panicked] = await session.run();
    expect(ok!.bound.q).toMatchObject({ value: '3' });
    expect(panicked!.error?.message).toBe(
      'trap: Rust panicked at rust-panic.rs:6:9: division by zero: 1 / 0 (a panic ends in a trap on wasm32: unreachable in __rust_start_panic)');
    expect(panicked!.error?.stack?.map((f) => f.name)).toContain('checked_div');
  });

  it('unwinds the same stack with writes traced: the trapping unreachable is placed in the file, though Binaryen dropped the dead one after it', async () => {
    const stack = async (traceWrites: boolean) => {
      const session = await open(PANICS, { sequence: 'z = checked_div(1, 0)\n', config: { traceWrites } });
      const [panicked] = await session.run();
      return panicked!.error?.stack?.map((f) => [f.name, f.offset]);
    };
    const untraced = await stack(false);
    expect(untraced?.[0]).toEqual(['__rust_start_panic', 0x5477]);
    expect(await stack(true)).toEqual(untraced);
  });

  it('reads an index out of bounds, and only the panic of the call that failed', async () => {
    const session = await open(PANICS, { sequence: 'z = checked_div(1, 0)\nx = index(7)\n' });
    // The run stops at the first failure: the second panic is its own run's.
    expect((await session.run())[0]!.ok).toBe(false);
    const again = await session.call('index', ['7']);
    expect(again.ok && again.value.error?.message).toMatch(/^trap: Rust panicked at rust-panic\.rs:14:5: index out of bounds: the len is 3 but the index is 7 \(/);
  });

  it('reads the format of Rust 1.73 on (place, then the message on its own line)', () => {
    const tail = new StderrTail();
    tail.push(new TextEncoder().encode("thread '<unnamed>' panicked at src/lib.rs:4:17:\ndivision by zero\nnote: run with `RUST_BACKTRACE=1`\n"));
    expect(rustPanicMessage('trap: unreachable in __rust_start_panic', [{ funcIndex: 1, name: '__rust_start_panic', offset: 0 }], tail))
      .toBe('trap: Rust panicked at src/lib.rs:4:17: division by zero (a panic ends in a trap on wasm32: unreachable in __rust_start_panic)');
  });

  it('says nothing more for a trap no panic frame is on, and keeps only the end of a long stderr', () => {
    const tail = new StderrTail();
    expect(rustPanicMessage('trap: unreachable in f', [{ funcIndex: 1, name: 'f', offset: 0 }], tail)).toBeNull();
    tail.push(new TextEncoder().encode('x'.repeat(5000)));
    tail.push(new TextEncoder().encode("thread 'main' panicked at 'late', a.rs:1:1\n"));
    expect(tail.text().length).toBeLessThanOrEqual(2048 + 64);
    expect(rustPanicMessage('trap: unreachable', [{ funcIndex: 1, name: 'rust_panic', offset: 0 }], tail)).toMatch(/^trap: Rust panicked at a\.rs:1:1: late /);
  });
});

describe('a Go panic', () => {
  const tail = (text: string) => {
    const t = new StderrTail();
    t.push(new TextEncoder().encode(text));
    return t;
  };

  it('names the panic and the first place in the program, past the runtime\'s frames', () => {
    const stderr = 'about to write\npanic: assignment to entry in nil map\n\ngoroutine 1 [running]:\n'
      + 'runtime.mapassign_faststr(0x1, 0x2)\n\t/usr/lib/go-1.19/src/runtime/map_faststr.go:203 +0x1\nmain.main()\n\t/tmp/go/main.go:6 +0x5\n';
    expect(goPanicMessage(2, tail(stderr))).toBe('Go panicked at /tmp/go/main.go:6: assignment to entry in nil map');
  });

  it('says nothing for another exit code, or a stderr with no panic', () => {
    expect(goPanicMessage(1, tail('panic: x\n'))).toBeNull();
    expect(goPanicMessage(2, tail('usage: prog FILE\n'))).toBeNull();
    expect(goPanicMessage(2, tail('no panic: here\n'))).toBeNull();
  });
});
