// A function pointer's value named by the function its table slot holds (function-pointer.ts),
// as the debug adapter and the Statics panel show it; engine/module/element-segments.test.ts
// reads the slots from a module, dap/values.test.ts a clang build's through the adapter.

import { expect, it } from 'vitest';
import { isFunctionPointer, tableFunction, withFunctionName, type FunctionSlots } from './function-pointer.ts';

const slot = (n: number) => n;
const fn = { type: 'op_fn', scalar: 'pointer' as const, functionPointer: true as const };
const module: FunctionSlots = {
  tableFunctions: [{ slot: 1, functions: [5, 6, null] }, { slot: 2, functions: [7] }],
  names: { functions: { 5: 'on_event' } },
};

it('reads the function a slot holds: the last segment to fill it, none for a null element or an unfilled slot', () => {
  expect([1, 2, 3, 4, 0].map((s) => tableFunction(module, s))).toEqual([5, 7, null, null, null]);
  expect(tableFunction({ names: null }, 1)).toBeNull();
});

it("names a function pointer's slot as gdb does, by the name section or else the function's index", () => {
  // It read `0x1`: a table slot, which names nothing in memory.
  expect(withFunctionName('0x1', fn, slot(1), module)).toBe('0x1 <on_event>');
  expect(withFunctionName('0x2', fn, slot(2), module)).toBe('0x2 <function 7>');
  expect(withFunctionName('0x2', fn, slot(2), { ...module, names: null })).toBe('0x2 <function 7>');
  // A slot no segment fills, a null element, a null pointer: the number alone.
  expect(withFunctionName('0x7f', fn, slot(0x7f), module)).toBe('0x7f');
  expect(withFunctionName('0x3', fn, slot(3), module)).toBe('0x3');
  expect(withFunctionName('0x0', fn, slot(0), { tableFunctions: [{ slot: 0, functions: [5] }], names: null })).toBe('0x0');
  // Only a function pointer holds a slot: a data pointer's 1 is an address.
  expect(withFunctionName('0x1', { type: 'point *', scalar: 'pointer' }, slot(1), module)).toBe('0x1');
  expect(withFunctionName('0x1', fn, slot(1), null)).toBe('0x1');
  // The DWARF reader says which pointers are to functions (a typedef's name, `op_fn`, does not).
  expect(isFunctionPointer(fn)).toBe(true);
  expect(isFunctionPointer({})).toBe(false);
});
