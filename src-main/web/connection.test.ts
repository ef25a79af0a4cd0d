// A request frame's envelope is checked before anything runs: every way it can be wrong gets a
// 'usage' error that says what was wrong and where, answered to the request's id when it is readable.
import { describe, expect, it } from 'vitest';
import { encodeWire, joinFrame } from '../shared/wire.ts';
import { parseFrame, UNKNOWN_ID } from './connection.ts';

function refusal(data: string | Uint8Array, isBinary = typeof data !== 'string'): { id: number; message: string } {
  const parsed = parseFrame(Buffer.from(data), isBinary);
  if (!('error' in parsed) || parsed.error.ok) throw new Error(`expected ${JSON.stringify(String(data).slice(0, 80))} to be refused`);
  expect(parsed.error.error.code).toBe('usage');
  return { id: parsed.id, message: parsed.error.error.message };
}

function binary(header: string, blobs = 0): Uint8Array {
  const text = Buffer.from(header);
  const out = Buffer.alloc(4 + text.length + blobs);
  out.writeUInt32LE(text.length, 0);
  text.copy(out, 4);
  return out;
}

describe('parseFrame', () => {
  it('accepts a request and hands its params on unchecked', () => {
    expect(parseFrame(Buffer.from('{"type":"request","id":3,"name":"step","params":{"x":1}}'), false)).toEqual({ id: 3, name: 'step', params: { x: 1 } });
    const frame = joinFrame(encodeWire({ type: 'request', id: 4, name: 'writeMemory', params: { address: 0, bytes: new Uint8Array([7]) } }) as Uint8Array[]);
    expect(parseFrame(Buffer.from(frame), true)).toMatchObject({ id: 4, name: 'writeMemory', params: { address: 0, bytes: new Uint8Array([7]) } });
  });

  it("says where a text frame stops being JSON, and why a tag is wrong, instead of only 'not valid JSON'", () => {
    expect(refusal('{"type":"request","id":1,"name":"step"} trailing').message).toMatch(/^malformed text frame: .*position 40/);
    expect(refusal('{"type":"request","id":1,"name":"step","params":{"a":{"$num":"bogus"}}}').message)
      .toBe('malformed text frame: $num "bogus" is not NaN, Infinity, -Infinity or -0');
    // Valid JSON, but too deep for the reviver's recursion: not a syntax error.
    const deep = `{"type":"request","id":1,"name":"step","params":{"n":{"$num":"NaN"},"d":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`;
    expect(refusal(deep).message).toBe('malformed text frame: it is nested too deeply to decode');
  });

  it('names what is wrong with a binary frame once, not as "binary frame: binary frame"', () => {
    expect(refusal(new Uint8Array([1, 2, 3])).message).toBe("malformed binary frame: shorter than its 4-byte header length");
    expect(refusal(new Uint8Array([255, 255, 255, 255, 1])).message).toBe("malformed binary frame: header of 4294967295 bytes runs past the frame's 5 bytes");
    expect(refusal(binary('{"type":"request","id":2,"name":"writeMemory","params":{"bytes":{"$blob":[0,9]}}}', 4)).message)
      .toBe('malformed binary frame: $blob [0,9] is not within the 4 bytes after the header');
  });

  it('says what the envelope held where it is wrong', () => {
    expect(refusal('[1,2]')).toEqual({ id: UNKNOWN_ID, message: 'frame must be a JSON object {type, id, name, params}, not [1,2]' });
    expect(refusal('{"type":"response","id":5,"name":"step"}')).toEqual({ id: 5, message: 'frame type must be "request", not "response"' });
    expect(refusal('{"type":"request","id":"5","name":"step"}')).toEqual({ id: UNKNOWN_ID, message: 'request id must be an integer (a safe one), not "5"' });
    expect(refusal('{"type":"request","name":"step"}').message).toBe('request id must be an integer (a safe one), not nothing');
    expect(refusal('{"type":"request","id":6}')).toEqual({ id: 6, message: 'request name is missing' });
    expect(refusal(`{"type":"request","id":7,"name":"${'x'.repeat(100_000)}"}`)).toEqual({ id: 7, message: `unknown request "${'x'.repeat(59)}…` });
  });

  it('names a value too deep to show instead of throwing (the throw ended memscope serve)', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(refusal(deep(100_000))).toEqual({ id: UNKNOWN_ID, message: 'frame must be a JSON object {type, id, name, params}, not an array nested too deeply to show' });
    expect(refusal(`{"type":${deep(100_000)},"id":8}`)).toEqual({ id: 8, message: 'frame type must be "request", not an array nested too deeply to show' });
    expect(refusal(`{"type":"request","id":9,"name":{"a":${deep(100_000)}}}`)).toEqual({ id: 9, message: 'unknown request an object nested too deeply to show' });
  });

  it('refuses id -1 by name: it is an integer, but the id of answers to unreadable frames', () => {
    expect(refusal('{"type":"request","id":-1,"name":"step"}').message).toBe('request id -1 is reserved for answers to frames whose id cannot be read: use another integer');
  });
});
