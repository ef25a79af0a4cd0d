// Web shell: round-trip time of a 4 KiB readMemory over the real WebSocket on 127.0.0.1
// (encode, send, validate, read from the session's memory, base64, decode), median and p95.

import WebSocket from 'ws';
import { decodeWire, encodeWire, type ServerMessage } from '../src-main/shared/wire.ts';
import { startWebShell } from '../src-main/web/server.ts';

type Report = (name: string, value: string) => void;

const WARMUP = 200;
const SAMPLES = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function run(report: Report): Promise<void> {
  const shell = await startWebShell({});
  try {
    const opened = await shell.handle.backend.openDemo({ id: 'return-string' });
    if (!opened.ok) throw new Error(opened.error.message);
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: shell.origin });
    await new Promise<void>((done, fail) => {
      ws.once('open', () => done());
      ws.once('error', fail);
    });
    const waiting = new Map<number, () => void>();
    ws.on('message', (data, isBinary) => {
      // Byte payloads (readMemory) come as binary frames; the rest as JSON text.
      const frame = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const m = decodeWire(isBinary ? new Uint8Array(frame) : frame.toString('utf8')) as ServerMessage;
      if (m.type === 'response') waiting.get(m.id)?.();
    });
    let id = 0;
    const roundTrip = (): Promise<number> => {
      const started = performance.now();
      const mine = ++id;
      return new Promise((done) => {
        waiting.set(mine, () => {
          waiting.delete(mine);
          done(performance.now() - started);
        });
        ws.send(encodeWire({ type: 'request', id: mine, name: 'readMemory', params: { address: 0x10000, length: 4096 } }));
      });
    };
    for (let i = 0; i < WARMUP; i++) await roundTrip();
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) times.push(await roundTrip());
    times.sort((a, b) => a - b);
    report('4 KiB readMemory round trip over the web shell, median', `${(percentile(times, 50) * 1000).toFixed(0)} µs`);
    report('4 KiB readMemory round trip over the web shell, p95', `${(percentile(times, 95) * 1000).toFixed(0)} µs`);
    ws.close();
  } finally {
    await shell.close();
  }
}
