// Test helper: emits module bytes by hand, so malformed-input tests can place every byte (and
// know every offset) and feature tests need no assembler at run time.

export type Bytes = number[];

export const HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f } as const;

export function u32(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function s64(n: bigint): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    const done = (n === 0n && !(b & 0x40)) || (n === -1n && b & 0x40);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

export const s32 = (n: number): Bytes => s64(BigInt(n));

export function str(s: string): Bytes {
  const bytes = Array.from(new TextEncoder().encode(s));
  return [...u32(bytes.length), ...bytes];
}

export function vec(items: Bytes[]): Bytes {
  return [...u32(items.length), ...items.flat()];
}

export function section(id: number, payload: Bytes): Bytes {
  return [id, ...u32(payload.length), ...payload];
}

export function custom(name: string, payload: Bytes): Bytes {
  return section(0, [...str(name), ...payload]);
}

export function funcType(params: number[], results: number[]): Bytes {
  return [0x60, ...u32(params.length), ...params, ...u32(results.length), ...results];
}

/** A function body with no locals: vec(locals)=0, the instructions, `end`. */
export function body(instructions: Bytes = []): Bytes {
  const b = [0x00, ...instructions, 0x0b];
  return [...u32(b.length), ...b];
}

export function module(...sections: Bytes[]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}
