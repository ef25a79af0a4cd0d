// variables with start / count / filter, as a client that pages asks (initialize's
// supportsVariablePaging): a page of the children, never every child again under each page.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launch = launchedAdapters();

it('a page of a struct binding\'s fields is that page; filter indexed has none (no variable is announced with indexed children)', async () => {
  // The AssemblyScript example's header: hdr = read {mmInfo, gcInfo, gcInfo2, rtId, rtSize} @ p - 20 (line 27, its 5th step).
  const client = await launch({ program: join(PACKAGE_ROOT, 'resources/examples/assemblyscript-strings/assemblyscript-strings.wseq'), stopOnEntry: true }, { clientID: 'vscode', supportsVariablePaging: true });
  await client.request('configurationDone');
  await client.waitEvent('stopped');
  for (let i = 0; i < 5; i++) {
    await client.request('next', { threadId: 1 });
    await client.waitEvent('stopped');
  }
  const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
  const bindings = scopes.body.scopes.find((s) => s.name === 'Bindings')!.variablesReference;
  const names = async (args: Record<string, unknown>) =>
    (await client.request<DebugProtocol.VariablesResponse>('variables', args)).body.variables.map((v) => v.name);
  const hdr = (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: bindings })).body.variables.find((v) => v.name === 'hdr')!;
  const reference = hdr.variablesReference;
  expect(await names({ variablesReference: reference })).toEqual(['mmInfo', 'gcInfo', 'gcInfo2', 'rtId', 'rtSize']);
  expect(await names({ variablesReference: reference, start: 1, count: 2 })).toEqual(['gcInfo', 'gcInfo2']);
  // count absent (or 0): from start to the end, as the spec says of an absent count.
  expect(await names({ variablesReference: reference, start: 3 })).toEqual(['rtId', 'rtSize']);
  expect(await names({ variablesReference: reference, start: 4, count: 10 })).toEqual(['rtSize']);
  expect(await names({ variablesReference: reference, start: 9, count: 2 })).toEqual([]);
  expect(await names({ variablesReference: reference, filter: 'named' })).toEqual(['mmInfo', 'gcInfo', 'gcInfo2', 'rtId', 'rtSize']);
  expect(await names({ variablesReference: reference, filter: 'indexed', start: 0, count: 2 })).toEqual([]);
  // A scope pages the same way.
  expect(await names({ variablesReference: bindings, start: 1, count: 1 })).toEqual(['hdr']);
  const bad = await client.request('variables', { variablesReference: reference, start: -1 });
  expect([bad.success, bad.message]).toEqual([false, expect.stringMatching(/^variables: start must be an integer ≥ 0/)]);
  const filter = await client.request('variables', { variablesReference: reference, filter: 'all' });
  expect([filter.success, filter.message]).toEqual([false, 'variables: filter must be "named" or "indexed", not "all"']);
  await client.request('disconnect');
}, 60_000);
