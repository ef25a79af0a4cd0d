// Builtin host functions an import can be bound to: print_utf8, print_utf16, and
// AssemblyScript's abort and trace. Each call is recorded with the decoded text.

import type { BuiltinName } from '../protocol.ts';
import { readAsString } from './as-string.ts';
import { goRuntimeFunction } from './gojs.ts';
import { tempRetFunction } from './temp-ret.ts';
import { emscriptenRuntimeFunction } from './emscripten-runtime.ts';
import { recorded, type ArgShape, type HostFunction, type ImportContext } from './import-context.ts';

/** Thrown by `abort`: unwinds the guest like a trap; the worker reports it as one. */
export class GuestAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuestAbort';
  }
}

const encoder = new TextEncoder();

/** How the printing builtins' calls read in the call log: the text they print (arg-decoder.ts). */
const PRINT_UTF8: ArgShape = { params: ['ptr', 'len'], show: 'print_utf8({ptr:utf8})' };
const PRINT_UTF16: ArgShape = { params: ['ptr', 'len'], show: 'print_utf16({ptr:utf16})' };

export function builtinFunction(ctx: ImportContext, module: string, name: string, builtin: BuiltinName): HostFunction {
  const record = (impl: Parameters<typeof recorded>[4], shape?: ArgShape) => recorded(ctx, module, name, 'builtin', impl, shape);
  switch (builtin) {
    case 'print_utf8':
      // print_utf8(ptr, len): len in bytes.
      return record(([ptr, len]) => {
        const bytes = ctx.memory().read(Number(ptr), Number(len));
        ctx.stdout(bytes);
        const text = new TextDecoder().decode(bytes);
        return { result: undefined, note: { detail: { text }, touched: [[Number(ptr), Number(ptr) + bytes.length]] } };
      }, PRINT_UTF8);
    case 'print_utf16':
      // print_utf16(ptr, len): len in UTF-16 code units (2 bytes each).
      return record(([ptr, len]) => {
        const text = ctx.memory().readUtf16(Number(ptr), Number(len) * 2);
        ctx.stdout(encoder.encode(text));
        return { result: undefined, note: { detail: { text }, touched: [[Number(ptr), Number(ptr) + Number(len) * 2]] } };
      }, PRINT_UTF16);
    case 'abort':
      // abort(msg, file, line, col): AssemblyScript strings (0 = none); traps after reporting.
      return record(([msg, file, line, col]) => {
        const memory = ctx.memory();
        const text = readAsString(memory, Number(msg)) ?? 'abort';
        const where = readAsString(memory, Number(file));
        const message = where ? `${text} at ${where}:${line}:${col}` : text;
        ctx.stderr(encoder.encode(`abort: ${message}\n`));
        throw new GuestAbort(`abort: ${message}`);
      });
    case 'gojs':
      return goRuntimeFunction(ctx, module, name);
    case 'tempret':
      return tempRetFunction(ctx, module, name);
    case 'emscripten':
      return emscriptenRuntimeFunction(ctx, module, name);
    case 'trace':
      // trace(msg, n, a0..a4): prints the message and the first n of five f64 values.
      return record(([msg, n, ...values]) => {
        const text = readAsString(ctx.memory(), Number(msg)) ?? '';
        const shown = values.slice(0, Math.max(0, Math.min(5, Number(n)))).map(String);
        const line = `trace: ${text}${shown.length ? ` ${shown.join(', ')}` : ''}`;
        ctx.stdout(encoder.encode(`${line}\n`));
        return { result: undefined, note: { summary: line, detail: { text } } };
      });
  }
}
