// `memscope dap` when the guest exits with proc_exit part way (exit() in C ends the program):
// the steps after it never run. At the end the Debug Console says which, in `memscope run`'s
// words (formatNotRun), and the stack frame stays on the exit's line, as after a normal end it
// stays on the last step's, not on the next line as if it could still run. A non-zero code
// stopped there already (an exception); Stop then says the lines left too, as run does.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters } from './testing/dap-client.ts';
import { sequenceFile } from './testing/programs.ts';
import { PACKAGE_ROOT } from '../paths.ts';

// keep() mallocs, quit() calls exit(), release() frees (src-main/cli/testdata/exit-leak.c).
const MODULE = join(PACKAGE_ROOT, 'src-main/cli/testdata/exit-leak.wasm');
const launched = launchedAdapters();

describe('memscope dap at a proc_exit(0) part way', () => {
  it('the debug console names the lines not run and why; the frame after the end is the exit\'s line', async () => {
    const program = sequenceFile('exit.wseq', [`module "${MODULE}"`, 'p = keep(16)', 'quit(0)', 'release(p)', 'release(p)']);
    const client = await launched({ program });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.waitEvent('terminated');
    // Before the heap's last word, as `memscope run` lists them.
    expect(client.output_('console')).toMatch(/^– lines 4, 5: not run \(line 3 called proc_exit\(0\): the guest exited\)\nheap: /);
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames.map((f) => [f.name, f.line])).toEqual([['quit(0)', 3]]);
    await client.request('disconnect', {});
  });

  it('after a normal end the frame is the last step\'s, and no line is said not run', async () => {
    const program = sequenceFile('whole.wseq', [`module "${MODULE}"`, 'p = keep(16)', 'release(p)']);
    const client = await launched({ program });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.waitEvent('terminated');
    expect(client.output_('console')).not.toContain('not run');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames.map((f) => [f.name, f.line])).toEqual([['release(p)', 3]]);
    await client.request('disconnect', {});
  });

  it('a non-zero exit stops there; Stop then says the line not run with the guest\'s code', async () => {
    const program = sequenceFile('exit3.wseq', [`module "${MODULE}"`, 'p = keep(16)', 'quit(3)', 'release(p)']);
    const client = await launched({ program });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body).toMatchObject({ reason: 'exception', text: 'the guest called proc_exit(3)' });
    expect((await client.request('terminate', {})).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(3);
    await client.waitEvent('terminated');
    expect(client.output_('console')).toContain('– line 4: not run (line 3 called proc_exit(3): the guest exited)\n');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]).toMatchObject({ name: 'quit(3)', line: 3 });
    await client.request('disconnect', {});
  });
});
