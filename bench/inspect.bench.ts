// Module reader throughput: a generated module of tens of MB (many functions, a name for each,
// big data segments) read by inspectBytes with and without the V8 cross-check, in MiB/s; and
// how many small modules per second a bulk `inspect` can get through.

import { inspectBytes } from '../src-main/engine/index.ts';
import { featureModule } from '../src-main/engine/testing.ts';

const FUNCTIONS = 150_000;
const DATA_SEGMENTS = 8;
const DATA_SEGMENT_BYTES = 3 * 1024 * 1024;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Concatenates chunks into one buffer (number arrays would not scale to tens of MB). */
function concat(chunks: (Uint8Array | number[])[]): Uint8Array {
  const parts = chunks.map((c) => (c instanceof Uint8Array ? c : Uint8Array.from(c)));
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const section = (id: number, payload: Uint8Array): Uint8Array => concat([[id, ...leb(payload.length)], payload]);

/** (i32, i32) -> i32 functions whose ~100-byte bodies add and drop in a loop of straight code. */
export function generateLargeModule(): Uint8Array {
  const body = [0x00];
  for (let i = 0; i < 16; i++) body.push(0x20, 0, 0x20, 1, 0x6a, 0x1a);
  body.push(0x20, 0, 0x0b);
  const sizedBody = Uint8Array.from([...leb(body.length), ...body]);
  const codes: Uint8Array[] = [Uint8Array.from(leb(FUNCTIONS))];
  const funcs: Uint8Array[] = [Uint8Array.from(leb(FUNCTIONS))];
  const names: (number[] | Uint8Array)[] = [leb(FUNCTIONS)];
  const encoder = new TextEncoder();
  for (let i = 0; i < FUNCTIONS; i++) {
    codes.push(sizedBody);
    funcs.push(Uint8Array.of(0));
    const name = encoder.encode(`generated::function_${i}`);
    names.push([...leb(i), ...leb(name.length)], name);
  }
  const data: Uint8Array[] = [Uint8Array.from(leb(DATA_SEGMENTS))];
  for (let s = 0; s < DATA_SEGMENTS; s++) {
    const payload = new Uint8Array(DATA_SEGMENT_BYTES).fill(s + 1);
    data.push(Uint8Array.from([0x00, 0x41, ...leb(s * DATA_SEGMENT_BYTES), 0x0b, ...leb(payload.length)]), payload);
  }
  const functionNames = concat(names);
  const nameSection = concat([[4, ...encoder.encode('name'), 1, ...leb(functionNames.length)], functionNames]);
  const pages = Math.ceil((DATA_SEGMENTS * DATA_SEGMENT_BYTES) / 65536);
  return concat([
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, Uint8Array.from([1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f])),
    section(3, concat(funcs)),
    section(5, Uint8Array.from([1, 0x00, ...leb(pages)])),
    section(7, Uint8Array.from([1, 3, 0x61, 0x64, 0x64, 0x00, 0])),
    section(10, concat(codes)),
    section(11, concat(data)),
    section(0, nameSection),
  ]);
}

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

export async function run(report: (name: string, value: string) => void): Promise<void> {
  const bytes = generateLargeModule();
  const mb = bytes.length / (1024 * 1024);
  const check = inspectBytes(bytes);
  if (!check.ok) throw new Error(`generated module rejected: ${check.error.message}`);
  report('inspect: generated module', `${mb.toFixed(1)} MiB, ${FUNCTIONS} functions, ${DATA_SEGMENTS} data segments`);
  const readerMs = best(5, () => inspectBytes(bytes, { crossCheck: false }));
  report('inspect: our reader only (inspectBytes crossCheck:false)', `${(mb / (readerMs / 1000)).toFixed(0)} MiB/s (${readerMs.toFixed(1)} ms)`);
  const fullMs = best(3, () => inspectBytes(bytes));
  report('inspect: reader + V8 validation and import/export check', `${(mb / (fullMs / 1000)).toFixed(0)} MiB/s (${fullMs.toFixed(1)} ms)`);
  const small = featureModule();
  const count = 5000;
  const smallMs = best(3, () => {
    for (let i = 0; i < count; i++) inspectBytes(small);
  });
  report(`inspect: small modules (${small.length} B each, with V8 check)`, `${Math.round(count / (smallMs / 1000))} modules/s`);
}
