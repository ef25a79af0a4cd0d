// The little binary knowledge the runtime needs on its own: section framing, the limits of
// imported memories/tables/globals (to build defaults), and rewriting memory maxima (the cap).
// The full reader is module/; this file only walks what instantiation needs, on bytes that
// module/ has already validated.

export interface Limits {
  min: number;
  max: number | null;
  shared: boolean;
  memory64: boolean;
}

export type ImportDesc =
  | { module: string; name: string; kind: 'func' }
  | { module: string; name: string; kind: 'memory'; limits: Limits }
  | { module: string; name: string; kind: 'table'; element: 'anyfunc' | 'externref'; limits: Limits }
  | { module: string; name: string; kind: 'global'; value: string; mutable: boolean }
  | { module: string; name: string; kind: 'tag' };

class Cursor {
  constructor(readonly bytes: Uint8Array, public pos = 0) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error(`unexpected end at byte ${this.pos}`);
    return this.bytes[this.pos++]!;
  }
  /** Unsigned LEB128 as a number (exact up to 2^53; enough for sizes and page counts). */
  uleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
  }
  name(): string {
    const len = this.uleb();
    const text = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return text;
  }
  limits(): Limits {
    const flags = this.byte();
    const min = this.uleb();
    const max = flags & 1 ? this.uleb() : null;
    return { min, max, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 };
  }
}

export interface SectionSpan {
  id: number;
  /** Offset of the id byte. */
  start: number;
  payloadStart: number;
  end: number;
}

export function sections(bytes: Uint8Array): SectionSpan[] {
  const out: SectionSpan[] = [];
  const c = new Cursor(bytes, 8);
  while (c.pos < bytes.length) {
    const start = c.pos;
    const id = c.byte();
    const size = c.uleb();
    out.push({ id, start, payloadStart: c.pos, end: c.pos + size });
    c.pos += size;
  }
  return out;
}

const VALTYPES: Record<number, string> = {
  0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'anyfunc', 0x6f: 'externref',
};

export function importDescs(bytes: Uint8Array): ImportDesc[] {
  const section = sections(bytes).find((s) => s.id === 2);
  if (!section) return [];
  const c = new Cursor(bytes, section.payloadStart);
  const count = c.uleb();
  const out: ImportDesc[] = [];
  for (let i = 0; i < count; i++) {
    const module = c.name();
    const name = c.name();
    const kind = c.byte();
    if (kind === 0x00) {
      c.uleb();
      out.push({ module, name, kind: 'func' });
    } else if (kind === 0x01) {
      const element = c.byte() === 0x6f ? 'externref' : 'anyfunc';
      out.push({ module, name, kind: 'table', element, limits: c.limits() });
    } else if (kind === 0x02) {
      out.push({ module, name, kind: 'memory', limits: c.limits() });
    } else if (kind === 0x03) {
      const value = VALTYPES[c.byte()] ?? 'i32';
      out.push({ module, name, kind: 'global', value, mutable: c.byte() === 1 });
    } else {
      c.byte();
      c.uleb();
      out.push({ module, name, kind: 'tag' });
    }
  }
  return out;
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/**
 * Lowers every defined 32-bit memory's maximum to `capPages`, so a memory.grow past the cap
 * fails inside the guest (returns -1) instead of allocating. Returns null when nothing changes,
 * or an error text when a memory's minimum already exceeds the cap.
 */
export function capMemories(bytes: Uint8Array, capPages: number): { bytes: Uint8Array } | { error: string } | null {
  const section = sections(bytes).find((s) => s.id === 5);
  if (!section) return null;
  const c = new Cursor(bytes, section.payloadStart);
  const count = c.uleb();
  const payload: number[] = uleb(count);
  let changed = false;
  for (let i = 0; i < count; i++) {
    const flags = bytes[c.pos]!;
    const limits = c.limits();
    if (limits.memory64) return null;
    if (limits.min > capPages) {
      return { error: `memory ${i} needs at least ${limits.min} pages, above the cap of ${capPages} pages` };
    }
    const max = limits.max === null ? capPages : Math.min(limits.max, capPages);
    if (max !== limits.max) changed = true;
    payload.push(flags | 1, ...uleb(limits.min), ...uleb(max));
  }
  if (!changed) return null;
  const head = [5, ...uleb(payload.length)];
  const out = new Uint8Array(section.start + head.length + payload.length + (bytes.length - section.end));
  out.set(bytes.subarray(0, section.start), 0);
  out.set(head, section.start);
  out.set(payload, section.start + head.length);
  out.set(bytes.subarray(section.end), section.start + head.length + payload.length);
  return { bytes: out };
}
