// The web shell client against a stand-in WebSocket: a request larger than the server takes in
// one message is refused here with an error that says so, instead of being sent and getting
// the socket closed (1009), after which the tab said to restart a server that was fine.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_FRAME_BYTES } from '../../src-main/shared/wire.ts';
import { createWebSocketClient } from './ws-client.ts';

class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static last: FakeSocket;
  readyState = FakeSocket.OPEN;
  binaryType = 'blob';
  sent: (string | Uint8Array)[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('web shell client limits', () => {
  it('refuses a request over the frame limit without sending it, and keeps the connection', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const client = createWebSocketClient('ws://127.0.0.1:1/ws?token=t');
    const socket = FakeSocket.last;
    const image = { name: 'big.core', bytes: new Uint8Array(MAX_FRAME_BYTES + 1) };
    const result = await client.request('openImage', { image });
    expect(result).toEqual({ ok: false, error: { code: 'usage', message: expect.stringMatching(/^openImage: the files come to 65\.1 MiB, more than the 65 MiB the memscope server takes in one message$/) } });
    expect(socket.sent).toHaveLength(0);
    // The tab still works: the next request goes out.
    void client.request('listDemos', {});
    expect(socket.sent).toHaveLength(1);
  }, 10_000);

  it('counts a text frame in UTF-8 bytes, not characters', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const client = createWebSocketClient('ws://127.0.0.1:1/ws?token=t');
    // 23 Mi three-byte characters: 23 Mi JavaScript characters, 69 MiB on the wire.
    const result = await client.request('setSequence', { name: 'a.wseq', text: '€'.repeat(23 << 20) });
    expect(result.ok).toBe(false);
    expect(FakeSocket.last.sent).toHaveLength(0);
  }, 10_000);
});
