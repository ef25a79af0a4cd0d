// Every request's params are checked before they reach the session: bad ones are 'usage' values.
import { describe, expect, it } from 'vitest';
import { validateParams } from './validate.ts';
import { MAX_READ_BYTES } from '../shared/dto.ts';

function usageMessage(name: Parameters<typeof validateParams>[0], params: unknown): string {
  const r = validateParams(name, params);
  if (r.ok) throw new Error(`expected ${name} ${JSON.stringify(params)} to be rejected`);
  expect(r.error.code).toBe('usage');
  return r.error.message;
}

describe('validateParams', () => {
  it('accepts good params and returns clean copies', () => {
    expect(validateParams('readMemory', { address: 0x10000, length: 4096 })).toEqual({ ok: true, value: { address: 0x10000, length: 4096 } });
    expect(validateParams('writeMemory', { address: 0x10, bytes: new Uint8Array([1]) })).toEqual({ ok: true, value: { address: 0x10, bytes: new Uint8Array([1]) } });
    expect(validateParams('readMemory', { address: 0, length: 16, step: -1 })).toEqual({ ok: true, value: { address: 0, length: 16, step: -1 } });
    expect(validateParams('setBreakpoints', { lines: [9, 3, 9] })).toEqual({ ok: true, value: { lines: [3, 9] } });
    const watch = { name: 'i in scale', address: 0x103f8, size: 4, stop: true, frameStep: 3 };
    expect(validateParams('setWatches', { watches: [watch, { name: 'w', address: 0, size: 1, stop: false }] })).toEqual({ ok: true, value: { watches: [watch, { name: 'w', address: 0, size: 1, stop: false }] } });
    expect(validateParams('step', undefined)).toEqual({ ok: true, value: {} });
    const bytes = new Uint8Array([0, 97, 115, 109]);
    const open = validateParams('openModule', { module: { name: '/tmp/dir/a.wasm', bytes } });
    expect(open).toEqual({ ok: true, value: { module: { name: 'a.wasm', bytes } } });
  });

  it('rejects wrong types, ranges and unknown keys with a message naming the problem', () => {
    expect(usageMessage('writeMemory', { address: 16, bytes: new Uint8Array(0) })).toBe('writeMemory: bytes must be 1 to 1048576 bytes');
    expect(usageMessage('writeMemory', { address: 16, bytes: [1, 2] })).toBe('writeMemory: bytes must be 1 to 1048576 bytes');
    expect(usageMessage('writeMemory', { address: 2 ** 33, bytes: new Uint8Array(1) })).toBe('writeMemory: address must be an integer in [0, 2^32]');
    const shape = 'must be { name, address, size, stop, frameStep? }: a non-empty name, an address in [0, 2^32], a size of at least 1, stop true or false, a step index';
    expect(usageMessage('setWatches', { watches: [{ name: 'a', address: 0, size: 4, stop: true }, { name: '', address: 0, size: 4, stop: true }] })).toBe(`setWatches: watches[1] ${shape}`);
    expect(usageMessage('setWatches', { watches: [{ name: 'a', address: 0, size: 0, stop: true }] })).toBe(`setWatches: watches[0] ${shape}`);
    expect(usageMessage('setWatches', { watches: [{ name: 'a', address: 0, size: 4, stop: true, frameStep: -1 }] })).toBe(`setWatches: watches[0] ${shape}`);
    expect(usageMessage('setWatches', { watches: [{ name: 'a', address: 0, size: 4, stop: true, extra: 1 }] })).toBe(`setWatches: watches[0] ${shape}`);
    expect(usageMessage('setWatches', { watches: 'all' })).toBe('setWatches: watches must be an array of at most 1000 watches');
    expect(usageMessage('readMemory', { address: -1, length: 4 })).toMatch(/address/);
    expect(usageMessage('readMemory', { address: 1.5, length: 4 })).toMatch(/address/);
    expect(usageMessage('readMemory', { address: '16', length: 4 })).toMatch(/address/);
    expect(usageMessage('readMemory', { address: 0, length: MAX_READ_BYTES + 1 })).toMatch(/1 MiB/);
    expect(usageMessage('readMemory', { address: 0, length: 4, step: -2 })).toMatch(/step/);
    expect(usageMessage('readMemory', { address: 0, length: 4, extra: 1 })).toMatch(/unknown parameter "extra"/);
    expect(usageMessage('runToLine', { line: 0 })).toMatch(/line/);
    expect(usageMessage('setBreakpoints', { lines: 'all' })).toMatch(/lines/);
    expect(usageMessage('openDemo', { id: '../etc' })).toMatch(/demo id/);
    expect(usageMessage('openModule', { module: { name: 'a.wasm', bytes: [0, 97] } })).toMatch(/bytes/);
    expect(usageMessage('openModule', { module: { name: '', bytes: new Uint8Array() } })).toMatch(/name/);
    expect(usageMessage('setSequence', { name: 'x.wseq', text: 42 })).toMatch(/text/);
    expect(usageMessage('evaluate', { expression: '   ' })).toMatch(/expression/);
    expect(usageMessage('evaluate', { expression: 'p', step: 1.5 })).toMatch(/step/);
    expect(validateParams('evaluate', { expression: 'p', step: 1 })).toEqual({ ok: true, value: { expression: 'p', step: 1 } });
    expect(usageMessage('heap', { step: 'last' })).toMatch(/step/);
    expect(validateParams('heap', { step: 2 })).toEqual({ ok: true, value: { step: 2 } });
    expect(usageMessage('exportSnapshot', { format: 'zip' })).toMatch(/format/);
    expect(usageMessage('step', [])).toMatch(/object/);
    expect(usageMessage('step', null)).toMatch(/object/);
    expect(usageMessage('nope' as never, {})).toMatch(/unknown request/);
    expect(usageMessage('constructor' as never, {})).toMatch(/unknown request/);
  });

  it('takes the window a step request names for its event, and refuses a bad one', () => {
    expect(validateParams('step', { window: { address: 16, length: 4096 } })).toEqual({ ok: true, value: { window: { address: 16, length: 4096 } } });
    expect(validateParams('runToLine', { line: 3, window: { address: 0, length: 0 } })).toEqual({ ok: true, value: { line: 3, window: { address: 0, length: 0 } } });
    expect(usageMessage('run', { window: { address: 0, length: MAX_READ_BYTES + 1 } })).toMatch(/window/);
    expect(usageMessage('step', { window: { address: -1, length: 4 } })).toMatch(/window/);
    expect(usageMessage('step', { window: { address: 0, length: 4, step: 2 } })).toMatch(/window/);
    expect(usageMessage('step', { window: [0, 4] })).toMatch(/window/);
  });

  it('takes the same options (window, heap) on every request that runs steps or makes a fresh session', () => {
    const bytes = new Uint8Array([0, 97, 115, 109]);
    const own: Record<string, Record<string, unknown>> = {
      step: {}, run: {}, reset: {}, stepBack: { to: 2 }, reverseContinue: {}, setTraceWrites: { on: true }, openDemo: { id: 'c-struct' },
      openModule: { module: { name: 'a.wasm', bytes }, sequence: { name: 'a.wseq', text: 'f()' } },
      openImage: { image: { name: 'a.msnap', bytes } }, setSequence: { name: 'a.wseq', text: 'f()' }, runToLine: { line: 3 },
    };
    const window = { address: 16, length: 64 };
    for (const [name, params] of Object.entries(own)) {
      const request = name as Parameters<typeof validateParams>[0];
      expect(validateParams(request, { ...params, window, heap: true }), name).toEqual({ ok: true, value: { ...params, window, heap: true } });
      // heap: false is the default, so it is left out.
      expect(validateParams(request, { ...params, heap: false }), name).toEqual({ ok: true, value: params });
      expect(usageMessage(request, { ...params, heap: 'yes' }), name).toBe(`${name}: heap must be true or false`);
      expect(usageMessage(request, { ...params, windows: window }), name).toBe(`${name}: unknown parameter "windows"`);
    }
    expect(usageMessage('stepBack', { to: -1, heap: true })).toBe('stepBack: to must be a step index >= 0 (the step that runs next)');
    expect(usageMessage('setTraceWrites', { window })).toBe('setTraceWrites: on must be true or false');
  });
});

describe('validateParams messages name the key the client sent', () => {
  it("names setSequence's own name and text, and openModule's sequence.name and sequence.text", () => {
    // setSequence takes {name, text} at the top: "sequence.name" pointed at a key it has none of.
    expect(usageMessage('setSequence', { text: 'f()' })).toBe('setSequence: name must be a file name of 1..255 characters');
    expect(usageMessage('setSequence', { name: 'a.wseq', text: 42 })).toBe('setSequence: text must be a string of at most 1048576 characters');
    const module = { name: 'a.wasm', bytes: new Uint8Array([0, 97, 115, 109]) };
    expect(usageMessage('openModule', { module, sequence: { name: '', text: '' } })).toBe('openModule: sequence.name must be a file name of 1..255 characters');
    expect(usageMessage('openModule', { module, sequence: { name: 'a.wseq' } })).toBe('openModule: sequence.text must be a string of at most 1048576 characters');
  });

  it('says what arrived where an object of params was expected', () => {
    expect(usageMessage('step', null)).toBe('step: params must be an object, not null');
    expect(usageMessage('step', [])).toBe('step: params must be an object, not an array');
    expect(usageMessage('readMemory', '{"address":0}')).toBe('readMemory: params must be an object, not a string');
    expect(usageMessage('heap', new Uint8Array(2))).toBe('heap: params must be an object, not bytes');
  });
});

describe('a file over the app\'s limit', () => {
  it('names its size and limit in MiB and the CLI command that reads it by path', () => {
    // An image between the app's 32 MiB and the page's 65 MiB message limit got here and was
    // refused as "image is larger than 33554432 bytes", with no way round it.
    const image = { name: 'big.core', bytes: new Uint8Array((40 << 20) + 1) };
    expect(usageMessage('openImage', { image })).toBe(
      'openImage: image is 40.01 MiB, more than the 32 MiB the app opens; view an image this large with `memscope snapshot FILE` in a terminal');
    const module = { name: 'big.wasm', bytes: new Uint8Array((32 << 20) + 1) };
    expect(usageMessage('openModule', { module })).toBe(
      'openModule: module is 32.01 MiB, more than the 32 MiB the app opens; run a module this large with `memscope run SEQUENCE.wseq` in a terminal');
  });
});
