// Variables in a function's stack frame from DWARF: the parameters and locals clang and rustc
// without optimisation keep in linear memory, each at the frame base plus an offset. Read beside
// the statics, in the same pass over .debug_info (statics.ts), so their types share its table.
//
// Read: a DW_TAG_formal_parameter or DW_TAG_variable whose DW_AT_location is exactly
// `DW_OP_fbreg <SLEB offset>` (0x91), under a DW_TAG_subprogram whose DW_AT_frame_base is
// `DW_OP_WASM_location 0x00 <ULEB local>` (0xed: the frame's stack pointer in a wasm local),
// maybe followed by DW_OP_stack_value (0x9f), and which has its code range. Between them only
// lexical blocks, whose code range is where the variable is in scope. Anything else (a location
// list, a wasm local or global location, a variable of an inlined call) is not read.

import type { FrameVariable } from '../../../shared/dto.ts';
import { DwarfCursor } from './dwarf-cursor.ts';
import { dieName, TAG, type Die } from './debug-info.ts';
import type { Layouts } from './layout.ts';
import { typedAs, type VariableType } from './statics.ts';

/** A big debug build has hundreds of thousands of frame variables; past this many the rest are left out (and counted). */
export const MAX_FRAME_VARIABLES = 20_000;

/** A function's frame as read: its code range (code-section offsets), its frame-base local, its variables (scopes in code-section offsets too). */
export interface DwarfFrame {
  code: [number, number];
  baseLocal: number;
  variables: FrameVariable[];
}

/** Collects the frames of each unit readStatics passes it (readFrom), in the order their functions come. */
export class FrameReader {
  readonly frames: DwarfFrame[] = [];
  variables = 0;
  omitted = 0;

  readFrom(dies: Map<number, Die>, layouts: Layouts): void {
    const bySubprogram = new Map<Die, DwarfFrame | null>();
    // Typed once per type in the unit: a C++ unit's many `this` and `int` share a handful.
    const typed = new Map<number | undefined, VariableType>();
    for (const die of dies.values()) {
      if ((die.tag !== TAG.formalParameter && die.tag !== TAG.variable) || die.location?.[0] !== 0x91) continue;
      const offset = fbregOffset(die.location);
      const place = offset === null ? null : placeOf(die);
      if (offset === null || place === null) continue;
      let frame = bySubprogram.get(place.function);
      if (frame === undefined) {
        const baseLocal = frameBaseLocal(place.function);
        frame = baseLocal === null ? null : { code: place.function.code!, baseLocal, variables: [] };
        bySubprogram.set(place.function, frame);
        if (frame) this.frames.push(frame);
      }
      // A concrete instance names and types its variables through their abstract ones.
      const origin = die.origin === undefined ? undefined : dies.get(die.origin);
      const name = dieName(die) ?? (origin && dieName(origin));
      if (!frame || !name) continue;
      if (this.variables >= MAX_FRAME_VARIABLES) {
        this.omitted++;
        continue;
      }
      const ref = die.type ?? origin?.type;
      let type = typed.get(ref);
      if (!type) typed.set(ref, (type = typedAs(ref, dies, die.unit.addressSize, layouts)));
      const v: FrameVariable = { name, offset, ...type };
      if (die.tag === TAG.formalParameter) v.parameter = true;
      if (place.scope) v.scope = place.scope;
      frame.variables.push(v);
      this.variables++;
    }
  }
}

/** `DW_OP_fbreg n` alone: n; null for any longer expression. */
function fbregOffset(location: Uint8Array): number | null {
  const c = new DwarfCursor(location, 0, 'location', 1);
  const offset = c.sleb('frame offset');
  return c.pos === location.length ? offset : null;
}

/**
 * The function a frame variable belongs to, when only lexical blocks come between, and the
 * innermost block's code range (absent: none has one, so all of the function); null otherwise.
 */
function placeOf(die: Die): { function: Die; scope?: [number, number] } | null {
  let scope: [number, number] | undefined;
  for (let p = die.parent; p !== null; p = p.parent) {
    if (p.tag === TAG.subprogram) return p.code ? { function: p, ...(scope ? { scope } : {}) } : null;
    if (p.tag !== TAG.lexicalBlock) return null;
    scope ??= p.code;
  }
  return null;
}

/** The wasm local of `DW_OP_WASM_location 0x00 <ULEB local>` [DW_OP_stack_value]; null for a global, a stack operand or anything else. */
function frameBaseLocal(subprogram: Die): number | null {
  const base = subprogram.frameBase;
  if (!base || base[0] !== 0xed || base[1] !== 0x00) return null;
  const c = new DwarfCursor(base, 0, 'frame base', 2);
  const local = c.uleb('local index');
  if (c.pos < base.length && base[c.pos] === 0x9f) c.pos++;
  return c.pos === base.length ? local : null;
}
