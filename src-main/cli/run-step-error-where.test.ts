// A step that fails as it runs is located as a parse error is: `file:line:col` and a caret under
// the part of its line that failed (the call that trapped, a write's address, an expect's
// comparison), in run's text and in --json. It was `✗ code: message` under the step's line,
// --json's `where` at column 1 of the step (and a trap's at no place at all).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const TRAP_WASM = join(ROOT, 'resources/examples/trap/trap.wasm');
const DIR = mkdtempSync(join(tmpdir(), 'memscope-step-where-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; stdout: string } {
  const r = memscope(['run', '--deterministic', ...args]);
  return { status: r.status, stdout: r.stdout };
}

/** A sequence against trap.wasm whose last step is `last`. */
function sequence(name: string, last: string): string {
  const file = join(DIR, name);
  writeFileSync(file, `module "${TRAP_WASM}"\nwrite u32 10 @ 256\n${last}\n`);
  return file;
}

type Json = { steps: { error?: { code: string; where?: Record<string, unknown> } }[] };

describe('memscope run: where a step failed as it ran', () => {
  it.each([
    ['a trap, at the call', 'trap.wseq', '  oops = report(256, 0)   # divides by 0', 'trap: divide by zero in divide', 10, 6, '         ^^^^^^'],
    ["an expect, at its comparison", 'expect.wseq', 'expect 10 + 1 == 10', 'expect-failed: expected 10 + 1 == 10, but 10 + 1 is 11 (0xb)', 8, 12, '       ^^^^^^^^^^^^'],
    ["an out-of-bounds write, at its address", 'write.wseq', 'write u32 5 @ 99999999', 'out-of-bounds:', 15, 8, '              ^^^^^^^^'],
  ])('%s: file:line:col, the line and a caret, in text and --json', (_what, name, last, message, column, length, caret) => {
    const file = sequence(name, last);
    const text = run([file]);
    expect(text.status).toBe(1);
    const lines = text.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`       ✗ ${file}:3:${column}: ${message}`));
    expect(at, text.stdout).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([`         ${last}`, `         ${caret}`]);
    const json = JSON.parse(run(['--json', file]).stdout) as Json;
    expect(json.steps[1]!.error?.where).toEqual({ file, line: 3, column, length, source: last });
  });
});
