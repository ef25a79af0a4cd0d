// Test helper: `memscope serve` as a real child process and a WebSocket client of it that
// decodes frames the way the page does, for the big-payload and output-flood tests.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { decodeWire, encodeWire, joinFrame, type ServerMessage } from '../../shared/wire.ts';
import type { Result } from '../../shared/dto.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'memscope.js');

export interface ServeProcess {
  child: ChildProcess;
  url: URL;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): number;
  stop(): Promise<number | null>;
}

export function startServe(args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-open', '--port', '0', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`memscope serve exited early with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => done({
      child,
      url: new URL(line),
      peakRss: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
      stop: () => new Promise((exited) => {
        if (child.exitCode !== null) return exited(child.exitCode);
        child.once('exit', (code) => exited(code));
        child.stdin!.end();
      }),
    }));
  });
}

export interface WireClient {
  ws: WebSocket;
  messages: ServerMessage[];
  request<T>(name: string, params: unknown): Promise<Result<T>>;
  closed: Promise<{ code: number; reason: string }>;
}

export function connectClient(serve: ServeProcess): Promise<WireClient> {
  const origin = serve.url.origin;
  const ws = new WebSocket(`ws://${serve.url.host}/ws?token=${serve.url.searchParams.get('token')}`, { origin, maxPayload: 0 });
  const messages: ServerMessage[] = [];
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  ws.on('message', (data, isBinary) => {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const m = decodeWire(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8')) as ServerMessage;
    if (m.type === 'response') {
      waiting.get(m.id)?.(m.result);
      waiting.delete(m.id);
    } else {
      messages.push(m);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((done) => ws.once('close', (code, reason) => done({ code, reason: String(reason) })));
  const request = <T>(name: string, params: unknown): Promise<Result<T>> => new Promise((done) => {
    const id = nextId++;
    waiting.set(id, done as (r: Result<unknown>) => void);
    const frame = encodeWire({ type: 'request', id, name: name as never, params });
    ws.send(typeof frame === 'string' ? frame : joinFrame(frame));
  });
  return new Promise((done, fail) => {
    ws.once('open', () => done({ ws, messages, request, closed }));
    ws.once('error', fail);
  });
}
