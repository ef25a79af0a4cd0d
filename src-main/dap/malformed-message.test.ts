// A frame the adapter cannot read (its body not JSON: a client that counted characters, not
// bytes, in Content-Length, or a torn write) is said and skipped; the session goes on. The
// library ended the session on it as on a broken stream: requests after it were still answered,
// but launch was not and no event was sent again, so the client waited forever.

import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapClient, spawnAdapter } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
});

it('an unreadable frame is reported on stderr and skipped: launch after it is answered, and the program runs and stops', async () => {
  const child = spawnAdapter();
  children.push(child);
  const client = new DapClient(child.stdout, child.stdin);
  await client.request('initialize', { clientID: 'vscode', adapterID: 'memscope', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  // 9 bytes that are not a whole JSON value.
  child.stdin.write('Content-Length: 9\r\n\r\n{"seq":7,');
  const launched = await client.request('launch', { program: join(PACKAGE_ROOT, 'resources/examples/c-struct/c-struct.wseq'), stopOnEntry: true }, 30_000);
  expect(launched.success).toBe(true);
  expect(client.output_('stderr')).toMatch(/^memscope dap: a message that could not be read was skipped: .*JSON/);
  await client.waitEvent('initialized');
  await client.request('configurationDone');
  expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('entry');
  await client.request('next', { threadId: 1 });
  expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('step');
  await client.request('disconnect');
}, 60_000);
