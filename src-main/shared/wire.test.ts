// The web shell's framing delivers numbers JSON has no text for (NaN, ±Infinity, -0) as they
// were sent, in text and binary frames alike, as structured clone does for the Electron shell.

import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire, joinFrame, type ServerMessage } from './wire.ts';

const bound = {
  nan: { kind: 'float', value: NaN }, inf: { kind: 'float', value: Infinity }, ninf: { kind: 'float', value: -Infinity },
  nz: { kind: 'float', value: -0 }, z: { kind: 'float', value: 0 }, n: { kind: 'int', value: '5' }, x: { kind: 'float', value: 1.5 },
};
const event = (payload: unknown): ServerMessage => ({ type: 'event', name: 'step', payload } as ServerMessage);

describe('the wire and numbers JSON cannot write', () => {
  it('a text frame brings NaN, ±Infinity and -0 back, and plain numbers as they were', () => {
    const frame = encodeWire(event({ bound }));
    expect(typeof frame).toBe('string');
    const back = decodeWire(frame as string) as { payload: { bound: typeof bound } };
    expect(back.payload.bound).toEqual(bound);
    expect(Object.is(back.payload.bound.nz.value, -0)).toBe(true);
    expect(Object.is(back.payload.bound.z.value, 0)).toBe(true);
  });

  it('so does a binary frame\'s header, beside its bytes', () => {
    const frame = encodeWire(event({ bound, bytes: new Uint8Array([1, 2, 3]) }));
    expect(Array.isArray(frame)).toBe(true);
    const back = decodeWire(joinFrame(frame as Uint8Array[])) as { payload: { bound: typeof bound; bytes: Uint8Array } };
    expect(back.payload.bound).toEqual(bound);
    expect([...back.payload.bytes]).toEqual([1, 2, 3]);
  });

  it('refuses a $num tag that names no such number', () => {
    expect(() => decodeWire('{"type":"event","payload":{"$num":"toString"}}')).toThrow(SyntaxError);
  });
});

describe('the tags and the message around them', () => {
  it('blobs in nested objects and arrays get offsets in the order the header lists them, and the message is not changed', () => {
    const a = new Uint8Array([1]);
    const b = new Uint8Array([2, 3]);
    const c = new Uint8Array([4, 5, 6]);
    const payload = { first: { bytes: a, n: -0 }, list: [{ bytes: b }, 7, c], same: a, plain: { x: 1 } };
    const frame = encodeWire(event(payload)) as Uint8Array[];
    const header = new TextDecoder().decode(frame[0].subarray(4));
    expect(header).toBe('{"type":"event","name":"step","payload":{"first":{"bytes":{"$blob":[0,1]},"n":{"$num":"-0"}},"list":[{"bytes":{"$blob":[1,2]}},7,{"$blob":[3,3]}],"same":{"$blob":[6,1]},"plain":{"x":1}}}');
    expect(payload.first.bytes).toBe(a);
    expect(Object.is(payload.first.n, -0)).toBe(true);
    const back = decodeWire(joinFrame(frame)) as { payload: typeof payload };
    expect(back.payload).toEqual(payload);
    expect(Object.is(back.payload.first.n, -0)).toBe(true);
  });

  it('a $blob outside the bytes after the header is refused', () => {
    const frame = joinFrame(encodeWire(event({ bytes: new Uint8Array([1, 2]) })) as Uint8Array[]);
    expect(() => decodeWire(frame.subarray(0, frame.length - 1))).toThrow(/\$blob \[0,2\] is not within the 1 bytes after the header/);
  });
});
