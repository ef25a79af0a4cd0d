import { describe, expect, it } from 'vitest';
import { keptSteps, planEdit, statementOf, stepTexts } from './edit-plan.ts';

const TEXT = [
  '# return a string',            // 1
  'module "return-string.wasm"',  // 2
  'timeout 1000',                 // 3
  'ret = malloc(8)   # a slot',   // 4
  '',                             // 5
  'ReturnString(ret)',            // 6
  'write utf8 "a # b" @ ret',     // 7
].join('\n');
const ran = [{ source: 'ret = malloc(8)' }, { source: 'ReturnString(ret)' }];

describe('edit plan', () => {
  it('reads statements without comments, keeping # inside strings', () => {
    expect(statementOf('  ret = malloc(8)   # a slot')).toBe('ret = malloc(8)');
    expect(statementOf('write utf8 "a # b\\" #" @ p # note')).toBe('write utf8 "a # b\\" #" @ p');
    expect(statementOf('# only a comment')).toBe('');
  });
  it('finds the step lines: exactly from the engine\'s stepLines, or by leaving out directives', () => {
    expect(stepTexts(TEXT).map((s) => s.line)).toEqual([4, 6, 7]);
    expect(stepTexts(TEXT, [4, 6])).toEqual([{ line: 4, text: 'ret = malloc(8)' }, { line: 6, text: 'ReturnString(ret)' }]);
  });
  it('keeps the steps that ran while they still lead the edited text', () => {
    expect(keptSteps(ran, stepTexts(TEXT))).toBe(2);
    expect(planEdit(ran, `${TEXT}\n# a note\nfree(ret)\n`)).toEqual({ kept: 2, ran: 2, changedLine: null });
    expect(planEdit(ran, TEXT.replace('malloc(8)', 'malloc(16)'))).toEqual({ kept: 0, ran: 2, changedLine: 4 });
    expect(planEdit(ran, TEXT.replace('ReturnString(ret)', 'x = 1\nReturnString(ret)'))).toEqual({ kept: 1, ran: 2, changedLine: 6 });
    expect(planEdit(ran, 'ret = malloc(8)\n')).toEqual({ kept: 1, ran: 2, changedLine: null });
  });
});
