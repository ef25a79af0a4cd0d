// The web shell's WebSocket framing of the contract: JSON text frames, and binary frames for
// messages that carry byte arrays (layout at encodeWire). Used by server and client alike.
// The base64 helpers are for small values kept in text stores (recent files), not the wire.

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

/**
 * One message on the wire: JSON text when it holds no bytes; otherwise one binary message, as
 * the parts to send back to back (the server sends them as fragments, so a 256 MiB memory
 * export is never copied, encoded or held in a string):
 *
 *   0        4                4+n
 *   | n u32 LE | header: n bytes of UTF-8 JSON | blob 0 | blob 1 | …
 *
 * In the header every Uint8Array is {"$blob": [offset, length]}, offset counted from 4+n. A
 * number JSON cannot write (it would send NaN and ±Infinity as null and -0 as 0: a bound f64 the
 * guest left as NaN read "null" in the browser) is {"$num": "NaN" | "Infinity" | "-Infinity" | "-0"},
 * so the web shell delivers what structured clone delivers to the Electron shell.
 */
export type WireFrame = string | Uint8Array[];

const NUM_TAG = '"$num"';

export function encodeWire(message: ClientMessage | ServerMessage): WireFrame {
  const blobs: Blobs = { list: [], bytes: 0 };
  const header = JSON.stringify(tagged(message, blobs));
  if (blobs.list.length === 0) return header;
  const text = new TextEncoder().encode(header);
  const prefix = new Uint8Array(4 + text.length);
  new DataView(prefix.buffer).setUint32(0, text.length, true);
  prefix.set(text, 4);
  return [prefix, ...blobs.list];
}

/** The byte arrays a message's header points at, in order, and their length so far (the next $blob's offset). */
interface Blobs {
  list: Uint8Array[];
  bytes: number;
}

/**
 * `value` with each byte array and each number JSON cannot write replaced by its tag, the arrays
 * pushed to `blobs.list` in the order JSON.stringify writes them (for…in's order, which is its own for
 * a plain object, and arrays by index). What holds no tag is returned as is, not copied. A
 * JSON.stringify replacer did this once; it is called for every value and turns V8's fast
 * serializer off, which made encoding a 10,000-step run's messages about 1.5× as slow.
 */
function tagged(value: unknown, blobs: Blobs): unknown {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { $num: Object.is(value, -0) ? '-0' : String(value) };
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) {
    const offset = blobs.bytes;
    blobs.list.push(value);
    blobs.bytes += value.length;
    return { $blob: [offset, value.length] };
  }
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const t = tagged(value[i], blobs);
      if (t !== value[i]) (out ??= value.slice())[i] = t;
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | null = null;
  // for…in allocates no key list; a message's objects are plain (no inherited keys).
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    const t = tagged(v, blobs);
    if (t !== v) (out ??= { ...value })[key] = t;
  }
  return out ?? value;
}

/** The parts of a binary frame as one array (for senders that cannot fragment, e.g. a browser). */
export function joinFrame(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Parses a text or binary frame, restoring byte arrays (as views into `frame`, not copies).
 * Throws SyntaxError on a frame that does not follow the layout above.
 */
export function decodeWire(frame: string | Uint8Array): unknown {
  // Tags are restored by a walk after parsing only when one can be there: a JSON.parse reviver is
  // called for every value of a large message (and binary frames all have one: their $blob).
  if (typeof frame === 'string') return frame.includes(NUM_TAG) ? restored(JSON.parse(frame), null) : JSON.parse(frame);
  if (frame.length < 4) throw new SyntaxError('binary frame shorter than its 4-byte header length');
  const n = new DataView(frame.buffer, frame.byteOffset, frame.length).getUint32(0, true);
  if (n > frame.length - 4) throw new SyntaxError(`binary frame header of ${n} bytes runs past the frame's ${frame.length} bytes`);
  return restored(JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + n))), frame.subarray(4 + n));
}

const SPECIAL_NUMBERS: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 };

/**
 * Parsed JSON with its tags put back, in place: a $num as its number; a $blob as a view of
 * `blobs` (null: a text frame, which has none, so a $blob stays the object it is).
 */
function restored(value: unknown, blobs: Uint8Array | null): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restored(value[i], blobs);
    return value;
  }
  const object = value as Record<string, unknown>;
  if (blobs && '$blob' in object) {
    const span = object.$blob;
    if (!Array.isArray(span) || span.length !== 2 || !span.every((x) => Number.isSafeInteger(x) && x >= 0) || span[0] + span[1] > blobs.length) {
      throw new SyntaxError(`binary frame: $blob ${JSON.stringify(span)} is not within the ${blobs.length} bytes after the header`);
    }
    return blobs.subarray(span[0], span[0] + span[1]);
  }
  if ('$num' in object) {
    const text = object.$num;
    if (typeof text !== 'string' || !Object.hasOwn(SPECIAL_NUMBERS, text)) throw new SyntaxError(`frame: $num ${JSON.stringify(text)} is not NaN, Infinity, -Infinity or -0`);
    return SPECIAL_NUMBERS[text];
  }
  for (const key in object) {
    const v = object[key];
    const t = restored(v, blobs);
    if (t !== v) object[key] = t;
  }
  return value;
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
/**
 * Largest frame a client may send: the largest request the backend accepts (validate.ts) must
 * fit, or the socket is closed instead of the request answered. That is openImage with a 32 MiB
 * image and a 32 MiB module (binary), plus 1 MiB for the envelope; openModule's 32 MiB module,
 * 1 MiB glue and a 1 Mi-character sequence (at most 6 JSON bytes a character) stay below it.
 */
export const MAX_FRAME_BYTES = 65 << 20;
