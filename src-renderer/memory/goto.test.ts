import { describe, expect, it } from 'vitest';
import type { BoundValue, Region } from '../../src-main/shared/dto.ts';
import { resolveGoto, type GotoNames } from './goto.ts';

const regions: Region[] = [{ id: 1, name: 'text', kind: 'text', start: 0x10630, size: 12, freed: false, createdStep: 3 }];
const bindings: GotoNames = { live: {}, shown: {} };
const asked: string[] = [];
const evaluate = async (e: string) => {
  asked.push(e);
  return e === 's.ptr + 4' ? { value: '67124' } : { error: `unknown name in ${e}` };
};

describe('goto', () => {
  it('takes addresses and names without asking the session', async () => {
    expect(await resolveGoto('0x400', 65536, regions, bindings, evaluate)).toEqual({ address: 0x400 });
    expect(await resolveGoto('text', 131072, regions, bindings, evaluate)).toEqual({ address: 0x10630 });
    expect(await resolveGoto('  ', 65536, regions, bindings, evaluate)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('asks the session to evaluate an expression, and passes its error on', async () => {
    expect(await resolveGoto('s.ptr + 4', 131072, regions, bindings, evaluate)).toEqual({ address: 67124 });
    expect(await resolveGoto('nope + 1', 131072, regions, bindings, evaluate)).toEqual({ error: 'unknown name in nope + 1' });
  });

  it('names the column of an expression that does not parse, as typed in the box', async () => {
    const fails = async () => ({ error: "expected a number, a string, a name or '(', found end of line", column: 7 });
    expect(await resolveGoto('0x10 +', 131072, regions, bindings, fails)).toEqual({ error: "column 7: expected a number, a string, a name or '(', found end of line" });
    expect(await resolveGoto('  0x10 +', 131072, regions, bindings, fails)).toEqual({ error: "column 9: expected a number, a string, a name or '(', found end of line" });
  });

  it('takes a name as bound at the step shown; one a later step binds is asked for, not read as hex', async () => {
    // `ab` is text at 0x100 after step 2, rebound at 0x200 by step 4; `cd` is bound by step 5 only.
    const at = (address: number): BoundValue => ({ kind: 'text', value: 'hi', encoding: 'utf8', address, byteLength: 2 });
    const names: GotoNames = { live: { ab: at(0x200), cd: at(0x300) }, shown: { ab: at(0x100) } };
    const notYet = async (e: string) => ({ error: `unknown name '${e}' (not bound yet after step 3: step 5 binds it)`, column: 1 });
    expect(await resolveGoto('ab', 65536, [], names, notYet)).toEqual({ address: 0x100 });
    expect(await resolveGoto('cd', 65536, [], names, notYet)).toEqual({ error: "column 1: unknown name 'cd' (not bound yet after step 3: step 5 binds it)" });
  });

  it('says where memory ends for an address past it', async () => {
    expect(await resolveGoto('0x20000', 131072, regions, bindings, evaluate)).toEqual({ error: '0x20000 (131072) is outside memory (0x0 … 0x1ffff, 131072 bytes)' });
    expect(await resolveGoto('s.ptr - 0x20000', 131072, regions, bindings, async () => ({ value: '-65484' }))).toEqual({ error: '-65484 is not an address' });
  });
});
