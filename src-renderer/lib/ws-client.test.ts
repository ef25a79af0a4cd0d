import { describe, expect, it } from 'vitest';
import type { Events } from '../../src-main/shared/contract.ts';
import { Emitter } from '../../src-main/shared/emitter.ts';
import { webSocketUrl } from './ws-client.ts';

describe('web shell client', () => {
  it('carries the page token to the WebSocket URL on the same host', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4312', search: '?token=a+b/c' }))
      .toBe('ws://127.0.0.1:4312/ws?token=a%20b%2Fc');
    expect(webSocketUrl({ protocol: 'https:', host: 'h:1', search: '' })).toBe('wss://h:1/ws?token=');
  });
  it('emits to subscribers until they unsubscribe', () => {
    const e = new Emitter<Events>();
    const seen: unknown[] = [];
    const off = e.on('command', (c) => seen.push(c.name));
    e.emit('command', { name: 'step' });
    off();
    e.emit('command', { name: 'run' });
    expect(seen).toEqual(['step']);
  });
});
