// Breakpoints on a sequence edited since launch: the session runs the launched text, so a line
// whose text moved is refused (unverified, saying why) rather than stopping at whichever step
// the launched text had there.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { sameLineAsLaunched } from './breakpoint-source.ts';
import { launchedAdapters } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const MODULE = join(PACKAGE_ROOT, 'resources/examples/c-struct/c-struct.wasm');
const LAUNCHED = `module "${MODULE}"\nsize = point_size()\np = malloc(size)\npoint_init(p, 3, 4, 7)\nfree(p)\n`;
// A line inserted above point_init: it moves to line 5, where the launched text has free(p).
const EDITED = `module "${MODULE}"\nsize = point_size()\np = malloc(size)\nq = malloc(4)\npoint_init(p, 3, 4, 7)\nfree(p)\n`;
const launched = launchedAdapters();

function sequence(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'memscope-dap-edit-')), 'edit.wseq');
  writeFileSync(file, text);
  return file;
}

describe('sameLineAsLaunched', () => {
  it('compares a line of the file now with the launched text; unreadable or unchanged is the same', () => {
    const file = sequence(EDITED);
    const same = sameLineAsLaunched(file, LAUNCHED);
    expect([1, 2, 3, 4, 5, 6].map(same)).toEqual([true, true, true, false, false, false]);
    // Line endings and trailing blanks are not edits; a missing file is not known to be edited.
    expect(sameLineAsLaunched(sequence(LAUNCHED.replaceAll('\n', '  \r\n')), LAUNCHED)(4)).toBe(true);
    expect(sameLineAsLaunched(join(tmpdir(), 'memscope-no-such-file.wseq'), LAUNCHED)(4)).toBe(true);
    expect(sameLineAsLaunched(file, null)(4)).toBe(true);
  });
});

describe('memscope dap breakpoints after the sequence is edited', () => {
  it('a breakpoint on a line the edit moved is unverified, saying so; one on an unchanged line still stops there', async () => {
    const program = sequence(LAUNCHED);
    const client = await launched({ program, stopOnEntry: true });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    writeFileSync(program, EDITED);
    // As VS Code re-sends them after the save: point_init's, moved to line 5, and malloc's, still at 3.
    const set = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 5 }, { line: 3 }] });
    expect(set.body.breakpoints).toEqual([
      { verified: false, line: 5, message: 'line 5 has changed since launch, and this session runs the sequence as launched: restart to debug the edited file' },
      { verified: true, line: 3 },
    ]);
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect([trace.body.stackFrames[0]!.line, trace.body.stackFrames[0]!.name]).toEqual([3, 'p = malloc(size)']);
    // Past it, nothing else stops: free(p) (launched line 5) is not mistaken for point_init.
    await client.request('continue', { threadId: 1 });
    await client.waitEvent('terminated');
    expect(client.events.filter((e) => e.event === 'stopped')).toHaveLength(2);
    await client.request('disconnect', {});
  });
});

describe('memscope dap breakpoints with a condition or a log message', () => {
  it('are unverified, saying so, and stop nothing (set anyway they would stop every time)', async () => {
    const program = sequence(LAUNCHED);
    const client = await launched({ program });
    const set = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', {
      source: { path: program }, breakpoints: [{ line: 2, condition: 'size == 99' }, { line: 3, hitCondition: '5' }, { line: 4, logMessage: 'p is {p}' }],
    });
    expect(set.body.breakpoints).toEqual([
      { verified: false, line: 2, message: 'conditions on breakpoints are not supported: it would stop every time' },
      { verified: false, line: 3, message: 'conditions on breakpoints are not supported: it would stop every time' },
      { verified: false, line: 4, message: 'logpoints are not supported: a breakpoint here stops the run' },
    ]);
    await client.request('configurationDone');
    await client.waitEvent('terminated');
    expect(client.events.filter((e) => e.event === 'stopped')).toHaveLength(0);
    await client.request('disconnect', {});
  });
});
