// After a pause (or terminate) ended the guest worker, a write to guest memory is refused in the
// adapter's words: the engine's "reset to continue" names the app's Reset, which a DAP client
// has not; here the way on is a step back.

import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters } from './testing/dap-client.ts';
import { sequenceFile, SPIN_MODULE } from './testing/programs.ts';

const launched = launchedAdapters();

describe('memscope dap after the guest worker was ended', () => {
  it('writeMemory after a pause says to step back, after terminate that the program ended; step back makes memory writable again', async () => {
    const program = sequenceFile('spin.wseq', [`module "${SPIN_MODULE}"`, 'timeout 60000', 'fill(1024, 16, 1)', 'spin()']);
    const client = await launched({ program });
    await client.request('configurationDone');
    await new Promise((r) => setTimeout(r, 500));
    await client.request('pause', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('pause');
    const write = { memoryReference: '0x400', data: 'AQID' };
    const paused = await client.request('writeMemory', write);
    expect([paused.success, paused.message]).toEqual([false,
      'writeMemory: the stopped step ended its guest worker: memory can be read, not written; step back to replay the steps before it in a fresh worker']);
    // Reading still works: the stopped worker's memory is kept.
    expect((await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0x400', count: 2 })).body?.data).toBe('AQE=');
    await client.request('stepBack', { threadId: 1 });
    await client.waitEvent('stopped');
    expect((await client.request('writeMemory', write)).success).toBe(true);
    await client.request('next', { threadId: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await client.request('terminate', {});
    await client.waitEvent('terminated');
    const ended = await client.request('writeMemory', write);
    expect([ended.success, ended.message]).toEqual([false, 'writeMemory: the program has ended (terminated was sent): its memory can be read, not written']);
    await client.request('disconnect', {});
  });
});
