// The Electron bridge's client keeps the contract the WebSocket client keeps: every request
// answers a Result, never a rejection or a throw, whatever Electron's IPC does with it.
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, type ElectronBridge } from '../../src-main/shared/contract.ts';
import { bridgeClient } from './client.ts';

function bridge(request: (name: string, params: unknown) => unknown): ElectronBridge {
  return {
    ...Object.fromEntries(REQUEST_NAMES.map((name) => [name, (params: unknown) => request(name, params)])),
    pickFile: async () => null,
    saveFile: async () => false,
    on: () => () => undefined,
  } as unknown as ElectronBridge;
}

describe('the Electron bridge client', () => {
  it('passes the answer through', async () => {
    const client = bridgeClient(bridge(async (name, params) => ({ ok: true, value: { name, params } })));
    expect(await client.request('readMemory', { address: 16, length: 4 })).toEqual({ ok: true, value: { name: 'readMemory', params: { address: 16, length: 4 } } });
  });

  it('answers an error value when the invoke rejects (no handler, an answer that cannot be cloned)', async () => {
    const client = bridgeClient(bridge(() => Promise.reject(new Error("Error invoking remote method 'memscope:request': Error: No handler registered for 'memscope:request'"))));
    expect(await client.request('heap', {})).toEqual({
      ok: false, error: { code: 'internal', message: "heap failed unexpectedly: Error invoking remote method 'memscope:request': Error: No handler registered for 'memscope:request'" },
    });
  });

  it('answers an error value when the bridge throws at the call (arguments that cannot cross it)', async () => {
    const client = bridgeClient(bridge(() => { throw new Error('An object could not be cloned.'); }));
    // A synchronous throw used to escape request() itself, before the caller's try.
    const answer = client.request('setWatches', { watches: [] });
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toEqual({ ok: false, error: { code: 'internal', message: 'setWatches failed unexpectedly: An object could not be cloned.' } });
  });
});
