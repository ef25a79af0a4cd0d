// The Output panel mounts after the first view: what came before it is held, in order, and a
// 'clear' drops what it held; 'end' is said once per run however many states say the run ended.

import { describe, expect, it } from 'vitest';
import { OutputRelay, type OutputSignal } from './output-relay.ts';

const text = (s: string): OutputSignal => ({ stream: 'stdout', bytes: new TextEncoder().encode(s) });
const seen = (chunks: OutputSignal[]) => chunks.map((c) => (typeof c === 'string' ? c : new TextDecoder().decode(c.bytes)));

describe('OutputRelay', () => {
  it('gives the first listener what came before it, from the last clear on, then what comes', () => {
    const relay = new OutputRelay();
    relay.emit(text('old run'));
    relay.emit('clear');
    relay.emit(text('a'));
    relay.emit(text('b'));
    const got: OutputSignal[] = [];
    relay.listen((c) => got.push(c));
    relay.emit(text('c'));
    expect(seen(got)).toEqual(['a', 'b', 'c']);
  });

  it("says 'end' once until the output starts again, and stops telling a listener that left", () => {
    const relay = new OutputRelay();
    const got: OutputSignal[] = [];
    const off = relay.listen((c) => got.push(c));
    relay.end();
    relay.end();
    relay.emit('clear');
    relay.end();
    off();
    relay.emit(text('unheard'));
    expect(seen(got)).toEqual(['end', 'clear', 'end']);
  });
});
