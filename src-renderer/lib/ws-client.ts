// The web shell's client: the contract over one WebSocket, framed by src-main/shared/wire.ts.
// Requests made before the socket opens wait for it; a closed socket answers every pending and
// later request with an error value (never a rejected promise), and raises `disconnected` once.
//
// It does not reconnect: `memscope serve` makes a new token each time it starts, so only the
// very process that went away could take this page back, and a process that is gone (Ctrl+C, a
// crash) does not come back. The page says so and keeps what it shows for reading.

import type { Client, EventName, Events, Params, RequestName, ResultOf } from '../../src-main/shared/contract.ts';
import { EVENT_NAMES } from '../../src-main/shared/contract.ts';
import type { Result } from '../../src-main/shared/dto.ts';
import { decodeWire, encodeWire, joinFrame, MAX_FRAME_BYTES, type ServerMessage } from '../../src-main/shared/wire.ts';
import { TOO_LARGE_INSTEAD } from '../../src-main/shared/too-large.ts';
import { formatSize } from '../../src-main/shared/byte-size.ts';
import { downloadFile, pickBrowserFile } from './browser-files.ts';
import { Emitter } from '../../src-main/shared/emitter.ts';
import { RegionsReceived } from '../../src-main/shared/wire-regions.ts';

type Pending = (result: Result<unknown>) => void;

export function webSocketUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

export function createWebSocketClient(url: string): Client {
  const events = new Emitter<Events>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closedReason: string | null = null;
  let wasOpen = false;
  const socket = new WebSocket(url);
  const regions = new RegionsReceived();
  // Binary frames (messages with bytes) as ArrayBuffers, decoded without a copy.
  socket.binaryType = 'arraybuffer';
  // Registered before `opened` settles on close: browsers run microtasks between listeners,
  // so the reason must be set by the time a waiting request resumes.
  socket.addEventListener('close', (e) => {
    closedReason = !wasOpen || e.code === 1008 ? CANNOT_CONNECT : lostText(e.reason);
    // Before the pending answers: a page learns of the loss at once, not at its next request,
    // and knows it by the time those answers arrive, so it need not show each of them too.
    events.emit('disconnected', { code: 'io', message: closedReason });
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'io', message: closedReason } });
    pending.clear();
  });

  // Settles on open or on close, so a request made while connecting never waits forever.
  const opened = new Promise<void>((resolve) => {
    socket.addEventListener('open', () => {
      wasOpen = true;
      resolve();
    }, { once: true });
    socket.addEventListener('close', () => resolve(), { once: true });
  });

  socket.addEventListener('message', (e) => {
    const data: unknown = e.data;
    if (typeof data !== 'string' && !(data instanceof ArrayBuffer)) return;
    let msg: unknown;
    try {
      msg = decodeWire(typeof data === 'string' ? data : new Uint8Array(data));
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    if ((msg as { type?: unknown }).type === 'event') {
      try {
        msg = regions.restore(msg as ServerMessage);
      } catch (e) {
        // A state event that does not follow the last one is a protocol bug: said as an uncaught
        // error is (so the e2e specs fail on it), not applied with regions it cannot have.
        reportError(e);
        return;
      }
    }
    const m = msg as { type?: unknown; id?: unknown; result?: unknown; name?: unknown; payload?: unknown };
    if (m.type === 'response' && typeof m.id === 'number' && isResult(m.result)) {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else if (m.type === 'event' && m.name !== 'disconnected' && (EVENT_NAMES as readonly unknown[]).includes(m.name)) {
      // `disconnected` is this client's own fact (above): a server has no say in it.
      events.emit(m.name as EventName, m.payload as never);
    }
  });
  async function request<K extends RequestName>(name: K, params: Params<K>): Promise<Result<ResultOf<K>>> {
    if (closedReason === null && socket.readyState === WebSocket.CONNECTING) await opened;
    if (closedReason !== null || socket.readyState !== WebSocket.OPEN) {
      return { ok: false, error: { code: 'io', message: closedReason ?? 'not connected to the memscope server' } };
    }
    const id = nextId++;
    const frame = encodeWire({ type: 'request', id, name, params });
    // The server closes a socket that sends more than MAX_FRAME_BYTES in one message (1009), and
    // this tab then told the person to restart a server that was fine (a 100 MiB core file
    // picked in Open image). Refused here, that is one error and the tab stays connected.
    // A text frame's UTF-8 bytes, encoded only when it could be near the limit (3 bytes a character at most).
    // A binary frame is measured by its parts, before they are joined: joined first, a 500 MiB
    // file was copied whole only to be refused.
    const size = typeof frame !== 'string' ? frame.reduce((n, part) => n + part.length, 0)
      : frame.length * 3 > MAX_FRAME_BYTES ? new TextEncoder().encode(frame).length : frame.length;
    if (size > MAX_FRAME_BYTES) return { ok: false, error: { code: 'usage', message: tooLarge(name, size) } };
    const data = typeof frame === 'string' ? frame : joinFrame(frame);
    return new Promise((resolve) => {
      pending.set(id, resolve as Pending);
      socket.send(data);
    });
  }

  return {
    request,
    pickFile: (kind) => pickBrowserFile(kind),
    saveFile: async (file) => downloadFile(file),
    leavingEndsSession: false,
    on: <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => {
      const off = events.on(event, listener);
      if (event !== 'disconnected' || closedReason === null) return off;
      // A state more than a moment: one who subscribes after the close still hears of it.
      let live = true;
      const reason = closedReason;
      queueMicrotask(() => { if (live) (listener as (payload: Events['disconnected']) => void)({ code: 'io', message: reason }); });
      return () => { live = false; off(); };
    },
  };
}

const CANNOT_CONNECT = 'could not connect to the memscope server: is `memscope serve` running, and is this page the URL it printed (with its token)?';

/**
 * What the page says when an open connection closes. A server that closes on purpose says why
 * (`memscope serve` stopping closes with 1001 "memscope serve is shutting down"), and that is
 * shown in place of the guess (the server stopped, or the connection broke): it tells a Ctrl+C
 * from a connection that broke.
 */
export function lostText(reason: string | undefined): string {
  const why = reason?.trim() ? `the memscope server closed the connection (${reason.trim()})` : 'the connection to the memscope server was lost (the server stopped, or the connection broke)';
  return `${why}: what the page shows stays readable but is no longer live; restart \`memscope serve\` and open the URL it prints`;
}

function isResult(v: unknown): v is Result<unknown> {
  if (!v || typeof v !== 'object') return false;
  const r = v as { ok?: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null);
}

/** The way round the limit, for requests that carry a file. */
const INSTEAD: Partial<Record<RequestName, string>> = {
  openImage: TOO_LARGE_INSTEAD.image,
  diffImage: TOO_LARGE_INSTEAD.diff,
  openModule: TOO_LARGE_INSTEAD.module,
};

/** What a request too large for one message says; only files make a request that large. */
function tooLarge(name: RequestName, bytes: number): string {
  const instead = INSTEAD[name];
  return `${name}: the files come to ${formatSize(bytes)}, more than the ${formatSize(MAX_FRAME_BYTES)} `
    + `the memscope server takes in one message${instead ? `; ${instead}` : ''}`;
}
