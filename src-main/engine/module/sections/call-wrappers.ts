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

import { Body } from './body-ops.ts';

/** Bodies longer than this are never such wrappers (a few calls and local moves). */
const MAX_WRAPPER_BODY = 48;

const CALL = 0x10;
const LOCAL_OPS = new Set([0x20, 0x21, 0x22]); // local.get, local.set, local.tee
const END = 0x0b;

/** The first and last function a body of only calls and local moves calls, or null for any other body. */
export function callWrapper(bytes: Uint8Array, start: number, size: number): { first: number; last: number } | null {
  if (size > MAX_WRAPPER_BODY) return null;
  const body = new Body(bytes, start, size);
  if (!body.skipLocals()) return null;
  const calls: number[] = [];
  for (let i = body.op(); i !== null; i = body.op()) {
    if (i.op === END) break;
    if (i.op === CALL) calls.push(i.index);
    else if (!LOCAL_OPS.has(i.op)) return null;
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
