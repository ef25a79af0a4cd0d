// `memscope dap` on a C++ build (testdata/cpp-values.cpp, clang++ -g -O0): each kind of value as
// the Variables view shows it closed (value, type) and opened, in the Statics scope after setup()
// and as a paused function's locals.

import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { afterFirstStep, launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launch = launchedAdapters();

type Row = [name: string, value: string, type: string | undefined, opens: boolean];
const rows = (list: DebugProtocol.Variable[]): Row[] => list.map((v) => [v.name, v.value, v.type, v.variablesReference > 0]);

async function stopped(): Promise<{ client: DapClient; statics: number; open: (reference: number) => Promise<DebugProtocol.Variable[]> }> {
  const { client, scopes } = await afterFirstStep(launch, join(PACKAGE_ROOT, 'src-main/dap/testdata/cpp-values.wseq'));
  const open = async (reference: number) => (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: reference })).body.variables;
  return { client, statics: scopes.find((s) => s.name === 'Statics')!.variablesReference, open };
}

it("a C++ build's statics: a class with a base, references, an enum class, a union, bit fields, text, std::array, heap objects", async () => {
  const { client, statics, open } = await stopped();
  const list = await open(statics);
  // The program's own statics first (libc's `head` and `buf` come after).
  expect(rows(list.slice(0, 11))).toEqual([
    ['mode', 'Fast (4)', 'Mode', false],
    ['greeting', '0x480 "hello"', 'const char *', true],
    ['buf', '"abc"', 'char[16]', true],
    ['arr', '[1, 2, 3, 4]', 'array<int, 4UL>', true],
    ['holder', '{ s: 0x1028, n: 0x1048 }', 'Holder', true],
    ['shape', '{ _vptr$Base: 0x5a8, id: 9, w: 2, h: 3, … }', 'Shape', true],
    ['num', '{ i: 1069547520 (0x3fc00000), f: 1.5 }', 'Num', true],
    ['flags', '{ a: 5, b: 17 (0x11), c: -3 }', 'Flags', true],
    ['head', '0x11390', 'Node *', true],
    ['counter', '0', 'int', false],
    ['made', '0x113a0', 'Shape *', true],
  ]);
  const row = (name: string) => list.find((v) => v.name === name)!;
  // The base class's members are the derived one's; its vtable pointer opens into the slot of
  // the virtual destructor, named as any function pointer's.
  const shape = await open(row('shape').variablesReference);
  expect(rows(shape)).toEqual([
    ['_vptr$Base', '0x5a8', '__vtbl_ptr_type *', true], ['id', '9', 'int', false], ['w', '2', 'int', false],
    ['h', '3', 'int', false], ['label', '0x400 "box"', 'const char *', true],
  ]);
  expect(rows(await open(shape[0]!.variablesReference))).toEqual([['[0]', '0x2 <Shape::~Shape()>', '__vtbl_ptr_type', false]]);
  // A reference reads as its address and the object it refers to. It read `0x1028` and `0x1048` alone.
  const holder = await open(row('holder').variablesReference);
  expect(rows(holder)).toEqual([
    ['s', '0x1028 → { _vptr$Base: 0x5a8, id: 9, w: 2, h: 3, … }', 'Shape &', true],
    ['n', '0x1048 → 0', 'int &', true],
  ]);
  expect((await open(holder[0]!.variablesReference)).map((v) => `${v.name} = ${v.value}`)).toEqual(['_vptr$Base = 0x5a8', 'id = 9', 'w = 2', 'h = 3', 'label = 0x400 "box"']);
  // A union's members all at its start; bit fields by their own bits.
  expect(rows(await open(row('num').variablesReference))).toEqual([['i', '1069547520 (0x3fc00000)', 'int', false], ['f', '1.5', 'float', false]]);
  expect(rows(await open(row('flags').variablesReference))).toEqual([
    ['a', '5', 'unsigned int : 3', false], ['b', '17 (0x11)', 'unsigned int : 5', false], ['c', '-3', 'int : 4', false],
  ]);
  expect(rows(await open(row('arr').variablesReference)).map(([n, v]) => `${n} = ${v}`)).toEqual(['[0] = 1', '[1] = 2', '[2] = 3', '[3] = 4']);
  const buf = await open(row('buf').variablesReference);
  expect([buf.length, ...buf.slice(0, 4).map((v) => v.value)]).toEqual([16, "97 'a'", "98 'b'", "99 'c'", "0 '\\0'"]);
  // Pointers to heap objects open into them: malloc's Node, new's Shape.
  expect((await open(row('head').variablesReference)).map((v) => `${v.name} = ${v.value}`)).toEqual(['v = 42 (0x2a)', 'next = 0x0']);
  expect((await open(row('made').variablesReference)).map((v) => `${v.name} = ${v.value}`)).toEqual(['_vptr$Base = 0x5a8', 'id = 9', 'w = 7', 'h = 8', 'label = 0x400 "box"']);
  await client.request('disconnect');
}, 60_000);

it("a paused C++ function's locals: a reference, an enum class, a std::array and a char[16], in Variables and on hover", async () => {
  const { client, statics, open } = await stopped();
  const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: statics, name: 'counter' });
  await client.request('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
  await client.request('continue', { threadId: 1 });
  expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('data breakpoint');
  const work = (await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 })).body.stackFrames[1]!;
  expect(work.name).toBe('work');
  const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: work.id });
  expect(rows(await open(scopes.body.scopes[0]!.variablesReference))).toEqual([
    ['k', '1', 'int', false],
    ['r', '0x1028 → { _vptr$Base: 0x5a8, id: 9, w: 2, h: 3, … }', 'Shape &', true],
    ['m', 'Slow (3)', 'Mode', false],
    ['local', '[5, 6, 7, 8]', 'array<int, 4UL>', true],
    ['name', '"xyz"', 'char[16]', true],
  ]);
  const hover = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: 'r', frameId: work.id, context: 'hover' });
  expect(hover.body.result).toBe('0x1028 → { _vptr$Base: 0x5a8, id: 9, w: 2, h: 3, … }');
  await client.request('disconnect');
}, 60_000);
