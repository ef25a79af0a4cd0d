// One browser tab's WebSocket: decodes request frames, validates them, calls the backend and
// answers with exactly one response per request id. Malformed frames get an error response;
// nothing a client sends can throw out of here.

import type { RawData, WebSocket } from 'ws';
import type { Backend, RequestName } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { decodeWire, wireError, type ServerMessage } from '../shared/wire.ts';
import { Outbox } from './outbox.ts';
import { isRequestName } from '../backend/validate.ts';

/** Id used to answer a frame whose own id could not be read. */
export const UNKNOWN_ID = -1;
type Parsed = { id: number; name: RequestName; params: unknown } | { id: number; error: Result<never> };

/** Checks the envelope {type: 'request', id, name, params}; params are checked by validateParams. */
export function parseFrame(data: RawData, isBinary: boolean): Parsed {
  let message: unknown;
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  try {
    message = decodeWire(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8'));
  } catch (error) {
    return { id: UNKNOWN_ID, error: wireError('usage', isBinary ? `malformed binary frame: ${(error as Error).message}` : 'frame is not valid JSON') };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { id: UNKNOWN_ID, error: wireError('usage', 'frame must be a JSON object {type, id, name, params}') };
  }
  const m = message as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : UNKNOWN_ID;
  if (m.type !== 'request') return { id, error: wireError('usage', 'frame type must be "request"') };
  if (id === UNKNOWN_ID) return { id, error: wireError('usage', 'request id must be an integer') };
  if (!isRequestName(m.name)) return { id, error: wireError('usage', `unknown request ${JSON.stringify(m.name)}`) };
  return { id, name: m.name, params: m.params };
}

/** The backend validates params itself (for every shell); this only keeps a throw from escaping. */
async function dispatch(backend: Backend, name: RequestName, params: unknown): Promise<Result<unknown>> {
  try {
    const handler = backend[name] as (p: unknown) => Promise<Result<unknown>>;
    return await handler(params);
  } catch (error) {
    // A throw here is our bug; the client still gets its one response.
    return wireError('internal', `${name} failed unexpectedly: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** Serves one tab's requests; its events and responses go out through the returned Outbox. */
export function serveConnection(socket: WebSocket, backend: Backend): Outbox {
  const outbox = new Outbox(socket);
  socket.on('message', (data, isBinary) => {
    const parsed = parseFrame(data, isBinary);
    if ('error' in parsed) {
      outbox.send({ type: 'response', id: parsed.id, result: parsed.error });
      return;
    }
    void dispatch(backend, parsed.name, parsed.params).then((result) => {
      let message: ServerMessage = { type: 'response', id: parsed.id, result };
      try {
        outbox.send(message);
      } catch (error) {
        message = { type: 'response', id: parsed.id, result: wireError('internal', `response could not be encoded: ${(error as Error).message}`) };
        outbox.send(message);
      }
    });
  });
  socket.on('error', () => socket.terminate());
  socket.on('close', () => outbox.dispose());
  return outbox;
}
