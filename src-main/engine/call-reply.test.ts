// The short answer to an ad-hoc call: what the worker sends leaves out what the controller
// sent, and what the controller rebuilds is the worker's CallResult, key order included (JSON).

import { describe, expect, it } from 'vitest';
import type { CallRecord, WasmValue } from '../shared/dto.ts';
import { callReply, expandCalled, type CalledMessage } from './call-reply.ts';
import type { CallResult, WorkerRequest } from './protocol.ts';

type CallRequest = Extract<WorkerRequest, { type: 'call' }>;
const i32 = (bits: number): WasmValue => ({ type: 'i32', bits });

/** The worker's reply to `request`, expanded again on the controller's side. */
function roundTrip(request: CallRequest, result: CallResult): { message: ReturnType<typeof callReply>; back: CallResult } {
  const message = structuredClone(callReply(request, result));
  if (message.type !== 'called') throw new Error(`expected a short answer, got ${message.type}`);
  return { message, back: expandCalled(message as CalledMessage, request) };
}

describe('the short answer to an ad-hoc call', () => {
  it('sends only the id, duration and memory size for a call with no results, imports or error', () => {
    const request: CallRequest = { id: 7, type: 'call', name: 'free', args: [i32(0)] };
    const record: CallRecord = { export: 'free', args: [i32(0)], results: [], durationMs: 0.004, imports: [] };
    const { message, back } = roundTrip(request, { record, exitCode: null, memorySize: 131072 });
    expect(Object.keys(message)).toEqual(['type', 'id', 'durationMs', 'memorySize']);
    expect(JSON.stringify(back)).toBe(JSON.stringify({ record, exitCode: null, memorySize: 131072 }));
  });

  it('keeps results, import calls, an error and the exit code, in the record’s key order', () => {
    const request: CallRequest = { id: 2, type: 'call', name: 'run', args: [i32(3), { type: 'i64', bits: 'ffffffffffffffff' }] };
    const record: CallRecord = {
      export: 'run', args: request.args, results: [{ type: 'f64', bits: '3ff0000000000000' }], durationMs: 1.5,
      imports: [{ module: 'wasi_snapshot_preview1', name: 'proc_exit', binding: 'wasi', args: [i32(3)], results: [], durationMs: 0.1, summary: 'proc_exit(3)' }],
      error: { code: 'exit', message: 'the guest exited with code 3' },
    };
    const { back } = roundTrip(request, { record, exitCode: 3, memorySize: 65536 });
    expect(JSON.stringify(back)).toBe(JSON.stringify({ record, exitCode: 3, memorySize: 65536 }));
  });

  it('sends the arguments when the guest received other bits than were sent', () => {
    // A signalling NaN sent as f32 arrives quieted: the record says what the guest received.
    const request: CallRequest = { id: 3, type: 'call', name: 'f', args: [{ type: 'f32', bits: 0x7fa00000 }] };
    const record: CallRecord = { export: 'f', args: [{ type: 'f32', bits: 0x7fe00000 }], results: [], durationMs: 0, imports: [] };
    const { message, back } = roundTrip(request, { record, exitCode: null, memorySize: 0 });
    expect((message as CalledMessage).args).toEqual(record.args);
    expect(back.record.args).toEqual([{ type: 'f32', bits: 0x7fe00000 }]);
  });

  it('sends the arguments when their count or type differs', () => {
    const request: CallRequest = { id: 4, type: 'call', name: 'nope', args: [{ type: 'i64', bits: '0000000000000005' }] };
    const record: CallRecord = {
      export: 'nope', args: [i32(5)], results: [], durationMs: 0, imports: [],
      error: { code: 'no-such-export', message: 'the module exports no function named nope' },
    };
    const { back } = roundTrip(request, { record, exitCode: null, memorySize: 0 });
    expect(JSON.stringify(back.record)).toBe(JSON.stringify(record));
  });

  it('answers in full when the record counts dropped import calls (its key order varies)', () => {
    const request: CallRequest = { id: 5, type: 'call', name: 'chatty', args: [] };
    const record: CallRecord = { export: 'chatty', args: [], results: [], durationMs: 2, imports: [], error: { code: 'trap', message: 'unreachable' }, importsDropped: 12 };
    const message = callReply(request, { record, exitCode: null, memorySize: 0 });
    expect(message).toEqual({ type: 'response', id: 5, result: { ok: true, value: { record, exitCode: null, memorySize: 0 } } });
  });
});
