// A request's arguments as the adapter reads them, checked: a client that sends the wrong shape
// gets an error response that names the request and the argument ("readMemory: count must be an
// integer ≥ 0"), never a TypeError deep in a handler. The checks throw RequestError; the
// adapter's one guard (MemscopeDebugSession.guardHandlers) answers the request with its message,
// the request's name put first there (fail).

/** What was wrong with a request's arguments (the request's name is not in it). */
export class RequestError extends Error {}

export class Args {
  private readonly raw: Record<string, unknown>;

  /** `example`: what the arguments look like, for the message when there are none. */
  constructor(raw: unknown, example: string, private readonly prefix = '') {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new RequestError(`needs arguments like ${example}`);
    this.raw = raw as Record<string, unknown>;
  }

  wrong(name: string, what: string): never {
    return this.refuse(`${this.prefix}${name} must be ${what}`);
  }

  refuse(text: string): never {
    throw new RequestError(text);
  }

  string(name: string, what = 'a string'): string {
    const v = this.raw[name];
    return typeof v === 'string' ? v : this.wrong(name, what);
  }

  /** An integer at least `min`; absent, `fallback` when one is given. */
  integer(name: string, options: { min?: number; fallback?: number } = {}): number {
    const v = this.raw[name];
    if (v === undefined && options.fallback !== undefined) return options.fallback;
    const min = options.min;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || (min !== undefined && v < min)) return this.wrong(name, min === undefined ? 'an integer' : `an integer ≥ ${min}`);
    return v;
  }

  optionalInteger(name: string): number | undefined {
    return this.raw[name] === undefined ? undefined : this.integer(name);
  }

  optionalString(name: string): string | undefined {
    return this.raw[name] === undefined ? undefined : this.string(name);
  }

  optionalBoolean(name: string): boolean | undefined {
    const v = this.raw[name];
    return v === undefined || typeof v === 'boolean' ? v : this.wrong(name, 'true or false');
  }

  /** An object, checked as Args named `name.`. */
  object(name: string, example: string): Args {
    const v = this.raw[name];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.wrong(name, `an object like ${example}`);
    return new Args(v, example, `${this.prefix}${name}.`);
  }

  /** A list of objects (absent: empty), each checked as Args named `name[i]`. */
  objects(name: string, example: string): Args[] {
    const v = this.raw[name] ?? [];
    if (!Array.isArray(v)) return this.wrong(name, `a list like [${example}]`);
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return this.wrong(`${name}[${i}]`, `an object like ${example}`);
      return new Args(item, example, `${this.prefix}${name}[${i}].`);
    });
  }
}

/** Strict base64 (RFC 4648, padded): Buffer.from(…, 'base64') skips what is not, and would write garbage. */
export function strictBase64(text: string): Uint8Array | null {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) ? new Uint8Array(Buffer.from(text, 'base64')) : null;
}
