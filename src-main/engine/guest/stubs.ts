// Recording stubs for unresolved function imports: they return zeros of the right types, and
// each call is recorded (binding 'stub') so the call log shows the guest expected something.

import type { FuncType, ValType } from '../../shared/dto.ts';
import { formatSignature } from '../../shared/type-format.ts';
import { formatValues, fromJs } from '../../shared/value-format.ts';
import { hostFunction, type ImportContext } from './import-context.ts';
import type { HostFunction, HostResult } from './host-call.ts';
import type { CallView } from './arg-decoder.ts';

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
  constructor(module: string, name: string, args: string) {
    super(`the guest called ${module}.${name}(${args}), an unresolved import whose name says the program ends; ` +
      `it is only stubbed, so the guest is stopped here rather than run on as if it had returned`);
    this.name = 'StubbedExit';
  }
}

const ENDS_PROGRAM = /exit|abort|panic|terminate|halt/i;

/** `refused`: why this import cannot be stubbed with zeros (a minified Emscripten import): its call fails saying so. */
export function stubFunction(ctx: ImportContext, module: string, name: string, signature: FuncType, refused: string | null = null): HostFunction {
  const entry = { module, name, binding: 'stub' as const, type: signature };
  const values = (raw: readonly (number | bigint | null)[], types: readonly ValType[]) => formatValues(raw.map((v, i) => fromJs(types[i] ?? 'i32', v)));
  if (refused !== null) {
    return hostFunction(entry, ctx, (args) => {
      throw new Error(`the guest called ${module}.${name}(${values(args, signature.params)}), an import Memscope cannot host: ${refused}`);
    });
  }
  if (ENDS_PROGRAM.test(name)) {
    // Its record is an abort worded by the StubbedExit.
    return hostFunction(entry, ctx, (args) => {
      throw new StubbedExit(module, name, values(args, signature.params));
    });
  }
  const zeros = signature.results.map(zero);
  const result = (zeros.length === 0 ? undefined : zeros.length === 1 ? zeros[0] : zeros) as HostResult;
  const shown = zeros.length === 0 ? 'nothing' : values(zeros, signature.results);
  // The entry: the guest's raw arguments, the zeros it got, and a warning naming the signature.
  const stubbed = {
    ...entry,
    show: (v: CallView) => `${module}.${name}(${values(v.args, signature.params)}) → ${shown} (unresolved import, stubbed)`,
    detail: { warning: () => `unresolved import ${module}.${name} ${formatSignature(signature)} returned zeros` },
  };
  return hostFunction(stubbed, ctx, () => result);
}
