// The one place that knows which shell hosts the UI: Electron's preload bridge when it is on
// window, otherwise the web shell's WebSocket. Everything else talks to the Client interface.

import type {
  Client, ElectronBridge, Params, RequestName, ResultOf,
} from '../../src-main/shared/contract.ts';
import { ELECTRON_BRIDGE_KEY } from '../../src-main/shared/contract.ts';
import type { Result } from '../../src-main/shared/dto.ts';
import { createWebSocketClient, webSocketUrl } from './ws-client.ts';

/**
 * The bridge's requests, answered as the WebSocket client answers: always a Result, never a
 * rejection. Electron rejects an invoke whose arguments cannot cross the bridge ("An object could
 * not be cloned": a Proxy, a function), whose answer cannot come back, or that finds no handler
 * (the main process tearing down). The store's callers await Results and catch nothing, so such
 * a request failed with no word in the page, and one refused at the bridge (a synchronous throw)
 * left the store's busy state on for good. Here it is an error the page shows, as in a browser.
 */
async function bridgeRequest<K extends RequestName>(bridge: ElectronBridge, name: K, params: Params<K>): Promise<Result<ResultOf<K>>> {
  try {
    return await (bridge[name] as (p: Params<K>) => Promise<Result<ResultOf<K>>>)(params);
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

export function bridgeClient(bridge: ElectronBridge): Client {
  return {
    request: (name, params) => bridgeRequest(bridge, name, params),
    pickFile: (kind) => bridge.pickFile(kind),
    saveFile: (file) => bridge.saveFile(file),
    on: (event, listener) => bridge.on(event, listener),
    leavingEndsSession: true,
  };
}

export function createClient(): Client {
  const bridge = (window as unknown as Record<string, unknown>)[ELECTRON_BRIDGE_KEY];
  if (bridge && typeof bridge === 'object') return bridgeClient(bridge as ElectronBridge);
  return createWebSocketClient(webSocketUrl(location));
}
