// The one place that knows which shell hosts the UI: Electron's preload bridge when it is on
// window, otherwise the web shell's WebSocket. Everything else talks to the Client interface.

import type {
  Client, ElectronBridge, Params, RequestName, ResultOf,
} from '../../src-main/shared/contract.ts';
import { ELECTRON_BRIDGE_KEY } from '../../src-main/shared/contract.ts';
import type { Result } from '../../src-main/shared/dto.ts';
import { createWebSocketClient, webSocketUrl } from './ws-client.ts';

function bridgeClient(bridge: ElectronBridge): Client {
  return {
    request: <K extends RequestName>(name: K, params: Params<K>) =>
      (bridge[name] as (p: Params<K>) => Promise<Result<ResultOf<K>>>)(params),
    pickFile: (kind) => bridge.pickFile(kind),
    saveFile: (file) => bridge.saveFile(file),
    on: (event, listener) => bridge.on(event, listener),
  };
}

export function createClient(): Client {
  const bridge = (window as unknown as Record<string, unknown>)[ELECTRON_BRIDGE_KEY];
  if (bridge && typeof bridge === 'object') return bridgeClient(bridge as ElectronBridge);
  return createWebSocketClient(webSocketUrl(location));
}
