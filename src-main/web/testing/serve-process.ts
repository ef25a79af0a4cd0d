// Test helper: `memscope serve --no-open --port 0` as a real child process, the URL (with its
// token) it prints, and a WebSocket client of it that decodes frames the way the page does. The
// web tests, the UI bench and the Playwright specs (e2e/) start the served shell here.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { decodeWire, encodeWire, joinFrame, type ServerMessage } from '../../shared/wire.ts';
import type { Result } from '../../shared/dto.ts';
import { RegionsReceived } from '../../shared/wire-regions.ts';
import { BIN } from '../../cli/testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../../paths.ts';

export interface ServeProcess {
  child: ChildProcess;
  /** The page to open, as printed: http://127.0.0.1:PORT/?token=… */
  url: string;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): number;
  /** Closes its stdin (the lifeline it exits on); its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `memscope serve --no-open --port 0 ARGS` from the package root, its stderr passed
 * through, and waits for its URL line. 60 s is no speed check: a serve that starts prints its URL
 * in about a second even on a loaded machine; the bound turns one that never does into an error,
 * and kills it (the caller never got it to stop).
 */
export function startServe(args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-open', '--port', '0', ...args], { cwd: PACKAGE_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error('memscope serve printed no URL within 60 s'));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`memscope serve exited early with ${code}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) return;
      clearTimeout(timer);
      done({
        child,
        url: line.trim(),
        peakRss: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
        stop: () => new Promise((exited) => {
          if (child.exitCode !== null) return exited(child.exitCode);
          child.once('exit', (code) => exited(code));
          child.stdin!.end();
        }),
      });
    });
  });
}

export interface WireClient {
  ws: WebSocket;
  messages: ServerMessage[];
  request<T>(name: string, params: unknown): Promise<Result<T>>;
  closed: Promise<{ code: number; reason: string }>;
}

export function connectClient(serve: Pick<ServeProcess, 'url'>): Promise<WireClient> {
  const url = new URL(serve.url);
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { origin: url.origin, maxPayload: 0 });
  const messages: ServerMessage[] = [];
  const regions = new RegionsReceived();
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  ws.on('message', (data, isBinary) => {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const m = regions.restore(decodeWire(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8')) as ServerMessage);
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
