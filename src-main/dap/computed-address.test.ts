// `memscope dap` evaluate of a computed address (resources/examples/heap-double-free, stopped
// after `a = malloc(16)`): `a + 4` answered bare decimal while Variables read `a` as decimal with
// its hex, so the two could not be compared at a glance.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterFirstStep, launchedAdapters } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launch = launchedAdapters();

it('evaluate of an expression that lands in a block reads as a bound pointer does in Variables: decimal with its hex', async () => {
  const { client, scopes } = await afterFirstStep(launch, join(PACKAGE_ROOT, 'resources/examples/heap-double-free/double-free.wseq'));
  const bindings = scopes.find((s) => s.name === 'Bindings')!.variablesReference;
  const listed = (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: bindings })).body.variables;
  const a = listed.find((v) => v.name === 'a')!;
  const address = Number(a.memoryReference);
  expect(a.value).toBe(`${address} (0x${address.toString(16)})`);

  const evaluate = async (expression: string) => (await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression, frameId: 0, context: 'watch' })).body;
  expect(await evaluate('a')).toMatchObject({ result: a.value, memoryReference: a.memoryReference });
  // Inside a's 16 bytes: an address, as the memoryReference beside it already said.
  expect(await evaluate('a + 4')).toMatchObject({ result: `${address + 4} (0x${(address + 4).toString(16)})`, memoryReference: `0x${(address + 4).toString(16)}` });
  // A number that is no address stays a number.
  expect((await evaluate('a - a + 24')).result).toBe('24');
  await client.request('disconnect');
}, 60_000);
