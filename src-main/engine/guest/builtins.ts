// Builtin host functions an import can be bound to: print_utf8, print_utf16, and
// AssemblyScript's abort and trace, each a table entry (how its calls read in the log, as data)
// beside a body that only does the work; Go's runtime, Emscripten's glue and its i64 helpers
// have tables of their own.

import type { FuncType } from '../../shared/dto.ts';
import type { BuiltinName } from '../protocol.ts';
import { readAsString } from './as-string.ts';
import { goRuntimeFunction } from './gojs.ts';
import { tempRetFunction } from './temp-ret.ts';
import { emscriptenRuntimeFunction } from './emscripten-runtime.ts';
import { GuestAbort } from './guest-abort.ts';
import { hostFunction, type HostBody, type ImportContext } from './import-context.ts';
import type { HostCallEntry, HostFunction } from './host-call.ts';
import type { CallView } from './arg-decoder.ts';


const encoder = new TextEncoder();

type Builtin = Omit<HostCallEntry, 'module' | 'name' | 'binding'> & { run: (ctx: ImportContext) => HostBody };

/** trace(msg, n, a0..a4): the message and the first n of the five f64 values. */
function traceLine(msg: string, n: number, values: readonly (number | bigint)[]): string {
  const shown = values.slice(0, Math.max(0, Math.min(5, n))).map(String);
  return `trace: ${msg}${shown.length ? ` ${shown.join(', ')}` : ''}`;
}

const BUILTINS: Record<Exclude<BuiltinName, 'gojs' | 'tempret' | 'emscripten'>, Builtin> = {
  // print_utf8(ptr, len): len in bytes.
  print_utf8: {
    params: ['ptr', 'len'], show: 'print_utf8({ptr:utf8})', detail: { text: '{ptr:text8}' },
    run: (ctx) => ([ptr, len], { memory }) => {
      ctx.stdout(memory().read(Number(ptr), Number(len)));
      return undefined;
    },
  },
  // print_utf16(ptr, len): len in UTF-16 code units (2 bytes each).
  print_utf16: {
    params: ['ptr', 'len'], show: 'print_utf16({ptr:utf16})', detail: { text: '{ptr:text16}' },
    run: (ctx) => ([ptr, len], { memory }) => {
      ctx.stdout(encoder.encode(memory().readUtf16(Number(ptr), Number(len) * 2)));
      return undefined;
    },
  },
  // abort(msg, file, line, col): AssemblyScript strings (0 = none); traps after reporting, so its
  // record is an abort worded by the error.
  abort: {
    params: ['msg', 'file', 'line', 'col'],
    run: (ctx) => ([msg, file, line, col], { memory }) => {
      const text = readAsString(memory(), Number(msg)) ?? 'abort';
      const where = readAsString(memory(), Number(file));
      const message = where ? `${text} at ${where}:${line}:${col}` : text;
      ctx.stderr(encoder.encode(`abort: ${message}\n`));
      throw new GuestAbort(`abort: ${message}`);
    },
  },
  trace: {
    params: ['msg', 'n', 'a0', 'a1', 'a2', 'a3', 'a4'], detail: { text: '{msg:asstring}' },
    show: (v: CallView) => traceLine(readAsString(v.memory(), Number(v.args[0])) ?? '', Number(v.args[1]), v.args.slice(2)),
    run: (ctx) => ([msg, n, ...values], { memory }) => {
      ctx.stdout(encoder.encode(`${traceLine(readAsString(memory(), Number(msg)) ?? '', Number(n), values)}\n`));
      return undefined;
    },
  },
};

/** `signature`: the import's declared type (AssemblyScript's trace passes f64s), which types its records. */
export function builtinFunction(ctx: ImportContext, module: string, name: string, builtin: BuiltinName, signature: FuncType): HostFunction {
  switch (builtin) {
    case 'gojs':
      return goRuntimeFunction(ctx, module, name);
    case 'tempret':
      return tempRetFunction(ctx, module, name);
    case 'emscripten':
      return emscriptenRuntimeFunction(ctx, module, name, signature);
    default: {
      const { run, ...shape } = BUILTINS[builtin];
      return hostFunction({ module, name, binding: 'builtin', type: signature, ...shape }, ctx, run(ctx));
    }
  }
}
