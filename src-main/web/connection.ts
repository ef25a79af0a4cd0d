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

/** A value a client sent, as JSON, cut short so an error never echoes a whole frame back. */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    // Deeper than JSON.stringify can recurse: JSON.parse takes [[[…]]] 100 000 levels deep, and
    // the RangeError from here ended the whole server (it escaped the socket's message handler).
    return `${Array.isArray(v) ? 'an array' : 'an object'} nested too deeply to show`;
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * Why a frame could not be decoded, in words that point at the spot: JSON.parse names the
 * position, decodeWire the header or tag that is wrong. A stack overflow in the reviver (a frame
 * nested thousands of levels deep) is not a syntax error, so it is named for what it is.
 */
function undecodable(error: unknown, isBinary: boolean): string {
  const reason = error instanceof RangeError
    ? 'it is nested too deeply to decode'
    : String((error as Error)?.message ?? error).replace(/^(binary )?frame:? /, '');
  return `malformed ${isBinary ? 'binary' : 'text'} frame: ${reason}`;
}

/** Checks the envelope {type: 'request', id, name, params}; params are checked by validateParams. */
export function parseFrame(data: RawData, isBinary: boolean): Parsed {
  let message: unknown;
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  try {
    message = decodeWire(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8'));
  } catch (error) {
    return { id: UNKNOWN_ID, error: wireError('usage', undecodable(error, isBinary)) };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { id: UNKNOWN_ID, error: wireError('usage', `frame must be a JSON object {type, id, name, params}, not ${shown(message)}`) };
  }
  const m = message as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : UNKNOWN_ID;
  if (m.type !== 'request') return { id, error: wireError('usage', `frame type must be "request", not ${shown(m.type)}`) };
  // -1 is an integer, but it is the id of the answers to unreadable frames: the client could not tell them apart.
  if (m.id === UNKNOWN_ID) return { id, error: wireError('usage', `request id ${UNKNOWN_ID} is reserved for answers to frames whose id cannot be read: use another integer`) };
  if (id === UNKNOWN_ID) return { id, error: wireError('usage', `request id must be an integer (a safe one), not ${shown(m.id)}`) };
  if (m.name === undefined) return { id, error: wireError('usage', 'request name is missing') };
  if (!isRequestName(m.name)) return { id, error: wireError('usage', `unknown request ${shown(m.name)}`) };
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
  const outbox = new Outbox(socket, () => backend.getSession({}));
  socket.on('message', (data, isBinary) => {
    let parsed: Parsed;
    try {
      parsed = parseFrame(data, isBinary);
    } catch (error) {
      // Our bug, like dispatch's throws: a throw out of a socket listener ends the server, every tab with it.
      parsed = { id: UNKNOWN_ID, error: wireError('internal', `the frame could not be read: ${(error as Error)?.message ?? String(error)}`) };
    }
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
