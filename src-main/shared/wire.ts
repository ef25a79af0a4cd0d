// The web shell's WebSocket framing of the contract: JSON text frames, with byte arrays carried
// as {"$bytes": "<base64>"} so that Uint8Array survives the trip. Used by server and client alike.

import type { EventName, Events, RequestName } from './contract.ts';
import type { MemscopeError, Result } from './dto.ts';

export type ClientMessage = { type: 'request'; id: number; name: RequestName; params: unknown };

export type ServerMessage =
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; name: EventName; payload: Events[EventName] };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      ((B64_INDEX.get(clean[i]) ?? 0) << 18) | ((B64_INDEX.get(clean[i + 1]) ?? 0) << 12) |
      ((B64_INDEX.get(clean[i + 2]) ?? 0) << 6) | (B64_INDEX.get(clean[i + 3]) ?? 0);
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** JSON text with every Uint8Array replaced by {"$bytes": base64}. */
export function encodeWire(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: bytesToBase64(value) } : value,
  );
}

/** Parses a frame, restoring byte arrays. Throws SyntaxError on text that is not JSON. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$bytes' in value) {
      const b = (value as { $bytes: unknown }).$bytes;
      if (typeof b === 'string') return base64ToBytes(b);
    }
    return value;
  });
}

export function wireError(code: MemscopeError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Where the web shell listens for the WebSocket, and the query parameter carrying the per-run
 * token. The page is opened as http://127.0.0.1:PORT/?token=T and connects to
 * ws://127.0.0.1:PORT/ws?token=T (same host and port as the page, so Origin matches).
 */
export const WS_PATH = '/ws';
export const TOKEN_PARAM = 'token';
/** Largest frame either side sends: a 32 MiB module in base64 plus the envelope. */
export const MAX_FRAME_BYTES = 48 << 20;
