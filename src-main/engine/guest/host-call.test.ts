// The one host-call recorder: every call leaves exactly one record, closed by after() or by
// abort() when the host function throws (the throw still unwinds the guest), never twice.
import { describe, expect, it } from 'vitest';
import type { ImportCallRecord } from '../../shared/dto.ts';
import { beforeHostCall, recordsTo } from './host-call.ts';
import { quote } from './arg-decoder.ts';
import { hostFunction, type ImportContext } from './import-context.ts';

function context(records: ImportCallRecord[]): ImportContext {
  return {
    memory: () => { throw new Error('no memory'); },
    stdout: () => {},
    stderr: () => {},
    calls: recordsTo((r) => records.push(r)),
    deterministic: true,
    memoryCapBytes: 1 << 30,
    exports: () => ({}),
    functionNames: {},
  };
}

describe('host-call recorder', () => {
  it('closes a call once: after() writes the record, a second close is refused', () => {
    const records: ImportCallRecord[] = [];
    const call = beforeHostCall({ module: 'env', name: 'f', binding: 'stub', params: ['a', 'b'] }, [1, 2n], recordsTo((r) => records.push(r)));
    call.after({ results: [0], outcome: 'ok' });
    expect(() => call.abort({ results: [] }, new Error('late'))).toThrow(/closed twice/);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ module: 'env', name: 'f', binding: 'stub', args: [{ type: 'i32', bits: 1 }, { type: 'i64', bits: '0000000000000002' }], summary: 'f(a=1, b=2) → ok', results: [{ type: 'i32', bits: 0 }] });
  });

  it('a host function that throws leaves one record (abort) and the throw goes on', () => {
    const records: ImportCallRecord[] = [];
    const fn = hostFunction({ module: 'env', name: 'boom', binding: 'builtin' }, context(records), () => { throw new Error('no'); });
    expect(() => fn(7)).toThrow('no');
    expect(records.map((r) => r.summary)).toEqual(['boom(7) ✗ no']);
    const ok = hostFunction({ module: 'env', name: 'fine', binding: 'builtin', show: 'fine!' }, context(records), ([a]) => a);
    expect(ok(3)).toBe(3);
    expect(records.map((r) => [r.summary, r.results])).toEqual([['boom(7) ✗ no', []], ['fine!', [{ type: 'i32', bits: 3 }]]]);
  });

  it('quotes text once, cut at a limit with the ellipsis outside the quotes', () => {
    expect(quote('hi\n')).toBe('"hi\\n"');
    expect(quote('abcdef', 3)).toBe('"abc"…');
  });
});
