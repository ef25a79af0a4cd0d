// How errors and guest stacks read: the code said once, frames named and placed, recursion folded.

import { describe, expect, it } from 'vitest';
import { errorText, stackLines } from './error-format.ts';

describe('error-format', () => {
  it('says the code once', () => {
    expect(errorText({ code: 'trap', message: 'trap: divide by zero in divide' })).toBe('trap: divide by zero in divide');
    expect(errorText({ code: 'trap', message: 'trap during the start function: unreachable' })).toBe('trap during the start function: unreachable');
    expect(errorText({ code: 'timeout', message: 'the call did not return within 5 s' })).toBe('timeout: the call did not return within 5 s');
  });

  it('names a frame with its function index only when the name is not already the index', () => {
    expect(stackLines({ stack: [
      { funcIndex: 4, name: 'divide', offset: 0xaf },
      { funcIndex: 2, name: 'func[2]', offset: 0x7a },
      { funcIndex: null, name: 'host', offset: undefined },
    ] })).toEqual(['at divide (func 4 @0xaf)', 'at func[2] (@0x7a)', 'at host']);
  });

  it('folds a run of the same frame (a stack overflow) into one line with its count', () => {
    const self = { funcIndex: 0, name: 'r', offset: 0x33 };
    expect(stackLines({ stack: [{ funcIndex: 0, name: 'r', offset: 0x2d }, ...Array(62).fill(self), { funcIndex: 1, name: 'main', offset: 0x40 }, self] }))
      .toEqual(['at r (func 0 @0x2d)', 'at r (func 0 @0x33) ×62', 'at main (func 1 @0x40)', 'at r (func 0 @0x33)']);
    expect(stackLines({})).toEqual([]);
  });

  it('says when the stack was deeper than V8 records: its outer frames are missing, and the last count is not the depth', () => {
    const self = { funcIndex: 9, name: 'deep', offset: 0x1d0 };
    expect(stackLines({ stack: Array(63).fill(self), stackCut: 64 }))
      .toEqual(['at deep (func 9 @0x1d0) ×63', '… and the outer frames, not recorded (V8 keeps the innermost 64 frames of a stack)']);
  });
});
