// Test helper: a WebSocket client on a bare TCP socket that records every frame the server
// sends as it arrived on the wire (FIN bit, opcode, payload), so a test can count frames, not
// messages (a library client joins fragments before anyone sees them).

import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawFrame {
  fin: boolean;
  /** 1 text, 2 binary, 0 continuation, 8 close, 9 ping, 10 pong. */
  opcode: number;
  payload: Buffer;
}

export interface RawSocket {
  frames: RawFrame[];
  /** Sends one text frame, masked as a client must. */
  sendText(text: string): void;
  close(): void;
}

/** Opens ws://host:port/ws?token=… with the given Origin; resolves once the upgrade is answered 101. */
export function openRawSocket(port: number, token: string): Promise<RawSocket> {
  const socket: Socket = connect(port, '127.0.0.1');
  const frames: RawFrame[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let upgraded = false;
  return new Promise((done, fail) => {
    socket.once('error', fail);
    socket.on('connect', () => {
      socket.write([
        `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket',
        'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13',
        `Origin: http://127.0.0.1:${port}`, '', '',
      ].join('\r\n'));
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        if (!head.startsWith('HTTP/1.1 101')) return fail(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        done({ frames, sendText: (text) => socket.write(clientFrame(Buffer.from(text))), close: () => socket.destroy() });
      }
      buffer = readFrames(buffer, frames);
    });
  });
}

/** Parses whole server frames (unmasked) off the front of `data`; returns what is left. */
function readFrames(data: Buffer, into: RawFrame[]): Buffer {
  for (;;) {
    if (data.length < 2) return data;
    let length = data[1] & 0x7f;
    let at = 2;
    if (length === 126) {
      if (data.length < 4) return data;
      length = data.readUInt16BE(2);
      at = 4;
    } else if (length === 127) {
      if (data.length < 10) return data;
      length = Number(data.readBigUInt64BE(2));
      at = 10;
    }
    if (data.length < at + length) return data;
    into.push({ fin: (data[0] & 0x80) !== 0, opcode: data[0] & 0x0f, payload: Buffer.from(data.subarray(at, at + length)) });
    data = data.subarray(at + length);
  }
}

/**
 *   byte 0: FIN | opcode 1 (text); byte 1: MASK | length (126: u16 follows, 127: u64 follows);
 *   then the 4-byte mask, then the payload XOR the mask.
 */
function clientFrame(payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const size = payload.length < 126 ? 0 : payload.length < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + size);
  head[0] = 0x81;
  head[1] = 0x80 | (size === 0 ? payload.length : size === 2 ? 126 : 127);
  if (size === 2) head.writeUInt16BE(payload.length, 2);
  if (size === 8) head.writeBigUInt64BE(BigInt(payload.length), 2);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  return Buffer.concat([head, mask, body]);
}
