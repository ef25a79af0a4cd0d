// What a stop shows (its stack, its scopes, an evaluate) asked for while steps run, as a client
// racing a `continue` does: the running step's guest cannot be looked at mid-call. They were
// answered success: the stack as the stop before it, and scopes gave out new variablesReferences
// while the stop's own had ended with the run (movesOn), to read memory the guest is writing.

import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters } from './testing/dap-client.ts';
import { sequenceFile, SPIN_MODULE, spinProgram } from './testing/programs.ts';

const launched = launchedAdapters();

describe('memscope dap while steps run', () => {
  it('stackTrace, scopes and evaluate are refused until the run stops; after pause they answer', async () => {
    const program = spinProgram();
    const client = await launched({ program, stopOnEntry: true });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    // spin() never returns: the run goes on until pause, whatever the machine's speed.
    expect((await client.request('continue', { threadId: 1 })).success).toBe(true);
    const asked = await Promise.all([
      client.request('stackTrace', { threadId: 1 }), client.request('scopes', { frameId: 0 }), client.request('evaluate', { expression: '1 + 3', context: 'repl' }),
    ]);
    expect(asked.map((r) => [r.success, r.message])).toEqual([
      [false, 'stackTrace: steps are running; pause first'],
      [false, 'scopes: steps are running; pause first'],
      [false, 'evaluate: steps are running; pause first'],
    ]);
    expect((await client.request('pause', { threadId: 1 })).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('pause');
    const stack = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    // spin() is the only step: paused inside it, or (on a loaded machine) before it began, the stop is at its line.
    expect(stack.body.stackFrames.map((f) => [f.line, f.name])).toEqual([[3, 'spin()']]);
    expect((await client.request('scopes', { frameId: 0 })).success).toBe(true);
    expect((await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: '1 + 3', context: 'repl' })).body.result).toBe('4');
    await client.request('disconnect', { terminateDebuggee: true });
  });

  it('evaluate of a name the finished steps bound, and no step still to run binds again, answers while steps run; any other is refused, saying why', async () => {
    const program = sequenceFile('bound.wseq', [`module "${SPIN_MODULE}"`, 'timeout 60000', 'limit = 40', 'again = 1', 'spin()', 'again = 2']);
    const client = await launched({ program });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 5 }] });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    // From the stop before spin(), the run is in spin() or about to be: `limit` and `again` are bound.
    expect((await client.request('continue', { threadId: 1 })).success).toBe(true);
    // The bindings are the host's, kept as each step finished: read without the guest, mid-call.
    const limit = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: 'limit', context: 'hover', frameId: 0 });
    expect([limit.success, limit.message, limit.body?.result]).toEqual([true, undefined, '40 (0x28)']);
    const asked = await Promise.all(['again', 'spin', 'limit + 1'].map((expression) => client.request('evaluate', { expression, context: 'watch' })));
    expect(asked.map((r) => [r.success, r.message])).toEqual([
      [false, "evaluate: steps are running, and 'again' is bound again by line 6, which has not run yet: its value may change before this answer is read; pause first"],
      [false, 'evaluate: steps are running; pause first'],
      [false, 'evaluate: steps are running; pause first'],
    ]);
    await client.request('disconnect', { terminateDebuggee: true });
  });
});
