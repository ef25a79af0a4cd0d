import { describe, expect, it } from 'vitest';
import { KEEP_BYTES, OutputKeeper } from './output-keep.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}
const chunk = (text: string, stream: 'stdout' | 'stderr' = 'stdout') => ({ stream, bytes: new TextEncoder().encode(text) });
const text = (chunks: { bytes: Uint8Array }[]) => chunks.map((c) => new TextDecoder().decode(c.bytes)).join('');

describe('OutputKeeper', () => {
  it('brings the output back with the session it belongs to; a new session starts empty', () => {
    const storage = memoryStorage();
    const keeper = new OutputKeeper(storage);
    keeper.clear('s1');
    keeper.push(chunk('Hello '));
    keeper.push(chunk('wörld\n', 'stderr'));
    keeper.save();
    const again = new OutputKeeper(storage).load()!;
    expect(again.id).toBe('s1');
    expect(text(again.chunks)).toBe('Hello wörld\n');
    expect(again.chunks[1]!.stream).toBe('stderr');
    keeper.clear('s2');
    expect(new OutputKeeper(storage).load()).toBeNull();
  });
  it('keeps the newest output within its bound', () => {
    const storage = memoryStorage();
    const keeper = new OutputKeeper(storage);
    keeper.clear('s');
    for (let i = 0; i < 10; i++) keeper.push({ stream: 'stdout', bytes: new Uint8Array(KEEP_BYTES / 4).fill(48 + i) });
    keeper.save();
    const kept = new OutputKeeper(storage).load()!.chunks;
    expect(kept.reduce((n, c) => n + c.bytes.length, 0)).toBeLessThanOrEqual(KEEP_BYTES);
    expect(kept.at(-1)!.bytes[0]).toBe(48 + 9);
  });
});
