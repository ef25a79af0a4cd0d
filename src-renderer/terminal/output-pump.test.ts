import { describe, expect, it } from 'vitest';
import { OutputPump } from './output-pump.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('OutputPump', () => {
  it('writes one batch at a time and loses nothing across megabytes', () => {
    const written: Uint8Array[] = [];
    const callbacks: (() => void)[] = [];
    const pump = new OutputPump((data, done) => {
      written.push(data);
      callbacks.push(done);
    }, 64 * 1024);
    const chunk = new Uint8Array(10_000).fill(0x41);
    for (let i = 0; i < 500; i++) pump.push('stdout', chunk);
    expect(written.length).toBe(1);
    expect(pump.pending).toBe(5_000_000 - 10_000);
    while (callbacks.length > 0) callbacks.shift()!();
    expect(written.reduce((n, w) => n + w.length, 0)).toBe(5_000_000);
    expect(Math.max(...written.map((w) => w.length))).toBeLessThanOrEqual(64 * 1024);
    expect(pump.busy).toBe(false);
  });
  it('splits one chunk larger than a batch', () => {
    const sizes: number[] = [];
    const pump = new OutputPump((data, done) => {
      sizes.push(data.length);
      done();
    }, 1000);
    pump.push('stdout', new Uint8Array(2500));
    expect(sizes).toEqual([1000, 1000, 500]);
  });
  it('colours stderr red and leaves stdout alone, in order', () => {
    let text = '';
    const pump = new OutputPump((data, done) => {
      text += new TextDecoder().decode(data);
      done();
    });
    pump.push('stdout', enc('out\n'));
    pump.push('stderr', enc('err\n'));
    expect(text).toBe('out\n\x1b[31merr\n\x1b[0m');
  });
  it('drops queued output on clear and ignores stale callbacks', () => {
    const callbacks: (() => void)[] = [];
    let writes = 0;
    const pump = new OutputPump((_d, done) => {
      writes++;
      callbacks.push(done);
    }, 10);
    pump.push('stdout', new Uint8Array(30));
    pump.clear();
    callbacks[0]();
    expect(writes).toBe(1);
    pump.push('stdout', enc('x'));
    expect(writes).toBe(2);
  });
});
