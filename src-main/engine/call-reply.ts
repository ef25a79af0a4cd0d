// The short form of an ad-hoc call's answer (the worker's `called` message) and its expansion
// into the CallResult the controller hands on: only what the controller does not already know
// travels, flat.
//
// Why: a structured clone pays per object and per key on both threads. The generic response
// ({ type, id, result: { ok, value: { record: { export, args: [{ type, bits }], results,
// durationMs, imports }, exitCode, memorySize } } }) cost ~2.2 µs more CPU per round trip than
// a bare echo of the request; this form, ~0.3 µs. Left out: the export's name and, when the
// guest received them exactly as sent, the arguments (both are in the request); empty lists; a
// null exit code; an absent error. The record is rebuilt with its keys in the worker's order
// (instance.ts: export, args, results, durationMs, imports, then error), so JSON output is the
// same; a record with importsDropped, whose key may come before or after error, goes in full.

import type { CallRecord, ImportCallRecord, MemscopeError, CallValue } from '../shared/dto.ts';
import type { CallResult, WorkerMessage, WorkerRequest } from './protocol.ts';

/** The worker's answer to a `call` it ran; optional fields are absent, never undefined (a clone would send their keys). */
export interface CalledMessage {
  type: 'called';
  id: number;
  durationMs: number;
  memorySize: number;
  /** Only when the guest received other values than were sent (converted, a NaN quieted). */
  args?: CallValue[];
  results?: CallValue[];
  imports?: ImportCallRecord[];
  error?: MemscopeError;
  exitCode?: number;
}

type CallRequest = Extract<WorkerRequest, { type: 'call' }>;

/** The message that answers `request` with `result` (worker side): `called`, or the full response when the short form cannot keep the record's key order. */
export function callReply(request: CallRequest, result: CallResult): WorkerMessage {
  const { record } = result;
  if (record.importsDropped !== undefined) return { type: 'response', id: request.id, result: { ok: true, value: result } };
  const message: CalledMessage = { type: 'called', id: request.id, durationMs: record.durationMs, memorySize: result.memorySize };
  if (!sameValues(record.args, request.args)) message.args = record.args;
  if (record.results.length > 0) message.results = record.results;
  if (record.imports.length > 0) message.imports = record.imports;
  if (record.error) message.error = record.error;
  if (result.exitCode !== null) message.exitCode = result.exitCode;
  return message;
}

/** The CallResult a `called` message stands for, given the request it answers (controller side). */
export function expandCalled(message: CalledMessage, request: Pick<CallRequest, 'name' | 'args'>): CallResult {
  const record: CallRecord = {
    export: request.name, args: message.args ?? request.args, results: message.results ?? [],
    durationMs: message.durationMs, imports: message.imports ?? [],
  };
  if (message.error) record.error = message.error;
  return { record, exitCode: message.exitCode ?? null, memorySize: message.memorySize };
}

/** Whether two lists hold the same wasm values, bit for bit. */
function sameValues(a: readonly CallValue[], b: readonly CallValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>;
    const y = b[i] as Record<string, unknown>;
    if (x.type !== y.type || x.bits !== y.bits || x.func !== y.func || x.isNull !== y.isNull) return false;
  }
  return true;
}
