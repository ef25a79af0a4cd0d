// An exported JS host for a Go js/wasm program that uses syscall/js: Go's own wasm_exec.js
// (from the Go release that built the module) supplies the runtime and the JavaScript values,
// as it does for every Go js/wasm host; this text wires it the way Memscope hosts the program.
//
// What it sets itself, and why:
// - `fs` before wasm_exec.js loads: writes to fds 1 and 2 and reads of the sequence's stdin,
//   answered synchronously. Go's syscall package waits for fs callbacks on a channel, so Node's
//   real (asynchronous) fs would deadlock a fmt.Printf inside a js.FuncOf function; everything
//   else answers ENOSYS, as in Memscope and wasm_exec.js's own browser fallback.
// - The runtime's timers: Go schedules one wake-up at a time when all its goroutines wait; after
//   run() and after each call of a Go function the program runs them, earliest first, until Go
//   exits or waits for nothing a timer brings (Memscope's goRunTimers). Deterministic runs jump
//   the clock to each timer, so time.Sleep(time.Hour) takes no time.
// - run(): go.run() is async, so a trap inside the export would only reject its promise later;
//   the instance it is given calls run through a function that keeps the trap for the step.
// Go's imports take its stack pointer `sp`; arguments and results sit at sp + 8 (gojs.ts).

/**
 * Source text, placed before the module is instantiated; `imports` is then Go's import object.
 * `goModule`: the module name the wasm imports Go's runtime from ("go" up to Go 1.20, "gojs"
 * after); `goVersion`: the Go release its producers section names, when it does.
 */
export function goJsWorld(opts: { stdinHex: string; deterministic: boolean; goModule: string; goVersion: string | null }): string {
  const whose = opts.goVersion ? `${opts.goVersion}, which built the module` : 'the Go release that built the module';
  return String.raw`// ---- Go's JavaScript world: wasm_exec.js, from the Go that built the module ---------------
/** Go's wasm_exec.js: $WASM_EXEC, else from the go on PATH (lib/wasm from Go 1.24, misc/wasm before). */
function findWasmExec() {
  if (process.env.WASM_EXEC) return process.env.WASM_EXEC;
  let root = '';
  try { root = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(); } catch { /* no go on PATH */ }
  const found = ['lib/wasm/wasm_exec.js', 'misc/wasm/wasm_exec.js'].map((p) => join(root, p)).find((p) => root && existsSync(p));
  if (found) return found;
  console.error("✗ wasm_exec.js not found: set WASM_EXEC to the wasm_exec.js of the Go that built the module ($(go env GOROOT)/misc/wasm/wasm_exec.js), or put that go on PATH");
  process.exit(2);
}
const goStdin = Buffer.from(${JSON.stringify(opts.stdinHex)}, 'hex');
let goStdinAt = 0;
const enosys = (what) => Object.assign(new Error(\`\${what}: not available to the Go program here (only stdin, stdout and stderr are)\`), { code: 'ENOSYS' });
function goWriteSync(fd, buf) {
  if (fd !== 1 && fd !== 2) throw enosys(\`fs.writeSync on fd \${fd}\`);
  writeStd(fd, buf.slice());
  return buf.length;
}
globalThis.fs = {
  constants: { O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_TRUNC: 512, O_APPEND: 1024, O_EXCL: 128 },
  writeSync: goWriteSync,
  write(fd, buf, offset, length, position, callback) {
    if (offset !== 0 || length !== buf.length || position !== null) { callback(enosys('fs.write at an offset or position')); return; }
    let n;
    try { n = goWriteSync(fd, buf); } catch (e) { callback(e); return; }
    callback(null, n);
  },
  read(fd, buf, offset, length, position, callback) {
    if (fd !== 0 || position !== null) { callback(enosys(\`fs.read of fd \${fd}\`)); return; }
    const part = goStdin.subarray(goStdinAt, goStdinAt + Math.max(0, Math.min(length, buf.length - offset)));
    buf.set(part, offset);
    goStdinAt += part.length;
    callback(null, part.length);
  },
};
for (const name of ['chmod', 'chown', 'close', 'fchmod', 'fchown', 'fstat', 'fsync', 'ftruncate', 'lchown', 'link', 'lstat',
  'mkdir', 'open', 'readdir', 'readlink', 'rename', 'rmdir', 'stat', 'symlink', 'truncate', 'unlink', 'utimes']) {
  globalThis.fs[name] = (...args) => args.at(-1)(enosys(\`fs.\${name}\`));
}
globalThis.crypto ??= webcrypto;
createRequire(import.meta.url)(findWasmExec());
const go = new globalThis.Go();
/** Globals before Go ran: what is new after is what Go set with js.FuncOf. */
const jsGlobals = new Set(Object.getOwnPropertyNames(globalThis));
let goExitCode = null;
go.exit = (code) => { goExitCode = code; };
// Go 1.19 and 1.20 name the runtime's import module "go", later releases "gojs": a wasm_exec.js
// from another release than the module's says so here, not as a link error.
const goImports = go.importObject[${JSON.stringify(opts.goModule)}];
if (!goImports) {
  console.error(\`✗ \${findWasmExec()} is not the wasm_exec.js of ${whose}: it offers Go's runtime as \${Object.keys(go.importObject).join(', ')}, the module imports ${JSON.stringify(opts.goModule)}\`);
  process.exit(2);
}
const goView = () => new DataView(instance.exports.mem.buffer);
const goTimers = new Map();
let goNextTimer = 1;
${opts.deterministic ? String.raw`// deterministic: nanotime starts at 0 and advances 1 ms per read, the wall clock at 2024-01-01,
// getRandomData is the seeded sfc32 stream: the values Memscope gives the guest.
let clockNs = 0n;
const goNowMs = () => Number(clockNs / 1000n) / 1000;
goImports['runtime.nanotime1'] = (sp) => { clockNs += 1_000_000n; goView().setBigInt64((sp >>> 0) + 8, clockNs, true); };
goImports['runtime.walltime'] = (sp) => {
  const ms = 1_704_067_200_000 + Number(clockNs / 1_000_000n);
  goView().setBigInt64((sp >>> 0) + 8, BigInt(Math.floor(ms / 1000)), true);
  goView().setInt32((sp >>> 0) + 16, (ms % 1000) * 1_000_000, true);
};
${SFC32}
goImports['runtime.getRandomData'] = (sp) => {
  const at = Number(goView().getBigInt64((sp >>> 0) + 8, true));
  randomFill(new Uint8Array(instance.exports.mem.buffer, at, Number(goView().getBigInt64((sp >>> 0) + 16, true))));
};` : 'const goNowMs = () => performance.now();'}
goImports['runtime.scheduleTimeoutEvent'] = (sp) => {
  const id = goNextTimer++;
  goTimers.set(id, goNowMs() + Number(goView().getBigInt64((sp >>> 0) + 8, true)));
  goView().setInt32((sp >>> 0) + 16, id, true);
};
goImports['runtime.clearTimeoutEvent'] = (sp) => { goTimers.delete(goView().getInt32((sp >>> 0) + 8, true)); };
const imports = go.importObject;

/** The functions Go has set on the global object so far. */
const goFunctions = () => Object.getOwnPropertyNames(globalThis).filter((k) => !jsGlobals.has(k) && typeof globalThis[k] === 'function');

/** Runs Go's timers until it exits or waits for what no timer brings; an exit ends the step. */
function goSettle() {
  while (!go.exited && goTimers.size > 0) {
    let [next, due] = [0, Infinity];
    for (const [id, at] of goTimers) if (at < due) [next, due] = [id, at];
    goTimers.delete(next);
${opts.deterministic ? `    const dueNs = BigInt(Math.ceil(due * 1e6));
    if (clockNs < dueNs) clockNs = dueNs;`
    : `    const wait = due - goNowMs();
    if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);`}
    instance.exports.resume();
  }
  if (go.exited) {
    const code = goExitCode ?? 0;
    throw new ProcExit(code, \`the Go program exited with code \${code} (runtime.wasmExit)\`);
  }
}

/**
 * The sequence's run(argc, argv): Go reads the argv and environment the steps wrote (8-byte
 * pointer slots: argv[0..argc), 0, then KEY=VALUE pointers, 0), go.run lays them out again the
 * same way at 4096 and calls run. Returning with functions set is a library's ready state.
 */
function goRun(argc, argv) {
  const text = (p) => readUtf8(p, nulLength(p, 1));
  const slot = (i) => readNum('u32', argv + 8n * BigInt(i));
  go.argv = Array.from({ length: Number(argc) }, (_, i) => text(slot(i)));
  go.env = {};
  for (let i = Number(argc) + 1; slot(i) !== 0n; i++) {
    const pair = text(slot(i));
    go.env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  }
  let trapped = null;
  atStep = true;
  const run = (...args) => { try { instance.exports.run(...args); } catch (e) { trapped = e; } };
  void go.run(Object.create(instance, { exports: { value: { ...instance.exports, run } } }));
  if (trapped) throw trapped;
  goSettle();
  const set = goFunctions();
  if (set.length === 0) {
    throw new Error("Go's run() returned without runtime.wasmExit and set no function with js.FuncOf: the program waits for an event only JavaScript could send");
  }
  out(\`Go set \${set.join(', ')} with js.FuncOf: the steps call them by name\`);
}

/** A call of a function Go set, as JavaScript calls it: integers as numbers, text as strings, bytes as a Uint8Array. */
function goCall(name, args) {
  if (!goFunctions().includes(name)) {
    // At the call's name, as run says a function the module lacks (step()'s atStep).
    atStep = true;
    throw new Error(\`the module exports no function '\${name}' and Go set none by that name (it set \${goFunctions().join(', ') || 'none'})\`);
  }
  const js = args.map((v) => {
    if (typeof v !== 'bigint') return v;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(\`\${v} is past 2^53: JavaScript cannot pass it to Go as a number\`);
    return Number(v);
  });
  atStep = true;
  const result = globalThis[name](...js);
  goSettle();
  // A number binds as an integer when it is one; other values as Memscope binds them.
  if (typeof result === 'number') return [Number.isSafeInteger(result) ? BigInt(result) : result];
  if (typeof result === 'string' || typeof result === 'boolean') return [result];
  return [result === null ? 'null' : Array.isArray(result) ? \`Array(\${result.length})\` : result?.constructor === Object ? 'Object' : typeof result];
}
`.replaceAll('\\`', '`').replaceAll('\\${', '${');
}

/** Memscope's seeded sfc32 stream (engine/guest/wasi/sources.ts): `randomFill(bytes)`. */
export const SFC32 = String.raw`let [ra, rb, rc, rd] = [0x6d656d73, 0x636f7065, 0x77617369, 1];
const sfc32 = () => {
  const t = (((ra + rb) | 0) + rd) | 0;
  rd = (rd + 1) | 0; ra = rb ^ (rb >>> 9); rb = (rc + (rc << 3)) | 0;
  rc = (rc << 21) | (rc >>> 11); rc = (rc + t) | 0;
  return t >>> 0;
};
for (let i = 0; i < 12; i++) sfc32();
const randomFill = (out) => {
  for (let i = 0; i < out.length; i += 4) { const v = sfc32(); for (let k = 0; k < 4 && i + k < out.length; k++) out[i + k] = (v >>> (8 * k)) & 0xff; }
};`;
