// Test helper: builds a valid module from a short description (function imports, function
// exports with trivial bodies, name-section function names, producers, extra custom sections),
// for toolchain, allocator and kind tests.

import { T, body, custom, funcType, module, section, str, u32, vec, type Bytes } from './wasm-bytes.ts';

type V = keyof typeof T;

export interface FuncSpec {
  name: string;
  params?: V[];
  results?: V[];
}

export interface ModuleSpec {
  imports?: (FuncSpec & { module: string })[];
  exports?: FuncSpec[];
  functionNames?: string[];
  producers?: Record<string, [string, string][]>;
  customSections?: string[];
}

const ZERO: Record<V, Bytes> = {
  i32: [0x41, 0], i64: [0x42, 0], f32: [0x43, 0, 0, 0, 0], f64: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  v128: [0xfd, 12, ...new Array<number>(16).fill(0)], funcref: [0xd0, 0x70], externref: [0xd0, 0x6f],
};

export function specModule(spec: ModuleSpec): Uint8Array {
  const types: string[] = [];
  const typeBytes: Bytes[] = [];
  const typeOf = (f: FuncSpec): number => {
    const key = `${f.params?.join() ?? ''}->${f.results?.join() ?? ''}`;
    let i = types.indexOf(key);
    if (i < 0) {
      i = types.push(key) - 1;
      typeBytes.push(funcType((f.params ?? []).map((p) => T[p]), (f.results ?? []).map((r) => T[r])));
    }
    return i;
  };
  const imports = (spec.imports ?? []).map((i) => [...str(i.module), ...str(i.name), 0x00, ...u32(typeOf(i))]);
  const exports = spec.exports ?? [];
  const functions = exports.map((e) => u32(typeOf(e)));
  const base = imports.length;
  const sections: Bytes[] = [section(1, vec(typeBytes))];
  if (imports.length) sections.push(section(2, vec(imports)));
  if (functions.length) sections.push(section(3, vec(functions)));
  if (exports.length) sections.push(section(7, vec(exports.map((e, i) => [...str(e.name), 0x00, ...u32(base + i)]))));
  if (functions.length) sections.push(section(10, vec(exports.map((e) => body((e.results ?? []).flatMap((r) => ZERO[r]))))));
  if (spec.functionNames?.length) {
    const map = vec(spec.functionNames.map((n, i) => [...u32(i), ...str(n)]));
    sections.push(custom('name', [1, ...u32(map.length), ...map]));
  }
  if (spec.producers) {
    sections.push(custom('producers', vec(Object.entries(spec.producers).map(([field, values]) => [
      ...str(field), ...vec(values.map(([n, v]) => [...str(n), ...str(v)])),
    ]))));
  }
  for (const name of spec.customSections ?? []) sections.push(custom(name, []));
  return module(...sections);
}
