// Static constructors: a module that exports `__wasm_call_ctors` and no `_initialize` (an
// Emscripten JS-glue build) has them run at instantiation, as the glue runs them, recorded as
// the session's init call; a module with `_initialize` runs that instead (it calls them itself).

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectOutput, example, openSessionsDisposedAfterEach, text } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const CTORS = resolve(import.meta.dirname, 'testdata/emscripten-runtime/ctors-js.wasm');

describe('static constructors at instantiation', () => {
  it('runs an Emscripten library\'s __wasm_call_ctors first: std::cout and a global object work in the first call', async () => {
    const session = await open(CTORS, { sequence: 'n = describe()\n' });
    const chunks = collectOutput(session);
    expect(session.initCall?.export).toBe('__wasm_call_ctors');
    expect(session.initCall?.error).toBeUndefined();
    const [step] = await session.run();
    expect(step!.error?.message).toBeUndefined();
    expect(step!.bound.n).toMatchObject({ value: '3' });
    expect(text(chunks, 'stdout')).toBe('built by its constructor, 3 rows\n');
  });

  it('a reactor runs its _initialize, which runs the constructors itself', async () => {
    const session = await open(example('emscripten-greet'), { sequence: '' });
    expect(session.initCall?.export).toBe('_initialize');
  });
});
