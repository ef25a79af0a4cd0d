import { describe, expect, it } from 'vitest';
import { errorHeading, formatLocation } from './error-format.ts';

describe('error locations in words', () => {
  it('says which file, section and byte offset a malformed module failed at', () => {
    expect(formatLocation({ file: 'bad.wasm', offset: 8, section: 'type' })).toBe('bad.wasm: type section, byte offset 8 (0x8)');
    expect(formatLocation({ offset: 300 })).toBe('byte offset 300 (0x12c)');
    expect(formatLocation({ file: 'bad.wasm', offset: 8, section: 'type' }, 'type section: declares 5 bytes')).toBe('bad.wasm: byte offset 8 (0x8)');
  });
  it('gives a sequence position as line:column', () => {
    expect(formatLocation({ file: 'a.wseq', line: 3, column: 7 })).toBe('a.wseq: line 3:7');
    expect(formatLocation({ line: 3 })).toBe('line 3');
  });
  it('is empty without a location', () => {
    expect(formatLocation(undefined)).toBe('');
    expect(formatLocation({})).toBe('');
  });
});

describe('the error bar heading', () => {
  const ended = { code: 'cannot-step' as const, message: 'every step has run; reset to start again' };
  it('says the sequence has ended, not the code, when F10 is pressed after the last step', () => {
    expect(errorHeading(ended, { ...ended }, 3, 3)).toBe('end of sequence');
  });
  it('says a refused step cannot run when it is not the end', () => {
    const busy = { code: 'cannot-step' as const, message: 'a step is already running; wait for it or press Stop' };
    expect(errorHeading(busy, busy, 1, 3)).toBe('cannot step');
    // No steps at all is not an end: nextStep 0 of 0 steps.
    const none = { code: 'cannot-step' as const, message: 'no sequence is open: open a .wseq file or write one in the editor' };
    expect(errorHeading(none, none, 0, 0)).toBe('cannot step');
    // Refused while a step ran, then that step was the last: the refusal shown is not "the end".
    expect(errorHeading(busy, ended, 3, 3)).toBe('cannot step');
    // Shown still after a reset (no reason now): it was a refusal all the same.
    expect(errorHeading(ended, null, 0, 3)).toBe('cannot step');
  });
  it('keeps the code of every other error', () => {
    expect(errorHeading({ code: 'usage', message: 'argument 2 of f (i64): "seven" is not a number' }, ended, 3, 3)).toBe('usage');
    const parse = { code: 'parse-error' as const, message: 'the sequence has 1 error, first at line 2: x' };
    expect(errorHeading(parse, parse, 0, 3)).toBe('parse-error');
    const gone = { code: 'terminated' as const, message: 'the guest is not running; reset to continue' };
    expect(errorHeading(gone, gone, 3, 3)).toBe('terminated');
  });
});
