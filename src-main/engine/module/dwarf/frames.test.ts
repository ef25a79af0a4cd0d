// Frame variables read from the DWARF of real builds (testdata/build.sh): clang-19 without -O
// in DWARF 4 and 5, through the module reader as every caller gets them (ModuleInfo.frameLocals;
// a scope is DWARF's code range plus where the code section's payload starts, 0x61 in frames.wasm);
// an optimised build, whose variables live in wasm locals and location lists, has none.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../index.ts';
import type { FrameLocals, ModuleInfo } from '../../../shared/dto.ts';

const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

function info(name: string): ModuleInfo {
  const r = inspectBytes(bytesOf(name));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** `function(base local, frame size): name type @ offset [scope]`, one per variable: what a reader of the test compares. */
function lines(m: ModuleInfo): string[] {
  const named = (f: FrameLocals): string => m.exports.find((e) => e.kind === 'func' && e.index === f.funcIndex)?.name ?? `func[${f.funcIndex}]`;
  return (m.frameLocals ?? []).flatMap((f) => f.variables.map((v) =>
    `${named(f)}(local ${f.baseLocal}, ${f.frameSize ?? '?'} B): ${v.parameter ? 'param ' : ''}${v.name}: ${v.type} (${v.size} B) @ fb+${v.offset}${v.scope ? ` in [0x${v.scope[0].toString(16)}, 0x${v.scope[1].toString(16)})` : ''}`));
}

describe('frame variables from DWARF', () => {
  it('C at -O0: parameters, locals, and the nested blocks each is in scope for, as file offsets', () => {
    const m = info('frames.wasm');
    expect(lines(m)).toEqual([
      'scale(local 4, 32 B): param p: const point * (4 B) @ fb+28',
      'scale(local 4, 32 B): param factor: int (4 B) @ fb+24',
      'scale(local 4, 32 B): scaled: point (8 B) @ fb+16',
      'scale(local 4, 32 B): total: int (4 B) @ fb+12',
      'scale(local 4, 32 B): i: int (4 B) @ fb+8 in [0xe9, 0x174)',
      'scale(local 4, 32 B): total: int (4 B) @ fb+4 in [0x11a, 0x157)',
      // Its frame size from its prologue (frame-size.ts): `i32.const 16` taken from the stack pointer.
      'scale_twice(local 4, 16 B): param p: const point * (4 B) @ fb+12',
      'scale_twice(local 4, 16 B): param factor: int (4 B) @ fb+8',
      'scale_twice(local 4, 16 B): first: int (4 B) @ fb+4',
      'scale_twice(local 4, 16 B): second: int (4 B) @ fb+0',
    ]);
    // Typed as statics are: the struct's fields, the pointer's pointee in the shared type table.
    const [p, , scaled] = m.frameLocals![0]!.variables;
    expect(scaled!.layout).toMatchObject({ kind: 'struct', fields: [{ name: 'x', offset: 0 }, { name: 'y', offset: 4 }] });
    expect(m.staticTypes![p!.pointee!]).toMatchObject({ type: 'const point', size: 8 });
  });

  it('DWARF 5 (code ranges through .debug_addr) reads as DWARF 4', () => {
    const four = lines(info('statics.wasm'));
    expect(four).toContain('put(local 4, 16 B): param k: const char * (4 B) @ fb+12');
    expect(lines(info('statics-dwarf5.wasm'))).toEqual(four);
  });

  it('an optimised build keeps its variables in wasm locals: no frame variables', () => {
    expect(info('statics-o1.wasm').frameLocals).toBeUndefined();
  });
});
