// The web shell client against a stand-in WebSocket (the e2e specs run the real one): when its
// socket closes (memscope serve stopped, or was never there) the page hears of it at once, by a
// `disconnected` event, not at its next request's failure, and a server cannot raise it; a
// request larger than the server takes in one message is refused here with an error that says
// so, instead of being sent and getting the socket closed (1009), after which the tab said to
// restart a server that was fine.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemscopeError } from '../../src-main/shared/dto.ts';
import { encodeWire, MAX_FRAME_BYTES } from '../../src-main/shared/wire.ts';
import { createWebSocketClient } from './ws-client.ts';

class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static last: FakeSocket;
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  sent: (string | Uint8Array)[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  close(code: number, reason = ''): void {
    this.readyState = FakeSocket.CLOSED;
    this.dispatchEvent(Object.assign(new Event('close'), { code, reason }));
  }
}

afterEach(() => vi.unstubAllGlobals());

function connect() {
  vi.stubGlobal('WebSocket', FakeSocket);
  const client = createWebSocketClient('ws://127.0.0.1:1/ws?token=t');
  return { client, socket: FakeSocket.last };
}

describe('web shell client when the server goes away', () => {
  it('says so once, at the close, before the requests it leaves pending fail', async () => {
    const { client, socket } = connect();
    socket.open();
    const order: string[] = [];
    const heard: MemscopeError[] = [];
    client.on('disconnected', (e) => { heard.push(e); order.push('disconnected'); });
    const pending = client.request('step', {}).then((r) => { order.push('answer'); return r; });
    socket.close(1006);
    const r = await pending;
    expect(heard).toEqual([{ code: 'io', message: expect.stringMatching(/^the connection to the memscope server was lost .*restart `memscope serve` and open the URL it prints$/) }]);
    expect(r).toEqual({ ok: false, error: heard[0] });
    expect(order).toEqual(['disconnected', 'answer']);
    // A later request fails with the same reason and raises nothing more.
    expect(await client.request('listDemos', {})).toEqual({ ok: false, error: heard[0] });
    expect(heard).toHaveLength(1);
  });

  it('shows the reason a server gave for closing (memscope serve stopping), in place of the guess', async () => {
    const { client, socket } = connect();
    socket.open();
    const heard: MemscopeError[] = [];
    client.on('disconnected', (e) => heard.push(e));
    const pending = client.request('step', {});
    socket.close(1001, 'memscope serve is shutting down');
    expect(heard).toEqual([{ code: 'io', message: 'the memscope server closed the connection (memscope serve is shutting down): what the page shows stays readable but is no longer live; restart `memscope serve` and open the URL it prints' }]);
    expect(await pending).toEqual({ ok: false, error: heard[0] });
  });

  it('says so when the server was never reachable', async () => {
    const { client, socket } = connect();
    const heard: MemscopeError[] = [];
    client.on('disconnected', (e) => heard.push(e));
    const first = client.request('listDemos', {});
    socket.close(1006);
    expect((await first).ok).toBe(false);
    expect(heard).toEqual([{ code: 'io', message: expect.stringMatching(/^could not connect to the memscope server/) }]);
  });

  it('tells one who subscribes after the close', async () => {
    const { client, socket } = connect();
    socket.open();
    socket.close(1001);
    const heard = await new Promise<MemscopeError>((done) => client.on('disconnected', done));
    expect(heard.code).toBe('io');
  }, 5_000);

  it('takes no `disconnected` event from the server', () => {
    const { client, socket } = connect();
    socket.open();
    const heard: unknown[] = [];
    client.on('disconnected', (e) => heard.push(e));
    client.on('command', (c) => heard.push(c));
    for (const [name, payload] of [['disconnected', { code: 'io', message: 'no' }], ['command', { name: 'step' }]] as const) {
      const frame = encodeWire({ type: 'event', name, payload } as never);
      socket.dispatchEvent(Object.assign(new Event('message'), { data: frame }));
    }
    expect(heard).toEqual([{ name: 'step' }]);
  });
});

describe('web shell client limits', () => {
  it('refuses a request over the frame limit without sending it, and keeps the connection', async () => {
    const { client, socket } = connect();
    socket.open();
    const image = { name: 'big.core', bytes: new Uint8Array(MAX_FRAME_BYTES + 1) };
    const result = await client.request('openImage', { image });
    // It names the limit and the way round it (the page said only "no").
    expect(result).toEqual({ ok: false, error: { code: 'usage', message: 'openImage: the files come to 65.01 MiB, more than the 65 MiB the memscope server takes in one message; '
      + 'view an image this large with `memscope snapshot FILE` in a terminal' } });
    expect(socket.sent).toHaveLength(0);
    // The tab still works: the next request goes out.
    void client.request('listDemos', {});
    expect(socket.sent).toHaveLength(1);
  }, 10_000);

  it('counts a text frame in UTF-8 bytes, not characters', async () => {
    const { client, socket } = connect();
    socket.open();
    // 23 Mi three-byte characters: 23 Mi JavaScript characters, 69 MiB on the wire.
    const result = await client.request('setSequence', { name: 'a.wseq', text: '€'.repeat(23 << 20) });
    expect(result.ok).toBe(false);
    expect(socket.sent).toHaveLength(0);
  }, 10_000);
});
