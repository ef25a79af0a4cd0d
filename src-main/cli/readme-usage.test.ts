// The README's CLI block is the first place people learn the options; it listed none of
// `run --explain`, `heap --deterministic` or `export-host --module` after they were added.
// Each command's options there are the ones its own --help usage lists, no more and no fewer,
// and its --help says what each one does.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/run-json.ts';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const OPTION = /--[a-z][a-z-]*/g;

/** The README's `npx memscope …` lines, by command. */
function readmeLines(): Map<string, string[]> {
  const block = /### The CLI\n+```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
  const byCommand = new Map<string, string[]>();
  for (const line of block.split('\n')) {
    const command = /^npx memscope (\S+)/.exec(line)?.[1];
    if (command) byCommand.set(command, [...(byCommand.get(command) ?? []), line]);
  }
  return byCommand;
}

/** The usage lines of `memscope COMMAND --help`: everything before its first blank line. */
function usage(command: string): string {
  const { status, stdout } = memscope([command, '--help']);
  expect(status).toBe(0);
  return stdout.split('\n\n')[0]!;
}

describe("the README's CLI block", () => {
  const lines = readmeLines();

  it('lists every command the CLI has', () => {
    const { stdout } = memscope(['--help']);
    const commands = [...stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThan(5);
    expect([...lines.keys()].sort()).toEqual([...commands].sort());
  });

  const options = (s: string) => [...new Set(s.match(OPTION) ?? [])].filter((o) => o !== '--help').sort();
  for (const [command, text] of lines) {
    it(`memscope ${command}: the options its --help usage lists`, () => {
      expect(options(text.join('\n'))).toEqual(options(usage(command)));
    });
  }

  // `heap --help` named --module and --deterministic in its usage line and said no more of them.
  for (const command of lines.keys()) {
    it(`memscope ${command} --help: a line saying what each option of its usage does`, () => {
      const { stdout } = memscope([command, '--help']);
      const explained = [...stdout.split('\n\n').slice(1).join('\n').matchAll(/^ +(--[a-z][a-z-]*)/gm)].map((m) => m[1]!);
      expect(options(explained.join(' '))).toEqual(options(usage(command)));
    });
  }
});
