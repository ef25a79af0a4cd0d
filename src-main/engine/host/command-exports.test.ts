// A WASI command's export called after _start traps in the destructors wasm-ld wraps it in:
// the failed step says so, and what to build instead; the reactor build of the same code runs.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectOutput, openSessionsDisposedAfterEach, text } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const DIR = resolve(import.meta.dirname, '../module/testdata/command-exports');

describe("a command's wrapped export", () => {
  it('traps in the atexit list _start already ran: the step names the destructors and says to build a reactor', async () => {
    const session = await open(resolve(DIR, 'command-exports.wasm'), { sequence: '_start()\na = twice(2)\n' });
    const chunks = collectOutput(session);
    const [start, twice] = await session.run();
    expect(start!.ok).toBe(true);
    expect(text(chunks, 'stdout')).toBe('main\nbye\n');
    expect(twice!.ok).toBe(false);
    expect(twice!.error?.message).toBe("trap: null function or function signature mismatch in __funcs_on_exit; it trapped in the program's destructors "
      + "(__wasm_call_dtors, which _start runs after main): twice is a WASI command's export, which wasm-ld wraps to run them around every "
      + 'call, so they ran again after _start or an earlier call had run them (atexit handlers and C++ statics do not survive that); '
      + 'build the module as a library (clang -mexec-model=reactor) to call its exports');
    expect(twice!.error?.stack?.map((f) => f.name)).toEqual(['__funcs_on_exit', '__wasm_call_dtors', 'twice.command_export']);
  });

  it('built as a reactor, the same function is called bare, as often as asked', async () => {
    const session = await open(resolve(DIR, 'command-exports-reactor.wasm'), { sequence: 'a = twice(2)\nb = twice(a)\n' });
    const records = await session.run();
    expect(records.map((r) => [r.ok, r.bound])).toEqual([[true, { a: { kind: 'int', value: '4', bits: 32 } }], [true, { b: { kind: 'int', value: '8', bits: 32 } }]]);
  });
});
