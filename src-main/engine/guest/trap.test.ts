// Trap stacks: V8's wasm frames parsed and named; host frames left out.

import { describe, expect, it } from 'vitest';
import { guestFrames, trapError } from './trap.ts';

describe('trap', () => {
  it('parses named and anonymous wasm frames, innermost first', () => {
    const stack = [
      'RuntimeError: divide by zero',
      '    at divide (wasm://wasm/1a2b3c4d:wasm-function[5]:0x1f0)',
      '    at wasm://wasm/1a2b3c4d:wasm-function[2]:0x1a2',
      '    at GuestInstance.call (file:///x/guest-instance.ts:10:5)',
    ].join('\n');
    expect(guestFrames(stack, { 5: 'divide' })).toEqual([
      { funcIndex: 5, name: 'divide', offset: 0x1f0 },
      { funcIndex: 2, name: 'func[2]', offset: 0x1a2 },
    ]);
  });

  it('makes a trap error with the innermost function in the message', () => {
    const error = new Error('unreachable');
    error.stack = 'RuntimeError: unreachable\n    at wasm://wasm/00:wasm-function[1]:0x10';
    expect(trapError(error, { 1: 'check' })).toEqual({
      code: 'trap', message: 'trap: unreachable in check', stack: [{ funcIndex: 1, name: 'check', offset: 16 }],
    });
  });
});
