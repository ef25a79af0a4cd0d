// `memscope dap` on C function pointers (testdata/fnptr.c, built with -g): one declared through a
// typedef, ones inside a struct's and an array's one-line summary, each named by the function its
// table slot holds as gdb shows one (`0x1 <add>`).

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterFirstStep, launchedAdapters } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launch = launchedAdapters();

it('a function pointer through a typedef, in a struct and in an array reads as its slot and the function there, closed and opened', async () => {
  const { client, scopes } = await afterFirstStep(launch, join(PACKAGE_ROOT, 'src-main/dap/testdata/fnptr.wseq'));
  const open = async (reference: number) => (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: reference })).body.variables;
  const statics = await open(scopes.find((s) => s.name === 'Statics')!.variablesReference);
  const row = (name: string) => statics.find((v) => v.name === name)!;
  // `op_fn op`: it read `0x1`, the typedef's name not saying it was a function pointer.
  expect([row('op').value, row('op').type]).toEqual(['0x1 <add>', 'op_fn']);
  // In one line: `{ id: 3, run: 0x2, check: 0x1 }` and `[0x2, 0x1]`.
  expect(row('h').value).toBe('{ id: 3, run: 0x2 <sub>, check: 0x1 <add> }');
  expect(row('ops').value).toBe('[0x2 <sub>, 0x1 <add>]');
  const members = await open(row('h').variablesReference);
  expect(members.map(({ name, value, type }) => [name, value, type])).toEqual([['id', '3', 'int'], ['run', '0x2 <sub>', 'op_fn'], ['check', '0x1 <add>', 'function *']]);
  expect((await open(row('ops').variablesReference)).map((v) => v.value)).toEqual(['0x2 <sub>', '0x1 <add>']);
  // Set to another slot, the member names that function.
  const set = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: row('h').variablesReference, name: 'run', value: '0x1' });
  expect(set.body.value).toBe('0x1 <add>');
  await client.request('disconnect');
}, 60_000);
