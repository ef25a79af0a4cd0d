// A data breakpoint on bytes a memory.grow added, through the protocol on a real clang build:
// going back to before the grow shrinks memory, and the client's next setDataBreakpoints (VS Code
// sends the whole list at every change) must keep it, so going forward stops at the write there.

import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapClient, spawnAdapter } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const PROGRAM = join(PACKAGE_ROOT, 'src-main/dap/testdata/grow-page.wseq');
const children: ReturnType<typeof spawnAdapter>[] = [];
afterEach(() => { for (const child of children.splice(0)) child.kill(); });

/** The next stop: its reason, its text and the sequence line it is on. */
async function nextStop(client: DapClient): Promise<{ reason: string; text: string | undefined; line: number | undefined }> {
  const stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
  const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
  return { reason: stop.body.reason, text: stop.body.text, line: trace.body.stackFrames[0]?.line };
}

it('a data breakpoint in a grown page stays set when the run goes back before the grow, and stops at the write after it', async () => {
  const child = spawnAdapter([]);
  children.push(child);
  const client = new DapClient(child.stdout, child.stdin);
  await client.request('initialize', { adapterID: 'memscope', linesStartAt1: true, columnsStartAt1: true });
  expect((await client.request('launch', { program: PROGRAM, stopOnEntry: true, traceWrites: true })).success).toBe(true);
  await client.waitEvent('initialized');
  await client.request('setBreakpoints', { source: { path: PROGRAM }, breakpoints: [{ line: 5 }] });
  await client.request('configurationDone');
  expect((await nextStop(client)).reason).toBe('entry');
  await client.request('continue', { threadId: 1 });
  expect(await nextStop(client)).toMatchObject({ reason: 'breakpoint', line: 5 });
  // Memory is three pages now: 0x20064 is in the one grow(1) added.
  const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: '0x20064', asAddress: true });
  const list = { breakpoints: [{ dataId: info.body.dataId! }] };
  expect((await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', list)).body.breakpoints).toEqual([{ id: 1, verified: true, message: '0x20064 [0x20064, +4)' }]);
  await client.request('reverseContinue', { threadId: 1 });
  expect(await nextStop(client)).toMatchObject({ reason: 'data breakpoint', line: 4, text: expect.stringMatching(/^watch '0x20064' was written by poke_new_page\+0x[0-9a-f]+ \(grow-page\.c:12:28\): 00 00 00 00 → 07 00 00 00 at 0x20064/) });
  // Back to the start, before the grow: two pages. The list sent again keeps the breakpoint.
  await client.request('reverseContinue', { threadId: 1 });
  expect((await nextStop(client)).reason).toBe('entry');
  const again = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', list);
  expect(again.body.breakpoints).toEqual([{ id: 2, verified: true, message: '0x20064: [0x20064, +4) starts past the end of memory at 0x20000: it stops at writes there once the guest grows memory over it' }]);
  await client.request('continue', { threadId: 1 });
  expect(await nextStop(client)).toMatchObject({ reason: 'data breakpoint', line: 4, text: expect.stringMatching(/00 00 00 00 → 07 00 00 00 at 0x20064/) });
  await client.request('disconnect');
}, 120_000);
