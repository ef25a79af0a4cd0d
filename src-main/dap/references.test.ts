// C++ references in the Variables view (testdata/refs.cpp): each reads as its address and the
// object it names, told by DWARF's reference type through typedefs, not by a `&` in its name.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterFirstStep, launchedAdapters } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launch = launchedAdapters();

it('a reference reads as its address and the object it names: plain, through a typedef, and as a member', async () => {
  const { client, scopes } = await afterFirstStep(launch, join(PACKAGE_ROOT, 'src-main/dap/testdata/refs.wseq'));
  const open = async (reference: number) => (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: reference })).body.variables;
  const list = await open(scopes.find((s) => s.name === 'Statics')!.variablesReference);
  const value = (name: string) => list.find((v) => v.name === name)!;
  expect(['plain', 'named', 'whole'].map((name) => `${name} = ${value(name).value} (${value(name).type})`)).toEqual([
    'plain = 0x40c → 8 (int &)',
    // Through `using IntRef = int &` they read `0x40c` and `0x410` alone.
    'named = 0x40c → 8 (IntRef)',
    'whole = 0x410 → { a: 1, b: 40 (0x28) } (PairRef)',
  ]);
  const holder = await open(value('holder').variablesReference);
  expect(holder.map((v) => `${v.name} = ${v.value} (${v.type})`)).toEqual(['n = 0x40c → 8 (IntRef)', 'moved = 0x418 → 5 (int &&)']);
});

it('Set Value on a reference assigns the object it names, as gdb does, never re-points it; a reference to a struct is refused', async () => {
  const { client, scopes } = await afterFirstStep(launch, join(PACKAGE_ROOT, 'src-main/dap/testdata/refs.wseq'));
  const statics = scopes.find((s) => s.name === 'Statics')!.variablesReference;
  const open = async (reference: number) => (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: reference })).body.variables;
  const set = (reference: number, name: string, value: string) => client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: reference, name, value });
  // It wrote 9 into `named`'s own 4 bytes: `0x9 → …`, pointing at whatever sits at address 9.
  expect((await set(statics, 'named', '9')).body.value).toBe('0x40c → 9');
  expect((await set(statics, 'plain', '-2')).body.value).toBe('0x40c → -2');
  const holder = (await open(statics)).find((v) => v.name === 'holder')!.variablesReference;
  expect((await set(holder, 'n', '0x10')).body.value).toBe('0x40c → 16 (0x10)');
  expect((await set(holder, 'moved', '6')).body.value).toBe('0x418 → 6');
  // Read again: the references still name `count` and `spare`, which hold what was set.
  const list = await open(statics);
  expect(['plain', 'named', 'count', 'spare'].map((name) => `${name} = ${list.find((v) => v.name === name)!.value}`))
    .toEqual(['plain = 0x40c → 16 (0x10)', 'named = 0x40c → 16 (0x10)', 'count = 16 (0x10)', 'spare = 6']);
  const whole = await set(statics, 'whole', '1');
  expect([whole.success, whole.message]).toEqual([false, 'setVariable: PairRef refers to const Pair, which is not a number: set its parts one by one']);
  expect(list.find((v) => v.name === 'whole')!.value).toBe('0x410 → { a: 1, b: 40 (0x28) }');
  await client.request('disconnect');
}, 60_000);
