// `memscope dap` on a C module's statics (testdata/values.c, built with -g), stopped between
// calls: a pointer kept after free(), evaluate of a static's name in the sequence frame, a
// function pointer by name, wchar_t text, and a flexible array member.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterFirstStep, launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launch = launchedAdapters();

/** An adapter on testdata/values.wseq, stopped after setup(); its Statics scope's variables. */
async function stopped(): Promise<{ client: DapClient; statics: number; list: DebugProtocol.Variable[] }> {
  const { client, scopes } = await afterFirstStep(launch, join(PACKAGE_ROOT, 'src-main/dap/testdata/values.wseq'));
  const statics = scopes.find((s) => s.name === 'Statics')!.variablesReference;
  const list = (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: statics })).body.variables;
  return { client, statics, list };
}

it('a pointer whose block was freed (and not handed out again) reads as freed; one to a live block, and one set to it, as the heap says', async () => {
  const { client, statics, list } = await stopped();
  const value = (name: string) => list.find((v) => v.name === name)!.value;
  // It read `0x10670`, as a live block's pointer does, and opened into the allocator's bytes.
  expect(value('freed')).toBe('0x10670 (freed)');
  expect(value('held')).toBe('0x10660');
  expect(value('pk')).toBe('0x10680');
  // `pp` points at `held`: the pointer in it is read as any part.
  const pp = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: list.find((v) => v.name === 'pp')!.variablesReference });
  expect(pp.body.variables.map((v) => v.value)).toEqual(['0x10660']);
  // Set to the freed block's address, it says so in the value set; set back, it does not.
  const set = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: statics, name: 'held', value: '0x10670' });
  expect(set.body.value).toBe('0x10670 (freed)');
  const back = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: statics, name: 'held', value: '0x10660' });
  expect(back.body.value).toBe('0x10660');
  await client.request('disconnect');
}, 60_000);

it("evaluate of a static's name in the sequence frame reads it, as in a guest frame; a binding of the sequence's comes first there", async () => {
  const { client } = await stopped();
  const evaluate = (expression: string, context = 'watch') => client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression, frameId: 0, context });
  // Both said "unknown name": Variables listed them at this stop.
  expect((await evaluate('ratio')).body).toMatchObject({ result: '1.5', memoryReference: '0x400' });
  const pt = await evaluate('pt', 'hover');
  expect(pt.body.result).toBe('{ x: 1, y: 2 }');
  const parts = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: pt.body.variablesReference });
  expect(parts.body.variables.map((v) => `${v.name} = ${v.value}`)).toEqual(['x = 1', 'y = 2']);
  // The sequence's binding `counter = setup()` (0), not the static `counter` (7): the sequence's names first.
  expect((await evaluate('counter')).body.result).toBe('0');
  // Not a static, not a binding: the sequence's evaluator still answers (and refuses) as before.
  expect((await evaluate('2 + 3')).body.result).toBe('5');
  const unknown = await client.request('evaluate', { expression: 'nosuch', frameId: 0, context: 'watch' });
  expect(unknown.success).toBe(false);
  expect(unknown.message).toMatch(/unknown name 'nosuch'/);
  await client.request('disconnect');
}, 60_000);

it('a function pointer reads as its table slot and the function there, as gdb shows it; set to a slot, it names that one', async () => {
  const { client, statics, list } = await stopped();
  // It read `0x1`: the table index, which names nothing in memory.
  expect(list.find((v) => v.name === 'fn')!.value).toBe('0x1 <addresses>');
  const set = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: statics, name: 'fn', value: '0x0' });
  expect(set.body.value).toBe('0x0');
  // A slot no element segment fills reads as the number alone.
  const past = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: statics, name: 'fn', value: '0x7f' });
  expect(past.body.value).toBe('0x7f');
  await client.request('disconnect');
}, 60_000);

it("wchar_t reads as its number and character, a wchar_t array as L\"…\" text, each element as its character", async () => {
  const { client, list } = await stopped();
  const wide = list.find((v) => v.name === 'wide')!;
  const wname = list.find((v) => v.name === 'wname')!;
  // They read `955 (0x3bb)` and `[97 (0x61), 98 (0x62), 0, 0]`.
  expect(wide.value).toBe("955 L'λ'");
  expect(wname.value).toBe('L"ab"');
  const elements = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: wname.variablesReference });
  expect(elements.body.variables.map((v) => `${v.name} = ${v.value}`)).toEqual(["[0] = 97 L'a'", "[1] = 98 L'b'", "[2] = 0 L'\\0'", "[3] = 0 L'\\0'"]);
  await client.request('disconnect');
}, 60_000);

it('a flexible array member opens into the elements its heap block holds; in a static, it says it has no length and opens into nothing', async () => {
  const { client, list } = await stopped();
  const open = async (reference: number) => (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: reference })).body.variables;
  // pk = malloc(sizeof *pk + 3): dlmalloc's 12 usable bytes, 8 of them past `len`. It read
  // `unsigned char[] (? B)` and did not open.
  const data = (await open(list.find((v) => v.name === 'pk')!.variablesReference)).find((v) => v.name === 'data')!;
  expect(data.value).toBe('"\\u0001\\u0002\\u0003" (flexible array: 8 elements fit in heap block 0x10680, 12 bytes)');
  expect(data.memoryReference).toBe('0x10684');
  const items = await open(data.variablesReference);
  expect(items).toHaveLength(8);
  expect(items.slice(0, 3).map((v) => `${v.name} = ${v.value}`)).toEqual(["[0] = 1 '\\x01'", "[1] = 2 '\\x02'", "[2] = 3 '\\x03'"]);
  // In the static `pkt`, what follows the struct is the next static's, not its elements.
  const fixed = (await open(list.find((v) => v.name === 'pkt')!.variablesReference)).find((v) => v.name === 'data')!;
  expect(fixed).toMatchObject({ value: '[] (flexible array: its type gives no length, and it is in no heap block)', variablesReference: 0 });
  await client.request('disconnect');
}, 60_000);
