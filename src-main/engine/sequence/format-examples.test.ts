// FORMAT.md's examples, taken from the file itself: each in the first column of its tables
// parses as the kind of line its row describes, and the ones whose meaning the text spells
// out mean that. A row whose example stops parsing, or a new one that never did, fails here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BoundValue } from '../../shared/dto.ts';
import { evaluateExpression } from './expr.ts';
import { parseSequence } from './parse.ts';

const FORMAT = readFileSync(join(import.meta.dirname, 'FORMAT.md'), 'utf8');

/** The examples in the first column of every table row: `a` / `b`, `c` → each code span. */
function tableExamples(): string[] {
  const out: string[] = [];
  for (const row of FORMAT.split('\n').filter((l) => l.startsWith('| `'))) {
    const cell = row.split(/(?<!\\)\|/)[1]!;
    for (const m of cell.matchAll(/`([^`]+)`/g)) out.push(m[1]!.replace(/\\\|/g, '|'));
  }
  return out;
}

/**
 * Examples in the table's notation rather than as lines: optional parts in brackets, and
 * address expressions shown without the step around them. Each stands for these lines.
 */
const NOTATION: Record<string, string[]> = {
  'dir "host" as "/guest" [rw|ro]': ['dir "host" as "/guest"', 'dir "host" as "/guest" rw', 'dir "host" as "/guest" ro'],
  'watch NAME @ ADDR [LEN] [stop]': ['watch NAME @ ADDR', 'watch NAME @ ADDR [LEN]', 'watch NAME @ ADDR [LEN] stop'],
  '&origin.y': ['p = &origin.y'],
  '&grid[1][2]': ['p = &grid[1][2]'],
};

describe('FORMAT.md examples', () => {
  const examples = tableExamples();

  it('are found (one per directive and step row at least)', () => {
    expect(examples.length).toBeGreaterThan(35);
    expect(examples).toContain('module "m.wasm"');
    expect(examples).toContain('q = realloc!(p, n)');
  });

  it('each parse, as a directive in the directives table and a step in the steps table', () => {
    const steps = FORMAT.slice(FORMAT.indexOf('## Steps'));
    for (const example of examples) {
      for (const line of NOTATION[example] ?? [example]) {
        const { sequence, errors } = parseSequence(`${line}\n`);
        expect(errors.map((e) => e.message), line).toEqual([]);
        const isStep = steps.includes(`\`${example}\``);
        expect(isStep ? sequence.steps.length : sequence.directives.length, line).toBe(1);
      }
    }
  });

  it('mean what the text says', () => {
    const one = (line: string) => parseSequence(`${line}\n`).sequence;
    expect(one('arg "caf\\xc3\\xa9"').directives[0]).toMatchObject({ kind: 'arg', values: ['café'] });
    expect(one('bookmark "name" @ 0x10620 [8] green').directives[0]).toMatchObject({ start: 0x10620, size: 8, colour: 'green' });
    expect(one('bookmark "b" @ 16').directives[0]).toMatchObject({ size: 1, colour: 'blue' });
    expect(one('dir "host" as "/guest"').directives[0]).toMatchObject({ writable: false });
    expect(one('import "a:b"."c-d" = trace').directives[0]).toMatchObject({ module: 'a:b', name: 'c-d', builtin: 'trace' });
    expect(one('r = "add-one"(1)').steps[0]).toMatchObject({ kind: 'call', callee: 'add-one' });
    expect(one('(a, _) = f()').steps[0]).toMatchObject({ tuple: true, targets: [{ name: 'a' }, { name: '_' }] });
    expect(one('watch w @ 16 [8] stop').steps[0]).toMatchObject({ kind: 'watch', stop: true });
    // `&grid [24]`, with a space, is a read's size; touching, an element.
    expect(one('b = read bytes @ &grid [24]').steps[0]).toMatchObject({ address: { kind: 'static', name: 'grid' }, length: { value: 24n } });
    expect(one('p = &grid[1][2]').steps[0]).toMatchObject({ expr: { kind: 'static', name: 'grid', path: [1, 2] } });
  });

  it('literals and precedence are as listed under Literals and Steps', () => {
    const bindings: Record<string, BoundValue> = {};
    const value = (text: string): bigint | string => {
      const r = evaluateExpression(text, bindings);
      return r.ok ? r.value : r.error.message;
    };
    expect(value('1_000 + 0x10 + -1')).toBe(1015n);
    expect(value('1 + 2 * 3 << 1 | 1')).toBe(15n); // C: ((1 + (2 * 3)) << 1) | 1
    expect(value('6 & 3 ^ 1')).toBe(3n); // C: (6 & 3) ^ 1
    expect(value('~0 & 0xff')).toBe(255n);
    const strings = parseSequence('x = "\\n\\t\\r\\0\\"\\\\\\x41"\n').sequence.steps[0];
    expect(strings).toMatchObject({ expr: { kind: 'string', value: '\n\t\r\0"\\A' } });
    expect(parseSequence('x = 1.5\ny = 2e3\n').sequence.steps.map((s) => s.kind === 'assign' && s.expr)).toMatchObject([{ value: 1.5 }, { value: 2000 }]);
  });
});
