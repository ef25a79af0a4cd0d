// A post-order walk over Binaryen expressions that lets the visitor replace any node. Children
// are listed per expression kind in evaluation order (the order of the original instructions),
// so the n-th write the walk meets is the n-th write instruction of the function body.

import { binaryen } from './binaryen.ts';

type Ref = number;
/** One child slot: the accessor class in binaryen.js and the slot name (`Ptr` → getPtr/setPtr). */
type Slot = string | { list: string };

type Slots = Map<number, { cls: string; slots: Slot[] }>;
let table: Slots | undefined;

/**
 * Child slots by expression id. Leaves map to []; a kind missing here is not supported. Built on
 * first use: the ids are Binaryen's, which is loaded only once write tracing is asked for.
 */
function slotsOf(id: number): { cls: string; slots: Slot[] } | undefined {
  table ??= slotTable();
  return table.get(id);
}

function slotTable(): Slots {
  const table: Slots = new Map();
  const kind = (id: number, cls: string, ...slots: Slot[]): void => void table.set(id, { cls, slots });
  const b = binaryen();
  kind(b.BlockId, 'Block', { list: 'Child' });
  kind(b.IfId, 'If', 'Condition', 'IfTrue', 'IfFalse');
  kind(b.LoopId, 'Loop', 'Body');
  kind(b.BreakId, 'Break', 'Value', 'Condition');
  kind(b.SwitchId, 'Switch', 'Value', 'Condition');
  kind(b.CallId, 'Call', { list: 'Operand' });
  kind(b.CallIndirectId, 'CallIndirect', { list: 'Operand' }, 'Target');
  kind(b.CallRefId, 'CallRef', { list: 'Operand' }, 'Target');
  kind(b.LocalSetId, 'LocalSet', 'Value');
  kind(b.GlobalSetId, 'GlobalSet', 'Value');
  kind(b.LoadId, 'Load', 'Ptr');
  kind(b.StoreId, 'Store', 'Ptr', 'Value');
  kind(b.UnaryId, 'Unary', 'Value');
  kind(b.BinaryId, 'Binary', 'Left', 'Right');
  kind(b.SelectId, 'Select', 'IfTrue', 'IfFalse', 'Condition');
  kind(b.DropId, 'Drop', 'Value');
  kind(b.ReturnId, 'Return', 'Value');
  kind(b.MemoryGrowId, 'MemoryGrow', 'Delta');
  kind(b.AtomicRMWId, 'AtomicRMW', 'Ptr', 'Value');
  kind(b.AtomicCmpxchgId, 'AtomicCmpxchg', 'Ptr', 'Expected', 'Replacement');
  kind(b.AtomicWaitId, 'AtomicWait', 'Ptr', 'Expected', 'Timeout');
  kind(b.AtomicNotifyId, 'AtomicNotify', 'Ptr', 'NotifyCount');
  kind(b.SIMDExtractId, 'SIMDExtract', 'Vec');
  kind(b.SIMDReplaceId, 'SIMDReplace', 'Vec', 'Value');
  kind(b.SIMDShuffleId, 'SIMDShuffle', 'Left', 'Right');
  kind(b.SIMDTernaryId, 'SIMDTernary', 'A', 'B', 'C');
  kind(b.SIMDShiftId, 'SIMDShift', 'Vec', 'Shift');
  kind(b.SIMDLoadId, 'SIMDLoad', 'Ptr');
  kind(b.SIMDLoadStoreLaneId, 'SIMDLoadStoreLane', 'Ptr', 'Vec');
  kind(b.MemoryInitId, 'MemoryInit', 'Dest', 'Offset', 'Size');
  kind(b.MemoryCopyId, 'MemoryCopy', 'Dest', 'Source', 'Size');
  kind(b.MemoryFillId, 'MemoryFill', 'Dest', 'Value', 'Size');
  kind(b.RefIsNullId, 'RefIsNull', 'Value');
  kind(b.RefAsId, 'RefAs', 'Value');
  kind(b.RefEqId, 'RefEq', 'Left', 'Right');
  kind(b.TableGetId, 'TableGet', 'Index');
  kind(b.TableSetId, 'TableSet', 'Index', 'Value');
  kind(b.TableGrowId, 'TableGrow', 'Value', 'Delta');
  kind(b.TryId, 'Try', 'Body', { list: 'CatchBody' });
  kind(b.ThrowId, 'Throw', { list: 'Operand' });
  kind(b.TupleMakeId, 'TupleMake', { list: 'Operand' });
  kind(b.TupleExtractId, 'TupleExtract', 'Tuple');
  for (const leaf of [b.NopId, b.UnreachableId, b.PopId, b.ConstId, b.LocalGetId, b.GlobalGetId, b.MemorySizeId,
    b.RefNullId, b.RefFuncId, b.TableSizeId, b.DataDropId, b.AtomicFenceId, b.RethrowId]) {
    kind(leaf, 'Expression');
  }
  return table;
}

type Accessors = Record<string, (...args: number[]) => number>;
const accessors = (cls: string): Accessors => (binaryen() as unknown as Record<string, Accessors>)[cls]!;

/** binaryen.js's accessor class for an expression kind (`node('Store').getPtr!(expr)`); untyped in its .d.ts. */
export const node = accessors;
/** binaryen.js names list accessors getNumChildren/getChildAt, getNumOperands/getOperandAt, … */
const plural = (name: string): string => (name === 'Child' ? 'Children' : name === 'CatchBody' ? 'CatchBodies' : `${name}s`);

export class UnsupportedExpression extends Error {}

/** What a visit returns: the node to put in place, and the write depth of its subtree. */
export interface Visited {
  ref: Ref;
  depth: number;
}

/** The children of `expr` in evaluation order (leaves: none). */
export function childrenOf(expr: Ref): Ref[] {
  const id = binaryen().getExpressionId(expr);
  const entry = slotsOf(id);
  if (!entry) throw new UnsupportedExpression(`expression kind ${id} is not supported by write tracing`);
  const acc = accessors(entry.cls);
  const out: Ref[] = [];
  for (const slot of entry.slots) {
    if (typeof slot === 'string') {
      const ref = acc[`get${slot}`]!(expr);
      if (ref) out.push(ref);
    } else {
      const count = acc[`getNum${plural(slot.list)}`]!(expr);
      for (let i = 0; i < count; i++) {
        const ref = acc[`get${slot.list}At`]!(expr, i);
        if (ref) out.push(ref);
      }
    }
  }
  return out;
}

/**
 * Walks `expr` children first. `visit(node, depth)` gets the deepest nesting of writes among the
 * node's descendants (0: none) and returns the node's replacement (or itself) and its subtree's
 * depth; a rewrite keeps values in locals chosen by that depth, so nested writes never share one.
 */
export function walkExpression(expr: Ref, visit: (expr: Ref, depth: number) => Visited): Visited {
  const id = binaryen().getExpressionId(expr);
  const entry = slotsOf(id);
  if (!entry) throw new UnsupportedExpression(`expression kind ${id} is not supported by write tracing`);
  const acc = accessors(entry.cls);
  let depth = 0;
  const child = (ref: Ref, set: (next: Ref) => void): void => {
    const next = walkExpression(ref, visit);
    if (next.ref !== ref) set(next.ref);
    depth = Math.max(depth, next.depth);
  };
  for (const slot of entry.slots) {
    if (typeof slot === 'string') {
      const ref = acc[`get${slot}`]!(expr);
      if (ref) child(ref, (next) => acc[`set${slot}`]!(expr, next));
    } else {
      const count = acc[`getNum${plural(slot.list)}`]!(expr);
      for (let i = 0; i < count; i++) {
        const ref = acc[`get${slot.list}At`]!(expr, i);
        if (ref) child(ref, (next) => acc[`set${slot.list}At`]!(expr, i, next));
      }
    }
  }
  return visit(expr, depth);
}
