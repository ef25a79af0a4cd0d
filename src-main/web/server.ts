// The web shell: the built renderer and the contract over a WebSocket, on 127.0.0.1 only.
// Access control: a random per-run token in the printed URL, required on the WebSocket upgrade
// together with an Origin equal to this server's own. Static files are public (they are the
// same bundle anyone can build and carry no data); every byte of session data goes over the
// token-gated socket. The Host header is checked on every request, against DNS rebinding.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { RENDERER_DIR } from '../paths.ts';
import { MAX_FRAME_BYTES, TOKEN_PARAM, WS_PATH } from '../shared/wire.ts';
import { createBackend } from '../backend/index.ts';
import type { BackendHandle, BackendOptions } from '../backend/handle.ts';
import type { Result } from '../shared/dto.ts';
import type { FileChange, SessionView } from '../shared/contract.ts';
import { serveConnection } from './connection.ts';
import type { Outbox } from './outbox.ts';
import { fileChangeKey } from '../shared/file-change.ts';
import { securityHeaders, serveStatic } from './static-files.ts';

/** out/renderer of this package (paths.ts). */
export const DEFAULT_RENDERER_DIR = RENDERER_DIR;

export interface WebShellOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Only loopback is allowed; the option exists so callers state it. */
  host?: '127.0.0.1';
  /** A module and/or sequence to open at start, as host paths. */
  module?: string;
  sequence?: string;
  rendererDir?: string;
  backend?: BackendOptions;
  /** Fixed token (tests); default 32 random bytes. */
  token?: string;
  /** How long a step or run goes on with no tab connected before it is stopped; default UNATTENDED_STOP_MS. */
  unattendedStopMs?: number;
  /**
   * Aborted when the caller is shutting down: stops opening module/sequence. A start function
   * that never returns otherwise held start-up, and so Ctrl-C, until the sequence's time limit.
   */
  signal?: AbortSignal;
}

/**
 * A run nobody watches is stopped after this long: a stuck guest would otherwise spin a core
 * until its time limit (up to a day) once its last tab is gone. Long enough for a reload, or a
 * tab reopened from the printed URL, to find the run still going.
 */
export const UNATTENDED_STOP_MS = 30_000;

export interface WebShell {
  /** The page to open, with the token: http://127.0.0.1:PORT/?token=… */
  url: string;
  origin: string;
  port: number;
  token: string;
  handle: BackendHandle;
  /** Result of opening options.module/sequence, when given. */
  opened: Result<SessionView> | null;
  /** Bytes waiting unsent to each connected tab, as the server holds them (tests, diagnostics). */
  backlogs(): number[];
  /**
   * Tells every tab that a file opened at start changed on disk (the `fileChanged` event), and
   * every tab that connects later, the latest change per file: a page reloaded after the change
   * would otherwise run the old copy without a word.
   */
  fileChanged(change: FileChange): void;
  close(): Promise<void>;
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only the path and query of a request target matter; anything unparsable is refused. */
function parseUrl(target: string | undefined, origin: string): URL | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, origin);
  } catch {
    return null;
  }
}

/** Refuses an upgrade; `why` (ASCII) says which check failed, for whoever reads the body (curl, a log). */
function reject(socket: Duplex, status: number, reason: string, why: string = reason): void {
  const body = `${why}\n`;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
}

/** How long a shutdown waits for tabs to answer its close frame before it cuts them off. */
const CLOSE_GRACE_MS = 1000;

/**
 * Tells every tab the server is going (1001, with the reason in words), then cuts off any that
 * has not answered within CLOSE_GRACE_MS: a tab that does not read (its close frame is behind a
 * backlog, or it is frozen) must not hold up Ctrl-C. Cutting them all at once, as before, left
 * every tab with 1006 "abnormal closure" and no reason.
 */
function closeTabs(tabs: WebSocket[]): Promise<void> {
  if (tabs.length === 0) return Promise.resolve();
  return new Promise<void>((done) => {
    let open = tabs.length;
    const timer = setTimeout(() => {
      for (const ws of tabs) ws.terminate();
      done();
    }, CLOSE_GRACE_MS);
    const closed = (): void => {
      if (--open > 0) return;
      clearTimeout(timer);
      done();
    };
    for (const ws of tabs) {
      ws.once('close', closed);
      ws.close(1001, 'memscope serve is shutting down');
    }
  });
}

export async function startWebShell(options: WebShellOptions = {}): Promise<WebShell> {
  const host = '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const handle = createBackend(options.backend ?? {});
  const sockets = new Map<WebSocket, Outbox>();
  const unattendedMs = options.unattendedStopMs ?? UNATTENDED_STOP_MS;
  let unattended: NodeJS.Timeout | undefined;
  let closing: Promise<void> | null = null;
  let origin = '';
  let allowedHosts: string[] = [];
  /** The latest change of each file opened at start, by kind and path (see WebShell.fileChanged). */
  const changes = new Map<string, FileChange>();

  const server = createServer((req, res) => {
    const url = parseUrl(req.url, origin);
    const headers = securityHeaders(origin);
    if (!url) {
      res.writeHead(400, { ...headers, 'Content-Type': 'text/plain' }).end('bad request\n');
    } else if (!allowedHosts.includes(req.headers.host ?? '')) {
      res.writeHead(421, { ...headers, 'Content-Type': 'text/plain' }).end('wrong Host header\n');
    } else if (url.pathname === WS_PATH) {
      res.writeHead(426, { ...headers, 'Content-Type': 'text/plain' }).end('WebSocket only\n');
    } else {
      void serveStatic(rendererDir, req, res, url.pathname, headers);
    }
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    // A tab let in while close() waits on the others would be missed by it and keep the process alive.
    if (closing) return reject(socket, 503, 'Service Unavailable', 'memscope serve is shutting down');
    const url = parseUrl(req.url, origin);
    if (!url || url.pathname !== WS_PATH) return reject(socket, 404, 'Not Found', `no WebSocket here: it is at ${WS_PATH}`);
    if (!sameToken(url.searchParams.get(TOKEN_PARAM), token)) {
      return reject(socket, 401, 'Unauthorized', `missing or wrong ${TOKEN_PARAM}: open the URL memscope serve printed`);
    }
    if (!allowedHosts.includes(req.headers.host ?? '')) return reject(socket, 403, 'Forbidden', `wrong Host header: expected ${allowedHosts.join(' or ')}`);
    const from = req.headers.origin ?? '';
    if (!allowedHosts.some((h) => from === `http://${h}`)) {
      return reject(socket, 403, 'Forbidden', `wrong Origin header: expected ${allowedHosts.map((h) => `http://${h}`).join(' or ')}`);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const outbox = serveConnection(ws, handle.backend);
      sockets.set(ws, outbox);
      clearTimeout(unattended);
      ws.on('close', () => {
        sockets.delete(ws);
        if (sockets.size > 0 || closing) return;
        const after = unattendedMs >= 1000 ? `${Math.round(unattendedMs / 1000)} s` : `${unattendedMs} ms`;
        unattended = setTimeout(() => void handle.interrupt(`stopped: no page was connected for ${after}`), unattendedMs);
        unattended.unref();
      });
      // A new tab draws from scratch; later changes arrive as events like for every other tab.
      outbox.resync();
      for (const change of changes.values()) outbox.send({ type: 'event', name: 'fileChanged', payload: change });
    });
  });

  const unsubscribe = handle.onEvent((event) => {
    for (const outbox of sockets.values()) outbox.send({ type: 'event', name: event.name, payload: event.payload });
  });

  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (error) {
    // A taken port: nothing was served yet; leave no backend behind for the caller's retry.
    unsubscribe();
    await handle.dispose();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  allowedHosts = [`${host}:${port}`, `localhost:${port}`];

  let opened: Result<SessionView> | null = null;
  if ((options.module || options.sequence) && !options.signal?.aborted) {
    const stop = (): void => void handle.interrupt('stopped: memscope serve is shutting down');
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      opened = await handle.openFiles({ module: options.module, sequence: options.sequence });
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearTimeout(unattended);
      unsubscribe();
      await closeTabs([...sockets.keys()]);
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await handle.dispose();
    })();
    return closing;
  };

  const backlogs = (): number[] => [...sockets.keys()].map((ws) => ws.bufferedAmount);
  const fileChanged = (change: FileChange): void => {
    // What the notice's Reload sends back: these bytes, and only these, keep the session's directories.
    if (change.module) handle.trustReload(change.module.sha256);
    changes.set(fileChangeKey(change), change);
    for (const outbox of sockets.values()) outbox.send({ type: 'event', name: 'fileChanged', payload: change });
  };
  return { url: `${origin}/?${TOKEN_PARAM}=${token}`, origin, port, token, handle, opened, backlogs, fileChanged, close };
}
