// The JavaScript world a Go js/wasm guest reaches through syscall/js: what Go's standard library
// needs works, and nothing leads out of it to the worker's real objects (an untrusted guest
// that reached Function could run any code in the worker).
import { describe, expect, it } from 'vitest';
import { goJsWorld } from './gojs-sandbox.ts';

function world() {
  const out: string[] = [];
  const w = goJsWorld({
    stdout: (b) => out.push(`1:${new TextDecoder().decode(b)}`),
    stderr: (b) => out.push(`2:${new TextDecoder().decode(b)}`),
    stdin: new TextEncoder().encode('ann\n'),
    random: (n) => new Uint8Array(n).fill(7),
    maxBytes: 1 << 20,
  });
  return { w, out, g: w.global };
}

describe('Go js/wasm world', () => {
  it('writes fs.write buffers for fds 1 and 2 and answers its callback, as fs_js.go expects', () => {
    const { w, out, g } = world();
    const fs = w.get(g, 'fs');
    const buf = w.construct(w.get(g, 'Uint8Array'), [3]) as Uint8Array;
    buf.set([104, 105, 10]);
    const answers: unknown[][] = [];
    w.call(fs, 'write', [1, buf, 0, 3, null, (...a: unknown[]) => answers.push(a)]);
    w.call(fs, 'write', [2, buf, 0, 3, null, (...a: unknown[]) => answers.push(a)]);
    expect(out).toEqual(['1:hi\n', '2:hi\n']);
    expect(answers).toEqual([[null, 3], [null, 3]]);
  });

  it('reads the session\'s stdin from fd 0, then 0 bytes: the end of the file', () => {
    const { w, g } = world();
    const buf = w.construct(w.get(g, 'Uint8Array'), [3]) as Uint8Array;
    const answers: unknown[][] = [];
    for (let i = 0; i < 3; i++) w.call(w.get(g, 'fs'), 'read', [0, buf, 0, 3, null, (...a: unknown[]) => answers.push([...a, new TextDecoder().decode(buf)])]);
    expect(answers).toEqual([[null, 3, 'ann'], [null, 1, '\nnn'], [null, 0, '\nnn']]);
  });

  it('answers every other file call with an ENOSYS error Go maps to "not implemented"', () => {
    const { w, g } = world();
    const errors: unknown[] = [];
    w.call(w.get(g, 'fs'), 'open', ['/etc/passwd', 0, 0, (e: unknown) => errors.push(e)]);
    w.call(w.get(g, 'fs'), 'write', [5, new Uint8Array(1), 0, 1, null, (e: unknown) => errors.push(e)]);
    expect(errors.map((e) => w.get(e, 'code'))).toEqual(['ENOSYS', 'ENOSYS']);
    expect(w.get(errors[0], 'message')).toMatch(/^fs\.open: not available to a Go js\/wasm guest in Memscope/);
    expect(w.call(w.get(g, 'process'), 'cwd', [])).toBe('/');
    expect(() => w.call(w.get(g, 'process'), 'chdir', ['/tmp'])).toThrow();
  });

  it('answers the zone as UTC and random bytes from the host', () => {
    const { w, g } = world();
    expect(w.call(w.construct(w.get(g, 'Date'), []), 'getTimezoneOffset', [])).toBe(0);
    const bytes = w.construct(w.get(g, 'Uint8Array'), [4]);
    expect(w.call(w.get(g, 'crypto'), 'getRandomValues', [bytes])).toEqual(new Uint8Array([7, 7, 7, 7]));
  });

  it('makes what js.ValueOf asks for: objects, arrays, and sees their members', () => {
    const { w, g } = world();
    const obj = w.construct(w.get(g, 'Object'), []);
    w.set(obj, 'answer', 42);
    expect(w.get(obj, 'answer')).toBe(42);
    const arr = w.construct(w.get(g, 'Array'), [2]);
    w.set(arr, 1, 'b');
    expect(w.length(arr)).toBe(2);
    expect(w.get(arr, 1)).toBe('b');
    expect(w.instanceOf(arr, w.get(g, 'Array'))).toBe(true);
    expect(w.instanceOf(obj, w.get(g, 'Array'))).toBe(false);
    expect(w.length('héllo')).toBe(5);
  });

  it('leads nowhere outside: no prototypes, no real constructors, no setters run', () => {
    const { w, g } = world();
    for (const v of [g, w.get(g, 'fs'), w.get(w.get(g, 'fs'), 'write'), w.get(g, 'Uint8Array'), w.construct(w.get(g, 'Array'), [1]),
      w.construct(w.get(g, 'Uint8Array'), [1]), w.construct(w.get(g, 'Object'), [])]) {
      for (const key of ['constructor', '__proto__', 'prototype', 'buffer', 'call', 'apply', 'bind']) {
        const reached = w.get(v, key);
        expect(reached === undefined || (typeof reached === 'object' && reached !== null && Object.getPrototypeOf(reached) === null) || typeof reached === 'number',
          `${key}`).toBe(true);
      }
    }
    expect(w.get(g, 'process')).not.toBe(globalThis.process);
    expect(w.get(g, 'globalThis')).toBe(g);
    expect(() => w.construct(w.get(w.get(g, 'fs'), 'write'), [])).toThrow(/not a constructor Memscope provides/);
    const arr = w.construct(w.get(g, 'Array'), []) as unknown[];
    w.set(arr, '__proto__', { evil: true });
    expect(Object.getPrototypeOf(arr)).toBe(Array.prototype);
    expect(() => w.construct(w.get(g, 'Uint8Array'), [(1 << 20) + 1])).toThrow(/from a length of 0 to 1048576 bytes only/);
  });
});
