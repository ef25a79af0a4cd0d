// `memscope dap` on a C module's statics of many kinds (testdata/kinds.c, built with -g): a long
// array's elements past the first 100, and a 0-byte struct, through the protocol as VS Code asks.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterFirstStep, launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { arraySlices } from './variables.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launch = launchedAdapters();

/** An adapter on testdata/kinds.wseq, stopped after setup() has filled the statics; its Statics scope. */
async function kinds(): Promise<{ client: DapClient; statics: number; variables: (reference: number) => Promise<DebugProtocol.Variable[]> }> {
  const { client, scopes } = await afterFirstStep(launch, join(PACKAGE_ROOT, 'src-main/dap/testdata/kinds.wseq'));
  const variables = async (reference: number) => (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: reference })).body.variables;
  return { client, statics: scopes.find((s) => s.name === 'Statics')!.variablesReference, variables };
}

it('an array of 10,000 lists its first 100 elements, then slices of it that open into the rest, each element set and watched by its index', async () => {
  const { client, statics, variables } = await kinds();
  const big = (await variables(statics)).find((v) => v.name === 'big')!;
  const rows = await variables(big.variablesReference);
  // 100 elements, then 99 slices of 100: [100…199] … [9900…9999]. It listed [0]…[99] alone.
  expect(rows).toHaveLength(199);
  expect(rows.slice(98, 101).map(({ name, value, memoryReference }) => [name, value, memoryReference])).toEqual([
    ['[98]', '98 (0x62)', '0x5d8'], ['[99]', '99 (0x63)', '0x5dc'], ['[100…199]', '100 elements: big[100] … big[199]', '0x5e0'],
  ]);
  const last = rows[198]!;
  expect(last.name).toBe('[9900…9999]');
  const tail = await variables(last.variablesReference);
  expect(tail).toHaveLength(100);
  expect(tail.slice(-2).map(({ name, value, memoryReference }) => [name, value, memoryReference])).toEqual([
    ['[9998]', '9998 (0x270e)', '0xa088'], ['[9999]', '9999 (0x270f)', '0xa08c'],
  ]);
  // Set and watched by its index in the whole array, at its own address.
  const set = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: last.variablesReference, name: '[9999]', value: '-7' });
  expect(set.body.value).toBe('-7');
  const read = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0xa08c', count: 4 });
  expect([...Buffer.from(read.body!.data!, 'base64')]).toEqual([0xf9, 0xff, 0xff, 0xff]);
  const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: last.variablesReference, name: '[9999]' });
  expect(info.body.description).toBe('big[9999] [0xa08c, +4)');
  const outside = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: last.variablesReference, name: '[99]' });
  expect(outside.body).toMatchObject({ dataId: null, description: "no part named '[99]' in big" });
  await client.request('disconnect');
}, 60_000);

it('a data breakpoint on a 0-byte struct is refused: it shares its address with the next static', async () => {
  const { client, statics, variables } = await kinds();
  const list = await variables(statics);
  // `nothing` and `nullp` start at the same byte: watching 1 byte of `nothing` stopped at writes to nullp.
  expect(list.find((v) => v.name === 'nothing')!.memoryReference).toBe(list.find((v) => v.name === 'nullp')!.memoryReference);
  const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: statics, name: 'nothing' });
  expect(info.body).toMatchObject({ dataId: null, description: 'nothing takes 0 bytes: there is nothing of it to watch (a data breakpoint needs at least 1 byte)' });
  // A byte count given with it is the client's own range, and is watched.
  const sized = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: statics, name: 'nothing', bytes: 4 });
  expect(sized.body.description).toMatch(/^nothing \[0x[0-9a-f]+, \+4\)$/);
  await client.request('disconnect');
}, 60_000);

it('a million elements open into 100 slices of 10,000, each into 100 elements and slices of 100: no level lists more than about 200 rows', () => {
  const layout = { kind: 'array' as const, count: 1_000_000, stride: 4, element: 'int', scalar: 'signed' as const };
  const top = arraySlices({ kind: 'part', path: 'm', address: 0x1000, layout });
  expect(top).toHaveLength(100);
  expect(top[0]).toMatchObject({ name: '[100…10099]', value: '10000 elements: m[100] … m[10099]', slice: { address: 0x1000 + 400, first: 100, layout: { count: 10_000 } } });
  expect(top[99]!.name).toBe('[990100…999999]');
  const inner = arraySlices(top[0]!.slice);
  expect(inner).toHaveLength(99);
  expect(inner[0]).toMatchObject({ name: '[200…299]', slice: { address: 0x1000 + 800, first: 200, layout: { count: 100 } } });
  expect(arraySlices({ kind: 'part', path: 'm', address: 0, layout: { ...layout, count: 100 } })).toEqual([]);
});
