// The JavaScript world a Go js/wasm program sees through syscall/js: a global object of our own
// with only what Go's standard library reaches for (fs for stdout and stderr, process, crypto,
// Date, console, and the Object, Array and Uint8Array constructors js.ValueOf uses), never the
// worker's real globalThis.
//
// Why the access rules: the guest is untrusted and syscall/js lets it get any property and call
// any function it can name. A real built-in reached through a prototype (`constructor` of
// anything leads to Function, and Function to arbitrary code in this worker) would be an
// escape. So a property read sees own properties only, a write defines an own data property
// (never running a setter or replacing a prototype), and only the constructors below can be
// used with `new`. Every function the guest can reach is one of ours or a Go function wrapper.
//
// What is not here answers as wasm_exec.js's browser fallback does: file calls other than
// writes to fds 1 and 2 and reads of fd 0 (the session's stdin) fail with ENOSYS (Go's os
// package turns that into "not implemented"), process ids are -1, the working directory is "/"
// and the time zone is UTC.

export interface GoJsHost {
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
  /** What reads of fd 0 return, from the start; then 0 bytes (end of file). */
  stdin: Uint8Array;
  random(n: number): Uint8Array;
  /** The largest Uint8Array the guest may have us allocate (the session's memory cap). */
  maxBytes: number;
}

export interface GoJsWorld {
  readonly global: object;
  get(target: unknown, key: string | number): unknown;
  set(target: unknown, key: string | number, value: unknown): void;
  remove(target: unknown, key: string): void;
  /** `target[method](...args)`; throws what the function threw (valueCall reports it to Go). */
  call(target: unknown, method: string, args: unknown[]): unknown;
  invoke(fn: unknown, args: unknown[]): unknown;
  construct(ctor: unknown, args: unknown[]): unknown;
  instanceOf(value: unknown, ctor: unknown): boolean;
  length(value: unknown): number;
  /**
   * What the call log calls a value: its path from the global object (`fs.write`, `Uint8Array`),
   * or what made it (`Uint8Array(20)`, `Object`), or a name given with `nameAs`; else undefined.
   */
  name(value: unknown): string | undefined;
  /** `several`: other values may have the same name (the log adds their ids). */
  nameAs(value: object, name: string, several?: boolean): void;
  /** Whether other values may have the value's name: what the guest made with `new`, or was named so. */
  sharesName(value: unknown): boolean;
}

/** An object with no prototype: nothing beyond its own properties can be reached from it. */
function plain(props: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, props);
}

/** A thrown error as Go reads one: `code` (fs_js.go maps it to an errno) and `message`. */
function jsError(code: string, message: string): Record<string, unknown> {
  return plain({ code, message });
}

/** What Go's syscall package calls on `fs` (fs_js.go's fsCall names); all but read and write answer ENOSYS. */
const FS_CALLS = [
  'chmod', 'chown', 'close', 'fchmod', 'fchown', 'fstat', 'fsync', 'ftruncate', 'lchown', 'link', 'lstat',
  'mkdir', 'open', 'read', 'readdir', 'readlink', 'rename', 'rmdir', 'stat', 'symlink', 'truncate', 'unlink', 'utimes',
];

function text(v: unknown): string {
  return typeof v === 'object' && v !== null ? '[object]' : typeof v === 'function' ? '[function]' : String(v);
}

export function goJsWorld(host: GoJsHost): GoJsWorld {
  const encoder = new TextEncoder();
  // Named for the call log by their code (`Error(ENOSYS)#30`); `names` is filled below, before any call.
  const errorOf = (code: string, message: string): Record<string, unknown> => {
    const e = jsError(code, message);
    names.set(e, `Error(${code})`);
    shared.add(e);
    return e;
  };
  const enosys = (what: string) => errorOf('ENOSYS', `${what}: not available to a Go js/wasm guest in Memscope (only reading stdin and writing stdout and stderr are)`);

  const writeSync = (fd: unknown, buf: unknown): number => {
    if (!(buf instanceof Uint8Array)) throw errorOf('EINVAL', 'fs.writeSync: the buffer is not a Uint8Array');
    if (fd === 1) host.stdout(buf.slice());
    else if (fd === 2) host.stderr(buf.slice());
    else throw enosys(`fs.writeSync on fd ${text(fd)}`);
    return buf.length;
  };
  let stdinAt = 0;
  const fs = plain({
    // Go reads these once at start-up to translate open flags; Node's Linux values.
    constants: plain({ O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_TRUNC: 512, O_APPEND: 1024, O_EXCL: 128 }),
    writeSync,
    write(fd: unknown, buf: unknown, offset: unknown, length: unknown, position: unknown, callback: unknown) {
      const done = callback as (err: unknown, n?: number) => void;
      if (offset !== 0 || !(buf instanceof Uint8Array) || length !== buf.length || position !== null) {
        done(enosys('fs.write at an offset or position'));
        return;
      }
      let n: number;
      try {
        n = writeSync(fd, buf);
      } catch (error) {
        done(error);
        return;
      }
      done(null, n);
    },
    // fs_js.go reads whole: read(fd, buf, 0, len(buf), null, callback) → callback(err, n); 0 is EOF.
    read(fd: unknown, buf: unknown, offset: unknown, length: unknown, position: unknown, callback: unknown) {
      const done = callback as (err: unknown, n?: number) => void;
      if (fd !== 0 || !(buf instanceof Uint8Array) || typeof offset !== 'number' || typeof length !== 'number' || position !== null) {
        done(enosys(`fs.read of fd ${text(fd)}`));
        return;
      }
      const part = host.stdin.subarray(stdinAt, stdinAt + Math.max(0, Math.min(length, buf.length - offset)));
      buf.set(part, offset);
      stdinAt += part.length;
      done(null, part.length);
    },
  });
  for (const name of FS_CALLS) {
    if (name in fs) continue;
    fs[name] = (...args: unknown[]) => {
      const callback = args[args.length - 1];
      if (typeof callback === 'function') callback(enosys(`fs.${name}`));
    };
  }

  const jsProcess = plain({
    pid: -1, ppid: -1,
    getuid: () => -1, getgid: () => -1, geteuid: () => -1, getegid: () => -1,
    getgroups: () => { throw enosys('process.getgroups'); },
    umask: () => { throw enosys('process.umask'); },
    cwd: () => '/',
    chdir: () => { throw enosys('process.chdir'); },
  });

  const jsCrypto = plain({
    getRandomValues(array: unknown) {
      if (!(array instanceof Uint8Array)) throw errorOf('TypeMismatchError', 'crypto.getRandomValues: not a Uint8Array');
      array.set(host.random(array.length));
      return array;
    },
  });

  const say = (sink: (b: Uint8Array) => void) => (...args: unknown[]) => sink(encoder.encode(`${args.map(text).join(' ')}\n`));
  const jsConsole = plain({ log: say(host.stdout), info: say(host.stdout), warn: say(host.stderr), error: say(host.stderr) });

  // The constructors `new` may use, each making a value of the kinds the rules above allow.
  // Methods, so they have no `prototype` object to hand out; `construct` knows what each makes.
  const { Object: ObjectCtor, Array: ArrayCtor, Uint8Array: Uint8ArrayCtor, Date: DateCtor } = {
    Object() {}, Array() {}, Uint8Array() {}, Date() {},
  };
  const makers = new Map<unknown, (args: unknown[]) => unknown>([
    [ObjectCtor, () => plain()],
    [ArrayCtor, (args) => (args.length === 1 && typeof args[0] === 'number' ? new globalThis.Array(args[0]) : [...args])],
    [Uint8ArrayCtor, (args) => {
      const n = args[0];
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > host.maxBytes) {
        throw new RangeError(`new Uint8Array(${text(n)}): Memscope makes them from a length of 0 to ${host.maxBytes} bytes only`);
      }
      return new globalThis.Uint8Array(n);
    }],
    [DateCtor, () => plain({ getTimezoneOffset: () => 0 })],
  ]);
  const made = new WeakMap<object, unknown>();
  const shared = new WeakSet<object>();

  const global = plain({
    fs, process: jsProcess, crypto: jsCrypto, console: jsConsole,
    Object: ObjectCtor, Array: ArrayCtor, Uint8Array: Uint8ArrayCtor, Date: DateCtor,
  });
  global.globalThis = global;
  const names = new WeakMap<object, string>();
  const nameTree = (obj: Record<string, unknown>, prefix: string) => {
    for (const [key, v] of Object.entries(obj)) {
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null || names.has(v)) continue;
      names.set(v, prefix + key);
      if (typeof v === 'object') nameTree(v as Record<string, unknown>, `${prefix}${key}.`);
    }
  };
  names.set(global, 'globalThis');
  nameTree(global, '');

  const get = (target: unknown, key: string | number): unknown => {
    if (typeof target === 'string') return key === 'length' ? target.length : undefined;
    if (target instanceof Uint8Array) return key === 'length' || key === 'byteLength' ? target.length : target[Number(key)];
    if ((typeof target !== 'object' && typeof target !== 'function') || target === null) {
      throw new TypeError(`cannot read property ${JSON.stringify(String(key))} of ${text(target)}`);
    }
    return Object.hasOwn(target, key) ? (target as Record<string | number, unknown>)[key] : undefined;
  };

  return {
    global,
    get,
    set(target, key, value) {
      if ((typeof target !== 'object' && typeof target !== 'function') || target === null) {
        throw new TypeError(`cannot set property ${JSON.stringify(String(key))} of ${text(target)}`);
      }
      Reflect.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    },
    remove(target, key) {
      if (typeof target === 'object' && target !== null) Reflect.deleteProperty(target, key);
    },
    call(target, method, args) {
      const fn = get(target, method);
      if (typeof fn !== 'function') throw new TypeError(`${text(target)}.${method} is not a function`);
      return Reflect.apply(fn, target, args);
    },
    invoke(fn, args) {
      if (typeof fn !== 'function') throw new TypeError(`${text(fn)} is not a function`);
      return Reflect.apply(fn, undefined, args);
    },
    construct(ctor, args) {
      const make = makers.get(ctor);
      if (!make) throw new TypeError(`${text(ctor)} is not a constructor Memscope provides to Go (Object, Array, Uint8Array, Date)`);
      const value = make(args);
      if (typeof value === 'object' && value !== null) made.set(value, ctor);
      return value;
    },
    instanceOf(value, ctor) {
      if (typeof value !== 'object' || value === null) return false;
      return made.get(value) === ctor || (ctor === ObjectCtor);
    },
    length(value) {
      if (typeof value === 'string' || Array.isArray(value) || value instanceof Uint8Array) return value.length;
      const n = get(value, 'length');
      return typeof n === 'number' ? n : 0;
    },
    name(value) {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
      const ctor = made.get(value);
      if (ctor === undefined) return names.get(value);
      const kind = (ctor as { name: string }).name;
      return value instanceof globalThis.Uint8Array || Array.isArray(value) ? `${kind}(${value.length})` : kind;
    },
    nameAs(value, name, several = false) {
      names.set(value, name);
      if (several) shared.add(value);
    },
    sharesName(value) {
      return typeof value === 'object' && value !== null && (made.has(value) || shared.has(value));
    },
  };
}
