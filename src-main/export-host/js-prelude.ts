// The helpers every exported JS host program starts with: guest memory access that re-reads
// memory.buffer after every call (a call may grow memory and detach old views), value
// conversion at the JS API boundary, and the printing of bindings. Emitted as source text:
// written raw (regexes keep their backslashes), with \` and \${ unescaped after.

export const JS_HELPERS = String.raw`
// ---- helpers ---------------------------------------------------------------------------
// Guest memory: a fresh DataView each time, since memory.grow detaches the old buffer. The
// module's memory export, whatever its name (Go's is "mem"; an export "memory" may be a
// function), else the memory it imports; a module with none has zero bytes, as run says (an
// access failed with "Cannot read properties of undefined").
const NO_MEMORY = { buffer: new ArrayBuffer(0) };
const memory = () => [instance.exports.memory, ...Object.values(instance.exports)].find((v) => v instanceof WebAssembly.Memory)
  ?? Object.values(imports).flatMap((ns) => Object.values(ns)).find((v) => v instanceof WebAssembly.Memory) ?? NO_MEMORY;
/** The high half of an i64 result Emscripten legalised (env.setTempRet0), joined in call(). */
let tempRet0 = 0;
const view = () => new DataView(memory().buffer);
const bytesAt = (address, length) => new Uint8Array(memory().buffer, address, length);

/**
 * A sequence integer (BigInt) as a memory offset, checked as run checks it and in its words: the
 * address, then the length (negative, or past what a number holds exactly), then the access
 * past the memory's end. A negative length was a RangeError ("Invalid typed array length: -5").
 */
function addr(v, length = 0) {
  for (const [what, x] of [['the address', v], ['the length', length]]) {
    if (BigInt(x) < 0n || BigInt(x) > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(\`\${what} \${x} is outside linear memory\`);
  }
  const [a, n] = [Number(v), Number(length)];
  const size = memory().buffer.byteLength;
  if (a + n > size) throw new Error(\`memory access out of bounds: [0x\${a.toString(16)}, +\${n}) is outside linear memory of \${size} bytes\`);
  return a;
}

const NUM = {
  u8: [1, 'getUint8', 'setUint8'], i8: [1, 'getInt8', 'setInt8'],
  u16: [2, 'getUint16', 'setUint16'], i16: [2, 'getInt16', 'setInt16'],
  u32: [4, 'getUint32', 'setUint32'], i32: [4, 'getInt32', 'setInt32'],
  u64: [8, 'getBigUint64', 'setBigUint64'], i64: [8, 'getBigInt64', 'setBigInt64'],
  f32: [4, 'getFloat32', 'setFloat32'], f64: [8, 'getFloat64', 'setFloat64'],
};

/** Little-endian, like wasm: integers come back as BigInt (exact), floats as numbers. */
function readNum(type, address) {
  const [size, get] = NUM[type];
  const v = view()[get](addr(address, size), true);
  return typeof v === 'number' && !type.startsWith('f') ? BigInt(v) : v;
}

/**
 * Writes a number checked as run checks it: an integer type takes its signed or its unsigned range
 * (-128 to 255 for u8 and i8) and no float; a float type no finite value it would make infinite.
 */
function writeNum(type, address, value) {
  const [size, , set] = NUM[type];
  const what = \`write \${type}\`;
  if (type.startsWith('f')) {
    const n = fit(value, type, what, '');
    view()[set](addr(address, size), n, true);
    return BigInt(size);
  }
  const bits = BigInt(size * 8);
  fit(value, \`i\${bits}\`, what, '');
  const v = size === 8 ? (type === 'u64' ? BigInt.asUintN(64, value) : BigInt.asIntN(64, value)) : Number(BigInt.asIntN(32, value));
  view()[set](addr(address, size), v, true);
  return BigInt(size);
}

/** A C struct: fields at the offsets the layout gives (natural alignment). */
function readStruct(fields, address) {
  const out = {};
  for (const f of fields) out[f.name] = f.fields ? readStruct(f.fields, BigInt(address) + BigInt(f.offset)) : readNum(f.type, BigInt(address) + BigInt(f.offset));
  return out;
}

/** Byte length of a text without a given length: up to a NUL (utf8: one byte, utf16: two) in the first MiB, as run looks. */
function nulLength(address, unit) {
  const all = new Uint8Array(memory().buffer);
  // At least its first byte, as run checks it (an address at the memory's end is outside it).
  const start = addr(address, 1);
  const end = Math.min(all.length, start + (1 << 20));
  for (let i = start; i + unit <= end; i += unit) {
    if (all[i] === 0 && (unit === 1 || all[i + 1] === 0)) return BigInt(i - start);
  }
  throw new Error(\`no terminating NUL within \${end - start} bytes; give a length: [len]\`);
}

/**
 * A read's length, refused past 64 MiB (the most text or bytes one read binds in run), in run's
 * words; an address or length run refuses for itself is left to addr(), which says so first.
 */
function readSize(kind, address, length) {
  const taken = (v) => BigInt(v) >= 0n && BigInt(v) <= BigInt(Number.MAX_SAFE_INTEGER);
  const max = 64 << 20;
  if (taken(address) && taken(length) && BigInt(length) > BigInt(max)) {
    throw new Error(\`read \${kind} of \${length} bytes is above the limit of \${max} bytes (64 MiB) for one read; read it in parts\`);
  }
  return length;
}

const readUtf8 = (address, length) => new TextDecoder().decode(bytesAt(addr(address, Number(length)), Number(length)));
function readUtf16(address, length) {
  const units = bytesAt(addr(address, Number(length)), Number(length));
  let text = '';
  for (let i = 0; i + 1 < units.length; i += 2) text += String.fromCharCode(units[i] | (units[i + 1] << 8));
  return text;
}
const readBytes = (address, length) => bytesAt(addr(address, Number(length)), Number(length)).slice();

function writeBytes(address, data) {
  bytesAt(addr(address, data.length), data.length).set(data);
  return BigInt(data.length);
}
function writeUtf16(address, text) {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) { out[2 * i] = text.charCodeAt(i) & 0xff; out[2 * i + 1] = text.charCodeAt(i) >> 8; }
  return writeBytes(address, out);
}
const hexBytes = (hex) => Uint8Array.from(hex.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (b) => Buffer.from(b).toString('hex');

/**
 * An argument checked as \`memscope run\` checks it, failing the step with its words where the JS
 * API would wrap it or make it Infinity: an integer parameter takes its signed or its unsigned
 * range (-2^31 to 2^32-1 for an i32) and no float; a float parameter no finite value that is
 * infinite at its width (Infinity and NaN pass as they are). call() checks every argument: one
 * computed from bindings can fail here; a constant was checked at export, and passes.
 */
function fit(v, type, what, label = \` (\${type})\`) {
  if (type[0] === 'i') {
    const bits = BigInt(type.slice(1));
    const [lo, hi] = [-(1n << (bits - 1n)), (1n << bits) - 1n];
    if (typeof v !== 'bigint') throw new Error(\`\${what}\${label} needs an integer, not \${kindOf(v)}\`);
    if (v < lo || v > hi) throw new Error(\`\${what}\${label}: \${v} does not fit in \${bits} bits (\${lo} to \${hi})\`);
    return v;
  }
  if (typeof v !== 'bigint' && typeof v !== 'number') throw new Error(\`\${what}\${label} needs a number, not \${kindOf(v)}\`);
  const n = Number(v);
  if ((typeof v === 'bigint' || Number.isFinite(v)) && !Number.isFinite(type === 'f32' ? Math.fround(n) : n)) {
    const max = type === 'f32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
    throw new Error(\`\${what}\${label}: \${v} does not fit in \${type} (\${-max} to \${max})\`);
  }
  return n;
}

/**
 * A sequence operator as run applies it: integers exact (BigInt), a shift of 0 to 128 bits,
 * division by zero refused; an integer beside a float makes a float (+ - * / % only).
 */
const numeric = (x) => typeof x === 'bigint' || typeof x === 'number';
function arith(op, a, b) {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if ((op === '/' || op === '%') && b === 0n) throw new Error(op === '/' ? 'division by zero' : 'division by zero (remainder)');
    if ((op === '<<' || op === '>>') && (b < 0n || b > 128n)) throw new Error(\`shift count \${b} is outside 0..128\`);
    return INT_OPS[op](a, b);
  }
  if (numeric(a) && numeric(b) && op in FLOAT_OPS) return FLOAT_OPS[op](Number(a), Number(b));
  throw new Error(\`'\${op}' does not apply to \${kindOf(a)} and \${kindOf(b)}\`);
}
const INT_OPS = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b,
  '&': (a, b) => a & b, '|': (a, b) => a | b, '^': (a, b) => a ^ b, '<<': (a, b) => a << b, '>>': (a, b) => a >> b };
const FLOAT_OPS = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b };
function kindOf(v) {
  return typeof v === 'bigint' ? 'an integer' : typeof v === 'number' ? 'a float' : typeof v === 'string' ? 'text' : v instanceof Uint8Array ? 'bytes' : 'a struct';
}

/**
 * A function's name as a sequence writes it, as run names it in its messages: bare when it is an
 * identifier, else quoted with \, " and control characters escaped: "my-func" (Memscope's
 * sequenceName, shared/value-format.ts).
 */
function sequenceName(name) {
  if (/^[A-Za-z_$][\w$]*$/.test(name)) return name;
  const escaped = name.replace(/[\\"]/g, (ch) => '\\' + ch).replace(/[\x00-\x1f]/g, (ch) => '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0'));
  return '"' + escaped + '"';
}
/**
 * Calls an export. Arguments go in as the JS API wants them (i64 as BigInt, i32 wrapped to its
 * signed form) once fit() passes them; results come back as the sequence binds them: i32 and i64
 * UNSIGNED (pointers, lengths, packed ptr<<32|len pairs), floats as numbers.
 */
function call(name, args, params, results) {
  // An argument of a second call (AssemblyScript's __pin) is a part of the line, as the first's are.
  atStep = false;
  // One per parameter, a missing one 0, as run passes the allocator's (its export's own count).
  const js = params.map((type, i) => {
    const n = fit(args[i] ?? 0n, type, \`argument \${i + 1} of \${sequenceName(name)}\`);
    return type === 'i64' ? BigInt.asIntN(64, n) : type === 'i32' ? Number(BigInt.asIntN(32, n)) : n;
  });
  tempRet0 = 0;
  // What fails from here on (a trap, an exit, an exception, a Go run() that never exits) is the
  // step's call's: at its column.
  atStep = true;
  const raw = instance.exports[name](...js);
  // An i64 result arriving as a Number: Emscripten returned its low half (legalisation).
  const list = results.length === 0 ? [] : results.length === 1 ? [typeof raw === 'number' && results[0] === 'i64' ? (BigInt(tempRet0 >>> 0) << 32n) | BigInt(raw >>> 0) : raw] : raw;
  return list.map((r, i) => results[i] === 'i32' ? BigInt(r >>> 0) : results[i] === 'i64' ? BigInt.asUintN(64, r) : r);
}

/**
 * How a and b order, as run's expect compares them: numbers as numbers, text as text, bytes with
 * bytes or hex text, by their hex. Other sides fail the step in run's words: "A" == 65 held (the
 * text was compared with the number), and bytes ordered as 0 or 1 only.
 */
function same(a, b) {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (numeric(a) && numeric(b)) {
    // NaN is neither less, greater nor equal: only != holds, as in run.
    const [x, y] = [Number(a), Number(b)];
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const hex = (v) => (v instanceof Uint8Array ? toHex(v) : typeof v === 'string' && /^(\s*[0-9a-fA-F]{2})*\s*$/.test(v) ? v.replace(/\s+/g, '').toLowerCase() : null);
  const [x, y] = [hex(a), hex(b)];
  if ((a instanceof Uint8Array || b instanceof Uint8Array) && x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  throw new Error(\`cannot compare \${kindOf(a)} with \${kindOf(b)}\`);
}
const OPS = { '==': (c) => c === 0, '!=': (c) => c !== 0, '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0 };
/**
 * Fails as run fails an expect, in its words: each side that is not a literal (its source text in
 * names, null for a literal) with its value, and run's hint when two integers differ only in sign.
 * f32: which side is a name bound from an f32: beside a number both compare as f32s, as in run
 * (\`expect z == 0.1\` holds for the 0.1 stored), and that side shows as an f32.
 */
function expect(a, op, b, text, names, f32 = [false, false]) {
  // Its sides are worked out: what fails here is the comparison, at its column as in run.
  atStep = true;
  const asF32 = (f32[0] || f32[1]) && numeric(a) && numeric(b);
  if (OPS[op](asF32 ? same(Math.fround(Number(a)), Math.fround(Number(b))) : same(a, b))) return;
  const sides = [[names[0], a, f32[0]], [names[1], b, f32[1]]].filter(([n]) => n !== null)
    .map(([n, v, f]) => \`\${n} is \${f && typeof v === 'number' ? f32Text(v) : shown(v)}\`);
  throw new Error(\`expected \${text}, but \${sides.join(', ') || 'both sides are literals and it is false'}\${signHint(a, b)}\`);
}
/** A value as run shows it in a failed expect (a binding line shows a negative integer without its hex). */
function shown(v) {
  if (typeof v === 'bigint') return v > 9n || v < -9n ? \`\${v} (\${v < 0n ? '-' : ''}0x\${(v < 0n ? -v : v).toString(16)})\` : String(v);
  if (v instanceof Uint8Array) return \`bytes \${toHex(v) || '(empty)'}\`;
  if (typeof v === 'string') return JSON.stringify(v);
  // -0 with its sign, as run shows it (String(-0) is "0").
  return Object.is(v, -0) ? '-0' : String(v);
}
function signHint(a, b) {
  if (typeof a !== 'bigint' || typeof b !== 'bigint' || (a < 0n) === (b < 0n)) return '';
  for (const bits of [32n, 64n]) {
    if (BigInt.asUintN(Number(bits), a) === BigInt.asUintN(Number(bits), b) && a >= -(1n << bits) && b >= -(1n << bits)) {
      return \` (equal as \${bits}-bit values: call results are bound unsigned; compare with \${BigInt.asUintN(Number(bits), a)})\`;
    }
  }
  return '';
}

/**
 * An f32 in the fewest digits that read back as the same f32 (0.1, not its widening
 * 0.10000000149011612): mirrors float32Text in Memscope's shared/value-format.ts.
 */
function f32Text(n) {
  if (n === 0 || !Number.isFinite(n)) return Object.is(n, -0) ? '-0' : String(n);
  for (let digits = 1; digits <= 9; digits++) {
    const shorter = Number(n.toPrecision(digits));
    if (Math.fround(shorter) === n) return String(shorter);
  }
  return String(n);
}

/**
 * A binding as a person reads it (as \`memscope run\` prints it); bits: the width of the export's
 * i32 or i64 result it came from, whose signed reading run adds (4294967295 (0xffffffff, signed -1));
 * 32 for a float from an f32; for a struct, its fields' (\`{"a":32}\`).
 */
function show(v, bits = 0) {
  if (typeof v === 'bigint' && bits && v >= 1n << BigInt(bits - 1)) return \`\${v} (0x\${v.toString(16)}, signed \${BigInt.asIntN(bits, v)})\`;
  if (typeof v === 'bigint') return v >= 10n ? \`\${v} (0x\${v.toString(16)})\` : String(v);
  if (typeof v === 'string') return JSON.stringify(wellFormed(v));
  if (v instanceof Uint8Array) return v.length ? toHex(v) : '(no bytes)';
  if (typeof v === 'object') return \`{\${Object.entries(v).map(([k, f]) => \`\${k}: \${show(f, bits?.[k])}\`).join(', ')}}\`;
  if (bits === 32) return f32Text(v);
  // -0 with its sign, as run prints it (String(-0) is "0").
  return Object.is(v, -0) ? '-0' : String(v);
}

/** A binding as \`memscope run --json\` writes it: integers as numbers when exact, else text. */
function json(v) {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  // NaN, the infinities and -0 as their text, as run writes them (JSON.stringify would make
  // them null, and -0 0).
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (Object.is(v, -0)) return '-0';
  // A boolean a Go function returned: Memscope keeps its text (it compares as 1 or 0).
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return toHex(v);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, f]) => [k, json(f)]));
  return typeof v === 'string' ? wellFormed(v) : v;
}

/**
 * Text as run prints it: a lone surrogate (read utf16 keeps it, as run's does) as U+FFFD, which
 * run's output has where JSON.stringify would write "\ud800".
 */
const wellFormed = (t) => t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** An assigned value: run binds integers, floats and structs; text and bytes come from reads only (they were bound). */
function assigned(v) {
  const kind = typeof v === 'string' ? 'text' : v instanceof Uint8Array ? 'bytes' : null;
  if (kind) throw new Error(\`cannot assign \${kind}: text and bytes are bound by reads\`);
  return v;
}

const B = {};
const bind = (name, value, bits = 0) => { B[name] = value; out(\`\${name} = \${show(value, bits)}\`); };
const finalJson = () => JSON.stringify(Object.fromEntries(Object.entries(B).map(([k, v]) => [k, json(v)])));

const isStackOverflow = (e) => e instanceof RangeError && /call stack/i.test(e.message);
/**
 * A trap in run's words: \`trap: divide by zero in divide\`, the function it happened in named as
 * run names it (by the name section, else its export name, else func[N]); a stack overflow with V8's words beside.
 */
function trapWords(e) {
  // A name may have spaces (C++'s "f(int, char)"): \S+ skipped such a frame for its caller's.
  const frame = /^\s+at (?:(.+?) \()?wasm:\/\/.*?wasm-function\[(\d+)\]/m.exec(e.stack ?? '');
  // A function the name section does not name: by its export name, as run names it (UNNAMED).
  const where = frame ? \` in \${frame[1] ?? UNNAMED.get(Number(frame[2])) ?? \`func[\${frame[2]}]\`}\` : '';
  return \`trap: \${isStackOverflow(e) ? \`stack overflow (\${e.message})\` : e.message}\${where}\`;
}

/**
 * Runs one step; a failure ends the program like a failed step ends \`memscope run\`, at run's
 * \`line:column\` when it is at the step's own place (atStep: the call, the expect's comparison;
 * column is that place's), else at its line, the part of the line that failed named in its words.
 */
let exited = false;
let atStep = false;
function step(line, column, text, body) {
  // After proc_exit the instance is finished: Memscope runs no further steps either.
  if (exited) return;
  stepStarts(line, column, text);
  atStep = false;
  try {
    body();
  } catch (e) {
    if (e instanceof ProcExit && e.code === 0) { exited = true; return; }
    const why = e instanceof WebAssembly.RuntimeError || isStackOverflow(e) ? trapWords(e) : e instanceof Error ? e.message
      : e instanceof WebAssembly.Exception ? 'uncaught exception: the guest threw a wasm exception nothing in the guest caught' : String(e);
    fail(\`✗ line \${atStep ? \`\${line}:\${column}\` : line}: \${text}: \${why}\`);
    out(finalJson());
    process.exit(1);
  }
}
`.replaceAll('\\`', '`').replaceAll('\\${', '${');
