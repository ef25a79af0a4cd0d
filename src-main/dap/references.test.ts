// C++ references in the Variables view (testdata/refs.cpp): each reads as its address and the
// object it names, told by DWARF's reference type through typedefs, not by a `&` in its name.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterFirstStep, launchedAdapters } from './testing/dap-client.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const launch = launchedAdapters();

it('a reference reads as its address and the object it names: plain, through a typedef, and as a member', async () => {
  const { client, scopes } = await afterFirstStep(launch, join(ROOT, 'src-main/dap/testdata/refs.wseq'));
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
