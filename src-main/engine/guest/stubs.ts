// Recording stubs for unresolved function imports: they return zeros of the right types, and
// each call is recorded (binding 'stub') so the call log shows the guest expected something.

import type { ValType } from '../../shared/dto.ts';
import { recorded, type HostFunction, type ImportContext } from './import-context.ts';

/** Result types of a signature written like `(i32, i32) -> i64` or `() -> (i32, f64)`. */
export function resultTypes(signature: string): ValType[] {
  const arrow = signature.indexOf('->');
  if (arrow < 0) return [];
  const text = signature.slice(arrow + 2).replace(/[()\s]/g, '');
  return text === '' ? [] : (text.split(',') as ValType[]);
}

function zero(type: ValType): number | bigint | null {
  if (type === 'i64') return 0n;
  if (type === 'funcref' || type === 'externref') return null;
  return 0;
}

/**
 * An import whose name says the program ends (exit, abort, panic, …): returning zeros would let
 * the guest run on as if it had not asked to stop, and a dead guest could pass. Its stub throws
 * this instead, so the call fails and says which import it was.
 */
export class StubbedExit extends Error {
  constructor(module: string, name: string, args: (number | bigint)[]) {
    super(`the guest called ${module}.${name}(${args.join(', ')}), an unresolved import whose name says the program ends; ` +
      `it is only stubbed, so the guest is stopped here rather than run on as if it had returned`);
    this.name = 'StubbedExit';
  }
}

const ENDS_PROGRAM = /exit|abort|panic|terminate|halt/i;

export function stubFunction(ctx: ImportContext, module: string, name: string, signature: string): HostFunction {
  if (ENDS_PROGRAM.test(name)) {
    return recorded(ctx, module, name, 'stub', (args) => {
      throw new StubbedExit(module, name, args);
    });
  }
  const zeros = resultTypes(signature).map(zero);
  const result = zeros.length === 0 ? undefined : zeros.length === 1 ? zeros[0] : zeros;
  const shown = zeros.length === 0 ? 'nothing' : zeros.map(String).join(', ');
  return recorded(ctx, module, name, 'stub', (args) => ({
    result: result as number | bigint | (number | bigint)[] | undefined,
    note: {
      summary: `${module}.${name}(${args.join(', ')}) → ${shown} (unresolved import, stubbed)`,
      detail: { warning: `unresolved import ${module}.${name} ${signature} returned zeros` },
    },
  }));
}
