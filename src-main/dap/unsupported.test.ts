// Requests `memscope dap` does not serve are refused, naming themselves, never answered success
// while doing nothing (the library's default): a stepIn "done" left VS Code waiting for a stop.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters } from './testing/dap-client.ts';
import { unsupported } from './unsupported.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launched = launchedAdapters();

const request = (command: string, args?: unknown): DebugProtocol.Request => ({ seq: 1, type: 'request', command, arguments: args });

describe('unsupported', () => {
  it('serves what the adapter handles; says why it refuses the rest (the adapter names the request); empty breakpoint lists are answered', () => {
    expect(unsupported(request('next'))).toBeNull();
    expect(unsupported(request('setBreakpoints'))).toBeNull();
    expect(unsupported(request('stepIn'))).toEqual({ message: 'a step is one whole guest call, which cannot be stepped into; next runs the next step' });
    expect(unsupported(request('disassemble'))).toEqual({ message: 'not a request memscope dap serves' });
    expect(unsupported(request('someCustomThing'))).toEqual({ message: 'not a request memscope dap serves' });
    expect(unsupported(request('setExceptionBreakpoints', { filters: [] }))).toEqual({ body: {} });
    expect(unsupported(request('setExceptionBreakpoints', { filters: ['uncaught'] }))).toEqual({
      message: 'memscope dap has no exception filters: every failed step (a trap, an uncaught exception, a failed expect) stops',
    });
    expect(unsupported(request('setFunctionBreakpoints', { breakpoints: [] }))).toEqual({ body: { breakpoints: [] } });
    expect(unsupported(request('setFunctionBreakpoints', { breakpoints: [{ name: 'main' }] }))).toEqual({
      body: { breakpoints: [{ verified: false, message: "function breakpoints are not supported: breakpoints go on the sequence's lines, and data breakpoints on memory" }] },
    });
  });
});

describe('memscope dap refuses requests it does not serve', () => {
  it('stepIn, stepOut, attach, goto… are error responses, not successes that do nothing; the program still steps after', async () => {
    const client = await launched({ program: join(PACKAGE_ROOT, 'resources/examples/c-struct/c-struct.wseq'), stopOnEntry: true });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('entry');
    const answers: [string, boolean, string | undefined][] = [];
    for (const command of ['stepIn', 'stepOut', 'attach', 'goto', 'restart', 'source', 'modules']) {
      const answer = await client.request(command, { threadId: 1, targetId: 1, source: { sourceReference: 1 }, sourceReference: 1 });
      answers.push([command, answer.success, answer.message?.split(':')[0]]);
    }
    expect(answers).toEqual(['stepIn', 'stepOut', 'attach', 'goto', 'restart', 'source', 'modules'].map((c) => [c, false, c]));
    // Only the refusals came: no event claimed the program moved.
    expect(client.events.filter((e) => e.event === 'stopped' || e.event === 'continued')).toHaveLength(1);
    const functions = await client.request<DebugProtocol.SetFunctionBreakpointsResponse>('setFunctionBreakpoints', { breakpoints: [{ name: 'point_init' }] });
    expect(functions.body.breakpoints.map((b) => b.verified)).toEqual([false]);
    await client.request('next', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('step');
    await client.request('disconnect', {});
  });
});
