// Source text of the helpers an exported Rust host starts with, and of its builtin host
// functions (print_utf8, print_utf16, AssemblyScript's abort and trace) on wasmtime's Linker.

import { EMSCRIPTEN_ENOSYS, isEmbindImport, isEmscriptenSyscall } from '../engine/index.ts';
import { EMBIND_NOT_CALLED } from './plan.ts';
import type { HostPlan } from './plan.ts';
import { cxxThrowAbort } from '../shared/error-format.ts';
import { rustFormatStr, rustStr } from './rust-literal.ts';
import { commentText } from '../shared/comment-text.ts';

/**
 * The check of a call argument computed when the host runs (a constant one was checked at export),
 * on its own so a test can compile it without wasmtime: only anyhow's Result, bail! and ensure!.
 */
export const RUST_FIT = String.raw`/// A value where it is stored, as a call argument computed at run time or a write (sequence
/// integers are i128, floats f64), checked as memscope run checks it, failing the step with its
/// words where a cast (as) would wrap or saturate it silently: an integer type takes its signed or
/// its unsigned range (-2^31 to 2^32-1 for 32 bits) and no float; an f32 no finite value it would
/// make infinite. Returned as it is. what names the place: "line 3: argument 1 of f (i32)".
trait Fit: Sized {
    fn fit(self, param: &str, what: &str) -> Result<Self>;
}

impl Fit for i128 {
    fn fit(self, param: &str, what: &str) -> Result<i128> {
        // Any i128 is a finite f32 and f64 (2^127 < f32's largest).
        let bits = match param {
            "i8" | "u8" => 8,
            "i16" | "u16" => 16,
            "i32" | "u32" => 32,
            "i64" | "u64" => 64,
            _ => return Ok(self),
        };
        let (lo, hi) = (-(1i128 << (bits - 1)), (1i128 << bits) - 1);
        ensure!(lo <= self && self <= hi, "{what}: {self} does not fit in {bits} bits ({lo} to {hi})");
        Ok(self)
    }
}

impl Fit for f64 {
    fn fit(self, param: &str, what: &str) -> Result<f64> {
        ensure!(param.starts_with('f'), "{what} needs an integer, not a float");
        // Infinity and NaN pass as they are, as in run; the number is spelt as JavaScript spells it (1e+50).
        if param == "f32" && self.is_finite() && (self as f32).is_infinite() {
            bail!("{what}: {} does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)", format!("{self:e}").replace('e', "e+"));
        }
        Ok(self)
    }
}
`;

/**
 * Sequence integers and their operations, on their own so a test can compile them without
 * wasmtime: only anyhow's Result, bail!, ensure! and serde_json::Value (stand-ins there).
 */
export const RUST_INT = String.raw`/// Sequence integers are i128: exact for every u64 and i64 and for what is computed from them, as
/// in memscope run, where they are BigInts (18446744073709551615 >> 32 is 4294967295, and
/// 9223372036854775807 + 1 is 2^63). What can overflow is checked: the step fails rather than the
/// value wrapping (release build) or the host panicking (debug). Run has no limit, so a result
/// past i128 fails here only.
/// &, |, ^ and ! are Rust's: on i128 they read a negative number as two's complement, as BigInt's do.
fn add(a: i128, b: i128, line: u32) -> Result<i128> {
    a.checked_add(b).map_or_else(|| past_i128(line, format!("{a} + {b}")), Ok)
}

fn sub(a: i128, b: i128, line: u32) -> Result<i128> {
    a.checked_sub(b).map_or_else(|| past_i128(line, format!("{a} - {b}")), Ok)
}

fn mul(a: i128, b: i128, line: u32) -> Result<i128> {
    a.checked_mul(b).map_or_else(|| past_i128(line, format!("{a} * {b}")), Ok)
}

fn neg(a: i128, line: u32) -> Result<i128> {
    a.checked_neg().map_or_else(|| past_i128(line, format!("-({a})")), Ok)
}

/// / and % truncate toward zero, as BigInt's do (and Rust's).
fn quo(a: i128, b: i128, line: u32) -> Result<i128> {
    ensure!(b != 0, "line {line}: division by zero");
    a.checked_div(b).map_or_else(|| past_i128(line, format!("{a} / {b}")), Ok)
}

fn rem(a: i128, b: i128, line: u32) -> Result<i128> {
    ensure!(b != 0, "line {line}: division by zero (remainder)");
    // i128::MIN % -1 is 0, which checked_rem calls an overflow.
    Ok(if b == -1 { 0 } else { a % b })
}

/// Shift counts are 0 to 128, as in run (a typo cannot build a gigantic number).
fn shift_count(b: i128, line: u32) -> Result<u32> {
    ensure!((0..=128).contains(&b), "line {line}: shift count {b} is outside 0..128");
    Ok(b as u32)
}

fn shl(a: i128, b: i128, line: u32) -> Result<i128> {
    let n = shift_count(b, line)?;
    // Exact when shifting back gives a again; bits shifted out (Rust drops them) are past i128.
    match a.checked_shl(n) {
        Some(v) if v >> n == a => Ok(v),
        _ if a == 0 => Ok(0),
        _ => past_i128(line, format!("{a} << {b}")),
    }
}

/// >> rounds down, as BigInt's does (-1 >> 1 is -1); past 127 every bit is the sign.
fn shr(a: i128, b: i128, line: u32) -> Result<i128> {
    Ok(a >> shift_count(b, line)?.min(127))
}

fn past_i128(line: u32, what: String) -> Result<i128> {
    bail!("line {line}: {what} does not fit in this host's 128-bit integers (memscope run has no limit)")
}

/// An integer as memscope run --json writes it: a number when a JavaScript number holds it
/// exactly (to 2^53 - 1 either way), else its decimal text.
fn num(v: i128) -> serde_json::Value {
    if v.unsigned_abs() < 1 << 53 {
        (v as i64).into()
    } else {
        v.to_string().into()
    }
}

/// A float as memscope run --json writes it: NaN and the infinities as text (serde_json would
/// write null), -0 as "-0" (run keeps its sign, which JSON.stringify's number loses), any other
/// as the number.
fn json_float(v: f64) -> serde_json::Value {
    if v.is_nan() {
        "NaN".to_string().into()
    } else if v.is_infinite() {
        (if v > 0.0 { "Infinity" } else { "-Infinity" }).to_string().into()
    } else if v == 0.0 && v.is_sign_negative() {
        "-0".to_string().into()
    } else {
        v.into()
    }
}
`;

/** A sequence integer as a memory offset; its error in run's words (it was Rust's "out of range integral type conversion attempted"). */
export const RUST_AT = String.raw`/// A sequence integer as a memory offset (usize), refused when negative or past 2^53 - 1 (what
/// run takes: a JavaScript number exactly), in run's words.
fn at(v: i128) -> Result<usize> {
    offset_of(v, "the address")
}

/// As at, for what names it: a negative length is "the length", not "the address".
fn offset_of(v: i128, what: &str) -> Result<usize> {
    ensure!((0..=9_007_199_254_740_991).contains(&v), "{what} {v} is outside linear memory");
    Ok(v as usize)
}

/// A read's length, refused past 64 MiB (the most text or bytes one read binds in run), in run's
/// words; an address or length run refuses for itself is left to within, which says so first.
fn read_size(kind: &str, offset: i128, len: i128) -> Result<i128> {
    const MAX_READ: i128 = 64 << 20;
    let taken = |v: i128| (0..=9_007_199_254_740_991).contains(&v);
    ensure!(!(taken(offset) && taken(len) && len > MAX_READ), "read {kind} of {len} bytes is above the limit of {MAX_READ} bytes (64 MiB) for one read; read it in parts");
    Ok(len)
}

/// The offset of len bytes at offset in a memory of size bytes (Memory::data_size), checked as run
/// checks them, in its words: the address, the length (a negative one was "the address -5"), then
/// the access past the memory's end (wasmtime's own error says "out of bounds memory access", no more).
fn within(offset: i128, len: i128, size: usize) -> Result<usize> {
    let (o, n) = (at(offset)?, offset_of(len, "the length")?);
    ensure!(o + n <= size, "memory access out of bounds: [0x{o:x}, +{n}) is outside linear memory of {size} bytes");
    Ok(o)
}
`;

/**
 * The sequence line of the step running, a failure said at it, and values shown as run shows
 * them in a failed expect; on its own so a test can compile it without wasmtime (std only).
 */
export const RUST_STEP = String.raw`/// The sequence line and text of the step running (each step sets them first), so a failure the
/// step did not word itself (a trap, a failed call) names it too.
static STEP_LINE: AtomicU32 = AtomicU32::new(0);
static STEP_TEXT: std::sync::Mutex<&str> = std::sync::Mutex::new("");

/// Where run places a failure at the step's own place (its call, its expect's comparison), and
/// whether the failure is there (at_step).
static STEP_COLUMN: AtomicU32 = AtomicU32::new(0);
static AT_STEP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn step_line(line: u32, column: u32, text: &'static str) {
    STEP_LINE.store(line, Ordering::Relaxed);
    STEP_COLUMN.store(column, Ordering::Relaxed);
    AT_STEP.store(false, Ordering::Relaxed);
    *STEP_TEXT.lock().unwrap_or_else(|e| e.into_inner()) = text;
}

/// v as it is, noting that what fails now fails at the step's own place: the call's error
/// (map_err(at_step)), an expect's false comparison (ensure!(holds || at_step(false), …)).
fn at_step<T>(v: T) -> T {
    AT_STEP.store(true, Ordering::Relaxed);
    v
}

/// An error as the program says it: at its step's line and text, as the JavaScript program and
/// run's step line say it ("line 2:1: boom(): trap: unreachable in boom", at run's line:column
/// when at_step, else at the line, the part of it that failed named); the steps' own errors
/// start with their line already.
fn failure(text: String) -> String {
    let line = STEP_LINE.load(Ordering::Relaxed);
    if line == 0 {
        return text;
    }
    let prefix = format!("line {line}: ");
    let at = if AT_STEP.load(Ordering::Relaxed) { format!("line {line}:{}: ", STEP_COLUMN.load(Ordering::Relaxed)) } else { prefix.clone() };
    let step = *STEP_TEXT.lock().unwrap_or_else(|e| e.into_inner());
    format!("{at}{step}: {}", text.strip_prefix(&prefix).unwrap_or(&text))
}

/// Every binding so far, as memscope run --json writes them: each value's JSON text, in run's
/// order, first bound first, a name bound again keeping its place (serde_json's Map wrote its
/// keys sorted by name).
struct Bound {
    names: Vec<String>,
    values: std::collections::HashMap<String, String>,
}

impl Bound {
    fn new() -> Bound {
        Bound { names: Vec::new(), values: std::collections::HashMap::new() }
    }

    fn insert(&mut self, name: &str, json: impl std::fmt::Display) {
        if !self.values.contains_key(name) {
            self.names.push(name.to_string());
        }
        self.values.insert(name.to_string(), json.to_string());
    }
}

/// The bindings line: one JSON object.
impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let members: Vec<String> = self.names.iter().map(|n| format!("{}:{}", serde_json::Value::from(n.clone()), self.values[n])).collect();
        write!(f, "{{{}}}", members.join(","))
    }
}

/// A wasmtime trap (its Trap's text, "wasm trap: integer divide by zero") in memscope run's words
/// (V8's, which run shows), with the function it happened in as run names it: "trap: divide by
/// zero in divide". None for any other error. wasmtime has one word where V8 has two and the
/// instruction is not in its text: "integer divide by zero" is also a remainder by zero (run:
/// "remainder by zero"), "integer overflow" also a float too large for its integer (run: "float
/// unrepresentable in integer range"); each is said as the commoner case, a division.
fn trap_words(trap: &str, func: Option<String>) -> Option<String> {
    let words = match trap.strip_prefix("wasm trap: ").unwrap_or(trap) {
        "wasm \u{60}unreachable\u{60} instruction executed" | "unreachable" => "unreachable",
        "integer divide by zero" => "divide by zero",
        "integer overflow" => "divide result unrepresentable",
        "invalid conversion to integer" => "float unrepresentable in integer range",
        "out of bounds memory access" => "memory access out of bounds",
        "indirect call type mismatch" | "uninitialized element" => "null function or function signature mismatch",
        "undefined element: out of bounds table access" => "table index is out of bounds",
        "call stack exhausted" => "stack overflow (Maximum call stack size exceeded)",
        _ => return None,
    };
    Some(match func {
        Some(name) => format!("trap: {words} in {name}"),
        None => format!("trap: {words}"),
    })
}

/// An integer as memscope run shows it when an expect fails ("but n is 42 (0x2a)").
fn show_int(v: i128) -> String {
    if v.unsigned_abs() > 9 {
        format!("{v} ({}0x{:x})", if v < 0 { "-" } else { "" }, v.unsigned_abs())
    } else {
        v.to_string()
    }
}

/// A float as JavaScript spells it: 1000000, 1e+21, 1e-7 (Rust's {} writes no exponent, and -0).
fn show_float(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        (if v > 0.0 { "Infinity" } else { "-Infinity" }).into()
    } else if v == 0.0 {
        (if v.is_sign_negative() { "-0" } else { "0" }).into()
    } else if (1e-6..1e21).contains(&v.abs()) {
        v.to_string()
    } else {
        let e = format!("{v:e}");
        if e.contains("e-") { e } else { e.replace('e', "e+") }
    }
}

/// A value from an f32 in the fewest digits that read back as that f32 (0.1, not its f64 widening
/// 0.10000000149011612), as memscope run does: f32's {} is the shortest such text.
fn show_f32(v: f64) -> String {
    if !v.is_finite() {
        return show_float(v);
    }
    show_float((v as f32).to_string().parse().expect("an f32's text reads back as a number"))
}

/// An f64 rounded to the nearest f32 (JavaScript's Math.fround), as run compares an f32 name with a
/// number. A function: inline, "0.1 as f32" reads the literal as an f32, not as the f64 run has.
fn fround(v: f64) -> f32 {
    v as f32
}

/// Text quoted as JSON does (JavaScript's JSON.stringify); Rust's {:?} writes \u{1} and \'.
fn show_text(v: &str) -> String {
    let mut out = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out + "\""
}

fn show_bytes(v: &[u8]) -> String {
    if v.is_empty() {
        return "bytes (empty)".into();
    }
    format!("bytes {}", v.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// An integer binding as memscope run prints it: 42 (0x2a) from 10 on, a negative one as it is.
/// bits is the width of the wasm result it came from (32 or 64; 0 for any other value): run adds
/// the signed reading where it differs (4294967295 (0xffffffff, signed -1)).
fn show_bound(v: i128, bits: u32) -> String {
    if v < 10 {
        return v.to_string();
    }
    let signed = if bits > 0 && v >> (bits - 1) == 1 { format!(", signed {}", v - (1i128 << bits)) } else { String::new() };
    format!("{v} (0x{v:x}{signed})")
}

/// A bytes binding as run prints it: hex, or (no bytes).
fn show_bound_bytes(v: &[u8]) -> String {
    if v.is_empty() {
        return "(no bytes)".into();
    }
    v.iter().map(|b| format!("{b:02x}")).collect()
}

/// What run adds when two integers of opposite sign hold the same 32 or 64 bits.
fn sign_hint(a: i128, b: i128) -> String {
    if (a < 0) == (b < 0) {
        return String::new();
    }
    for bits in [32u32, 64] {
        let m = 1i128 << bits;
        if a.rem_euclid(m) == b.rem_euclid(m) && a >= -m && b >= -m {
            return format!(" (equal as {bits}-bit values: call results are bound unsigned; compare with {})", a.rem_euclid(m));
        }
    }
    String::new()
}
`;

export const RUST_HELPERS = String.raw`${RUST_AT}
${RUST_STEP}
/// A trap in run's words (trap_words), its function the innermost frame's: by the name section,
/// else by the name it is exported by (EXPORT_NAMES, as run names it), else func[N]. wasmtime's
/// own text ("error while executing at wasm backtrace: …") otherwise.
fn failure_text(e: &anyhow::Error) -> String {
    let trap = e.downcast_ref::<wasmtime::Trap>();
    let frame = e.downcast_ref::<wasmtime::WasmBacktrace>().and_then(|b| b.frames().first());
    let func = frame.map(|f| match f.func_name() {
        Some(name) => name.to_string(),
        None => EXPORT_NAMES.iter().find(|(i, _)| *i == f.func_index()).map_or_else(|| format!("func[{}]", f.func_index()), |(_, n)| n.to_string()),
    });
    trap.and_then(|t| trap_words(&t.to_string(), func)).unwrap_or_else(|| format!("{e:#}"))
}

/// N little-endian bytes at a guest offset (wasm is little-endian; so is from_le_bytes).
fn read<const N: usize>(memory: &Memory, store: impl AsContext, offset: i128) -> Result<[u8; N]> {
    let mut buf = [0u8; N];
    memory.read(&store, within(offset, N as i128, memory.data_size(&store))?, &mut buf)?;
    Ok(buf)
}

/// A copy of len bytes at a guest offset.
fn bytes(memory: &Memory, store: impl AsContext, offset: i128, len: i128) -> Result<Vec<u8>> {
    let start = within(offset, len, memory.data_size(&store))?;
    let mut buf = vec![0u8; len as usize];
    memory.read(&store, start, &mut buf)?;
    Ok(buf)
}

/// Bytes up to the first NUL unit (1 byte for UTF-8, 2 for UTF-16) from a guest offset, looked
/// for in the first MiB, as run looks (it said "after <offset>", and scanned the whole memory).
fn nul_len(memory: &Memory, store: impl AsContext, offset: i128, unit: usize) -> Result<i128> {
    let data = memory.data(&store);
    // At least its first byte, as run checks it (an address at the memory's end is outside it).
    let start = within(offset, 1, data.len())?;
    let end = data.len().min(start + (1 << 20));
    let mut i = start;
    while i + unit <= end {
        if data[i..i + unit].iter().all(|&b| b == 0) {
            return Ok((i - start) as i128);
        }
        i += unit;
    }
    bail!("no terminating NUL within {} bytes; give a length: [len]", end - start)
}

fn utf16(raw: &[u8]) -> String {
    let units: Vec<u16> = raw.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

fn utf16_bytes(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn hex(raw: &[u8]) -> String {
    raw.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex_bytes(text: &str) -> Vec<u8> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (0..clean.len()).step_by(2).map(|i| u8::from_str_radix(&clean[i..i + 2], 16).unwrap_or(0)).collect()
}

${RUST_INT}
${RUST_FIT}`;

/**
 * Emscripten's JS-glue imports Memscope performs (engine/guest/temp-ret.ts, emscripten-runtime.ts)
 * on wasmtime's Linker; `head` opens the func_wrap. Memory::data_mut is the memory as a slice
 * (bounds-checked by the slice), Memory::grow takes pages and errs past the maximum.
 */
const RUST_RUNTIME: Record<string, (head: string, memoryOf: string, open: string) => string[]> = {
  setTempRet0: (_head, _memoryOf, open) => ['// env.setTempRet0(high): the high half of an i64 result Emscripten legalised for JavaScript.',
    `${open}high: i32| TEMP_RET0.store(high as u32, Ordering::Relaxed))?;`],
  getTempRet0: (_head, _memoryOf, open) => ['// env.getTempRet0(): the high half of a legalised i64 argument.',
    `${open}| -> i32 { TEMP_RET0.load(Ordering::Relaxed) as i32 })?;`],
  emscripten_memcpy_big: (head, memoryOf) => ['// env.emscripten_memcpy_big(dest, src, n): a memcpy of 512 bytes or more, left to the host.',
    `${head}, dest: i32, src: i32, n: i32| -> Result<i32> {`, `    ${memoryOf}`,
    '    let (d, s, n) = (dest as u32 as usize, src as u32 as usize, n as u32 as usize);',
    '    let data = memory.data_mut(&mut caller);',
    '    ensure!(d.checked_add(n).is_some_and(|e| e <= data.len()) && s.checked_add(n).is_some_and(|e| e <= data.len()), "emscripten_memcpy_big: out of bounds");',
    '    data.copy_within(s..s + n, d); // overlapping ranges move as memmove does', '    Ok(dest)', '})?;'],
  emscripten_notify_memory_growth: (_head, _memoryOf, open) => ['// env.emscripten_notify_memory_growth(index): the module grew its memory itself; nothing to do.',
    `${open}_index: i32| {})?;`],
  emscripten_resize_heap: (head, memoryOf) => ['// env.emscripten_resize_heap(total bytes wanted): grows memory to that size; 1 when it is that large now,',
    '// 0 past 4 GiB - 64 KiB (Emscripten\'s ceiling) or the memory\'s maximum (sbrk fails: malloc returns NULL).',
    `${head}, requested: i32| -> Result<i32> {`, `    ${memoryOf}`,
    '    let (want, size) = (u64::from(requested as u32), memory.data_size(&caller) as u64);',
    '    if want <= size { return Ok(1); }',
    '    if want > 4_294_901_760 { return Ok(0); }',
    '    Ok(if memory.grow(&mut caller, (want - size).div_ceil(65536)).is_ok() { 1 } else { 0 })', '})?;'],
  // A C++ throw (Emscripten's JavaScript exceptions) ends the call, as Memscope's builtin does.
  __cxa_allocate_exception: (_head, _memoryOf, open) => ['// env.__cxa_allocate_exception(size): a C++ throw begins; it ends the call (build with -fwasm-exceptions).',
    `${open}_size: i32| -> Result<i32> { bail!(${rustFormatStr(cxxThrowAbort('__cxa_allocate_exception'))}) })?;`],
  __cxa_throw: (_head, _memoryOf, open) => ['// env.__cxa_throw(ptr, type, destructor): a C++ throw; it ends the call (build with -fwasm-exceptions).',
    `${open}_ptr: i32, _type: i32, _destructor: i32| -> Result<()> { bail!(${rustFormatStr(cxxThrowAbort('__cxa_throw'))}) })?;`],
};

/** `linker.func_wrap(...)` for every import bound to a builtin. */
export function rustHostFunctions(plan: HostPlan, data: string): string[] {
  const lines: string[] = [];
  const memoryOf = 'let memory = caller.get_export("memory").and_then(|e| e.into_memory()).expect("memory");';
  const asString = 'let as_string = |caller: &Caller<\'_, ' + data + '>, p: i32| -> Option<String> { if p == 0 { return None; } let m = caller.get_export("memory")?.into_memory()?; let len = u32::from_le_bytes(read::<4>(&m, caller, i128::from(p as u32) - 4).ok()?); bytes(&m, caller, i128::from(p as u32), i128::from(len)).ok().map(|b| utf16(&b)) };';
  for (const imp of plan.info.imports) {
    if (imp.kind !== 'func' || imp.binding !== 'builtin') continue;
    const head = `linker.func_wrap(${rustStr(imp.module)}, ${rustStr(imp.name)}, |${imp.builtin === 'trace' || imp.builtin === 'abort' ? '' : 'mut '}caller: Caller<'_, ${data}>`;
    switch (imp.builtin) {
      case 'print_utf8':
        lines.push(`// ${commentText(`${imp.module}.${imp.name}`)}(ptr, len) prints len UTF-8 bytes at guest offset ptr.`,
          `${head}, ptr: i32, len: i32| -> Result<()> {`, `    ${memoryOf}`,
          '    let text = bytes(&memory, &mut caller, i128::from(ptr as u32), i128::from(len as u32))?;',
          '    use std::io::Write;', '    std::io::stdout().write_all(&text)?;', '    Ok(())', '})?;');
        break;
      case 'print_utf16':
        lines.push(`// ${commentText(`${imp.module}.${imp.name}`)}(ptr, len) prints len UTF-16 code units at guest offset ptr.`,
          `${head}, ptr: i32, len: i32| -> Result<()> {`, `    ${memoryOf}`,
          '    let raw = bytes(&memory, &mut caller, i128::from(ptr as u32), i128::from(len as u32) * 2)?;',
          '    print!("{}", utf16(&raw));', '    Ok(())', '})?;');
        break;
      case 'abort':
        lines.push('// AssemblyScript abort(msg, file, line, col): strings are UTF-16 with their byte length at ptr - 4.',
          `${head}, msg: i32, file: i32, line: i32, col: i32| -> Result<()> {`, `    ${asString}`,
          '    let text = as_string(&caller, msg).unwrap_or_else(|| "abort".into());',
          '    let where_ = as_string(&caller, file).map(|f| format!(" at {f}:{line}:{col}")).unwrap_or_default();',
          '    eprintln!("abort: {text}{where_}");', '    bail!("abort: {text}{where_}")', '})?;');
        break;
      case 'trace':
        lines.push('// AssemblyScript trace(msg, n, a0..a4): the message and the first n values.',
          `${head}, msg: i32, n: i32, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64| {`, `    ${asString}`,
          '    let shown: Vec<String> = [a0, a1, a2, a3, a4].iter().take(n.clamp(0, 5) as usize).map(|v| v.to_string()).collect();',
          '    let text = as_string(&caller, msg).unwrap_or_default();',
          '    if shown.is_empty() { println!("trace: {text}"); } else { println!("trace: {text} {}", shown.join(", ")); }', '})?;');
        break;
      case 'tempret': case 'emscripten': {
        // A closure without a Caller parameter is a host function that does not use it.
        const open = `linker.func_wrap(${rustStr(imp.module)}, ${rustStr(imp.name)}, |`;
        if (isEmscriptenSyscall(imp.name) && imp.type.results.join() === 'i32') {
          lines.push(`// ${commentText(`${imp.module}.${imp.name}`)}: a JS-glue system call; Emscripten's JavaScript file system is not hosted: ENOSYS.`,
            `${open}${imp.type.params.map((t, i) => `_a${i}: ${t}`).join(', ')}| -> i32 { ${EMSCRIPTEN_ENOSYS} })?;`);
        } else if (isEmbindImport(imp.name)) {
          // emval's _emval_take_value returns a handle: 0, as nothing here makes one.
          const result = imp.type.results[0];
          lines.push(`// ${commentText(`${imp.module}.${imp.name}`)}: embind's; ${EMBIND_NOT_CALLED}.`,
            `${open}${imp.type.params.map((t, i) => `_a${i}: ${t}`).join(', ')}|${result ? ` -> ${result} { 0 }` : ' {}'})?;`);
        } else {
          lines.push(...(RUST_RUNTIME[imp.name]?.(head, memoryOf, open) ?? []));
        }
        break;
      }
    }
  }
  return lines;
}
