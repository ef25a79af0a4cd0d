// The README shows output and examples a newcomer copies; each test here reads one of them out
// of README.md (the one copy) and checks it against what the product does now, so a change in
// wording, syntax or options that leaves the README behind fails here instead of misleading.
// (The CLI block's options: readme-usage.test.ts; the `run` sample: run-golden.test.ts.)

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSequence } from '../engine/index.ts';
import { EXAMPLES, memscope, ROOT } from './testing/run-json.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first fenced block after `anchor` (its body, without the fences), and the text before it. */
function blockAfter(anchor: RegExp): { before: string; body: string } {
  const start = anchor.exec(README);
  expect(start, `README: no ${anchor}`).not.toBeNull();
  const rest = README.slice(start!.index);
  const fence = /\n```[a-z]*\n([\s\S]*?)\n```/.exec(rest);
  expect(fence, `README: no fenced block after ${anchor}`).not.toBeNull();
  return { before: rest.slice(0, fence!.index), body: fence![1]! };
}

/** A call's and a capture's durations are the one part of a run's text that varies. */
const normalise = (text: string) => text.replace(/\[(capture )?\d+(\.\d+)? ms\]/g, '[$1… ms]');

describe('the README, as a newcomer runs it', () => {
  // The block showed `point_init(67088, …)`, 16 bytes in 6 ranges and line 20 long after the CLI
  // printed addresses in hex, the c-struct demo moved the call to line 22 and the capture time
  // was added, and it did not say which command printed it.
  it("Who wrote this byte: the trace sample is what its command prints", () => {
    const { before, body } = blockAfter(/^## Who wrote this byte/m);
    const command = /`memscope (run --trace-writes [^`]+)` prints/.exec(before)?.[1];
    expect(command, 'the sample names the command that prints it').toBeDefined();
    const r = memscope(command!.split(' '));
    expect(r.status).toBe(0);
    expect(normalise(r.stdout)).toContain(`\n${normalise(body)}\n`);
  });

  // The example had `trace writes` below the steps, which a run refuses ("the trace writes
  // directive must come before the first step"), while the line above it states the rule.
  it('The sequence format: the example parses, its directives before the first step', () => {
    const { body } = blockAfter(/^## The sequence format/m);
    const { sequence, errors } = parseSequence(body, 'README.md');
    expect(errors).toEqual([]);
    expect(sequence.steps.length).toBeGreaterThan(10);
    const firstStep = sequence.steps[0]!.line;
    // `bookmark` may stand on any line (it runs nothing); validateSequence holds the same rule.
    const late = sequence.directives.filter((d) => d.kind !== 'bookmark' && d.line > firstStep).map((d) => d.source);
    expect(late).toEqual([]);
  });

  // The extension resolves a relative "module" against the adapter's working directory, which
  // VS Code does not set to the workspace, so the sample's path must say where it is.
  it('VS Code: the launch configuration uses only attributes the extension declares', () => {
    const { body } = blockAfter(/^## VS Code/m);
    const config = JSON.parse(body) as Record<string, unknown>;
    const ext = JSON.parse(readFileSync(join(ROOT, 'resources/vscode-extension/package.json'), 'utf8')) as {
      contributes: { debuggers: { type: string; configurationAttributes: { launch: { properties: Record<string, unknown> } } }[] };
    };
    const debuggerEntry = ext.contributes.debuggers.find((d) => d.type === config.type);
    expect(debuggerEntry, `the extension contributes a "${String(config.type)}" debugger`).toBeDefined();
    const declared = new Set(['type', 'request', 'name', ...Object.keys(debuggerEntry!.configurationAttributes.launch.properties)]);
    expect(Object.keys(config).filter((k) => !declared.has(k))).toEqual([]);
    for (const key of ['program', 'module']) {
      if (typeof config[key] === 'string') expect(config[key], key).toMatch(/^\$\{(file|workspaceFolder)\}/);
    }
  });

  // The bullet put `stackPointer` in the per-step `heap` object; it is on the step itself.
  it("The heap: a step's `heap` in run --json has the names the README lists, and no others", () => {
    const bullet = /^- per step `heap`:([\s\S]*?)\n- /m.exec(README)?.[1];
    expect(bullet).toBeDefined();
    const named = new Set([...bullet!.matchAll(/"([a-zA-Z]+)"/g)].map((m) => m[1]!));
    const r = memscope(['run', '--json', 'resources/examples/heap-stack/stack.wseq']);
    expect(r.status).toBe(0);
    const steps = (JSON.parse(r.stdout) as { steps: { heap?: Record<string, unknown>; stackPointer?: number }[] }).steps;
    const heapKeys = new Set(steps.flatMap((s) => Object.keys(s.heap ?? {})));
    expect(heapKeys.size).toBeGreaterThan(0);
    expect([...heapKeys].filter((k) => !named.has(k))).toEqual([]);
    expect(bullet).toMatch(/on the step itself, `stackPointer`/);
    expect(steps.every((s) => typeof s.stackPointer === 'number')).toBe(true);
  });

  // The `new` bullet sorts the demos by what the starter does with them (new-command.test.ts
  // checks each); it had not been told of go-fmt, go-library and emscripten-i64.
  it('The CLI: the `new` bullet names every bundled demo once', () => {
    const bullet = /^- `new` prints([\s\S]*?)\n- /m.exec(README)?.[1];
    expect(bullet).toBeDefined();
    const demos = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(demos.length).toBeGreaterThan(20);
    const times = (name: string) => bullet!.match(new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g'))?.length ?? 0;
    expect(demos.filter((d) => times(d) !== 1)).toEqual([]);
  });

  it('every `npm run NAME` it names is a script of package.json', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const named = [...new Set([...README.matchAll(/npm run ([a-z][a-z:-]*[a-z])/g)].map((m) => m[1]!))];
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((n) => !scripts.includes(n))).toEqual([]);
  });
});
