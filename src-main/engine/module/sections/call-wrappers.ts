// Recognises a tiny function body that only calls: one function first, another last, passing
// its parameters through and returning a result by a local. wasm-ld writes exactly that around
// every export of a WASI command (a module with _start) other than _start itself:
//
//   upper:  call $__wasm_call_ctors      ;; 10 <ctors>   the function _start calls first
//           local.get 0                  ;; 20 00
//           call $upper.command_export   ;; 10 <the function>
//           local.set 0                  ;; 21 00
//           call $__wasm_call_dtors      ;; 10 <dtors>
//           local.get 0                  ;; 20 00
//           end                          ;; 0b
//
// so each call of such an export runs the program's constructors before and its destructors
// after, as _start does around main (module-info.ts: commandExports).

/** Bodies longer than this are never such wrappers (a few calls and local moves). */
const MAX_WRAPPER_BODY = 48;

const CALL = 0x10;
const LOCAL_OPS = new Set([0x20, 0x21, 0x22]); // local.get, local.set, local.tee
const END = 0x0b;

/** Reads a body's instructions from past its locals; `op()` is null past the end or at a bad LEB. */
class Body {
  private at: number;
  private readonly end: number;

  constructor(private readonly bytes: Uint8Array, start: number, size: number) {
    this.at = start;
    this.end = start + size;
  }

  /** Past the locals; false when they do not decode. */
  skipLocals(): boolean {
    const groups = this.uleb();
    if (groups === null) return false;
    for (let g = 0; g < groups; g++) {
      if (this.uleb() === null) return false;
      this.at++;
    }
    return this.at <= this.end;
  }

  /** The next opcode and, for a call or local op, its index; null for anything else. */
  op(): { op: number; index: number } | null {
    if (this.at >= this.end) return null;
    const op = this.bytes[this.at++]!;
    if (op === END) return { op, index: 0 };
    const index = op === CALL || LOCAL_OPS.has(op) ? this.uleb() : null;
    return index === null ? null : { op, index };
  }

  get done(): boolean {
    return this.at === this.end;
  }

  private uleb(): number | null {
    let value = 0;
    for (let shift = 0; shift < 35 && this.at < this.end; shift += 7) {
      const b = this.bytes[this.at++]!;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return value >>> 0;
    }
    return null;
  }
}

/** The first and last function a body of only calls and local moves calls, or null for any other body. */
export function callWrapper(bytes: Uint8Array, start: number, size: number): { first: number; last: number } | null {
  if (size > MAX_WRAPPER_BODY) return null;
  const body = new Body(bytes, start, size);
  if (!body.skipLocals()) return null;
  const calls: number[] = [];
  for (let i = body.op(); i !== null; i = body.op()) {
    if (i.op === END) break;
    if (i.op === CALL) calls.push(i.index);
  }
  if (!body.done || calls.length < 2 || calls[0] === calls.at(-1)) return null;
  return { first: calls[0]!, last: calls.at(-1)! };
}

/** The function a body calls before anything else (_start's constructors), or null. */
export function leadingCall(bytes: Uint8Array, start: number, size: number): number | null {
  const body = new Body(bytes, start, size);
  const first = body.skipLocals() ? body.op() : null;
  return first?.op === CALL ? first.index : null;
}
