// A Rust panic's trap says the panic: real panics from rustc 1.63 (testdata/rust-panic.wasm)
// through a session, and the message format of Rust 1.73 on, which no compiler here emits.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../host/test-helpers.ts';
import { rustPanicMessage, StderrTail } from './rust-panic.ts';

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
