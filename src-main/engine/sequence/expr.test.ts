// Expression evaluation (exact 64-bit integers, floats, fields, errors) and directivesToConfig.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BoundValue } from '../../shared/dto.ts';
import { directivesToConfig, modulePath } from './directives.ts';
import { evaluateExpression } from './expr.ts';
import { parseSequence } from './parse.ts';

const bindings: Record<string, BoundValue> = {
  packed: { kind: 'int', value: '18446744069414584330' }, // 0xffffffff0000000a
  s: {
    kind: 'struct', type: '{ptr: u32, len: u32, in: {x: u8}}', address: 16, size: 12,
    fields: { ptr: { kind: 'int', value: '1024' }, len: { kind: 'int', value: '12' }, in: { kind: 'struct', type: '{x: u8}', address: 24, size: 1, fields: { x: { kind: 'int', value: '3' } } } },
  },
  f: { kind: 'float', value: 1.5 },
  t: { kind: 'text', value: 'hi', encoding: 'utf8', address: 0, byteLength: 2 },
};

const ok = (text: string): bigint => {
  const r = evaluateExpression(text, bindings);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const fail = (text: string): string => {
  const r = evaluateExpression(text, bindings);
  return r.ok ? 'ok' : `${r.error.code} @${r.error.where?.column}+${r.error.where?.length}: ${r.error.message}`;
};

describe('evaluateExpression', () => {
  it('evaluates goto expressions over bound names and struct fields', () => {
    expect(ok('s.ptr + 4')).toBe(1028n);
    expect(ok('s.in.x * (s.len - 2)')).toBe(30n);
    expect(ok('0x10')).toBe(16n);
  });

  it('is exact beyond 2^53 and past 64 bits', () => {
    expect(ok('packed >> 32')).toBe(0xffffffffn);
    expect(ok('packed & 0xffffffff')).toBe(10n);
    expect(ok('packed + 1')).toBe(18446744069414584331n);
    expect(ok('0xffffffffffffffff * 2')).toBe(0x1fffffffffffffffen);
    expect(ok('-7 / 2')).toBe(-3n);
    expect(ok('-7 % 2')).toBe(-1n);
    expect(ok('~0 ^ 5 | 1 << 3')).toBe(-6n | 8n);
  });

  it('reports errors with the column in the expression', () => {
    expect(fail('s.ptr / 0')).toBe('eval-error @1+9: division by zero');
    expect(fail('s.ptx')).toBe("eval-error @1+5: struct {ptr: u32, len: u32, in: {x: u8}} has no field 'ptx' (did you mean 'ptr'?)");
    expect(fail('1 + nope')).toBe("eval-error @5+4: unknown name 'nope'");
    expect(fail('t.len')).toBe("eval-error @1+5: '.len' needs a struct, but this is text");
    expect(fail('f * 2')).toBe('eval-error @1+5: the expression is a float, not an integer');
    expect(fail('1 << 200')).toBe('eval-error @1+8: shift count 200 is outside 0..128');
    expect(fail('f & 1')).toBe("eval-error @1+5: '&' does not apply to a float and an integer");
    expect(fail('1 +')).toBe("parse-error @4+1: expected a number, a string, a name or '(', found end of line");
    expect(fail('')).toBe("parse-error @1+1: expected an expression, found end of line");
    expect(fail('s.ptr 4')).toBe("parse-error @7+1: expected end of line after the expression, found '4'");
  });
});

describe('directivesToConfig', () => {
  it('maps every directive and resolves host paths against the sequence directory', () => {
    const { sequence, errors } = parseSequence(`module "m.wasm"
import env.log = print_utf8
arg "a" "b c"
arg "d"
env "K=V"
env "EMPTY="
dir "fixtures" as "/data"
dir "/abs/out" as "/out" rw
stdin "one\\n"
stdin "\\xff"
timeout 250
capture limit 90
deterministic
`);
    expect(errors).toEqual([]);
    expect(directivesToConfig(sequence.directives, '/seq/dir')).toEqual({
      importBindings: { 'env.log': 'print_utf8' },
      args: ['a', 'b c', 'd'],
      env: ['K=V', 'EMPTY='],
      preopens: [
        { guestPath: '/data', hostPath: resolve('/seq/dir/fixtures'), writable: false },
        { guestPath: '/out', hostPath: '/abs/out', writable: true },
      ],
      stdin: Uint8Array.from([0x6f, 0x6e, 0x65, 0x0a, 0xff]),
      timeoutMs: 250,
      captureLimitMs: 90_000,
      deterministic: true,
    });
    expect(modulePath(sequence.directives, '/seq/dir')).toBe(resolve('/seq/dir/m.wasm'));
  });

  it('leaves unset keys out', () => {
    expect(directivesToConfig([], '/x')).toEqual({});
    expect(modulePath([], '/x')).toBeUndefined();
  });
});
