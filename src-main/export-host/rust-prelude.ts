// Source text of the helpers an exported Rust host starts with, and of its builtin host
// functions (print_utf8, print_utf16, AssemblyScript's abort and trace) on wasmtime's Linker.

import type { HostPlan } from './plan.ts';

export const RUST_HELPERS = String.raw`/// A sequence integer as a memory offset (usize), refused when negative or too large.
fn at(v: i128) -> Result<usize> {
    Ok(usize::try_from(v)?)
}

/// N little-endian bytes at a guest offset (wasm is little-endian; so is from_le_bytes).
fn read<const N: usize>(memory: &Memory, store: impl AsContext, offset: i128) -> Result<[u8; N]> {
    let mut buf = [0u8; N];
    memory.read(store, at(offset)?, &mut buf)?;
    Ok(buf)
}

/// A copy of len bytes at a guest offset.
fn bytes(memory: &Memory, store: impl AsContext, offset: i128, len: i128) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; at(len)?];
    memory.read(store, at(offset)?, &mut buf)?;
    Ok(buf)
}

/// Bytes up to the first NUL unit (1 byte for UTF-8, 2 for UTF-16) from a guest offset.
fn nul_len(memory: &Memory, store: impl AsContext, offset: i128, unit: usize) -> Result<i128> {
    let data = memory.data(&store);
    let start = at(offset)?;
    let mut i = start;
    while i + unit <= data.len() {
        if data[i..i + unit].iter().all(|&b| b == 0) {
            return Ok((i - start) as i128);
        }
        i += unit;
    }
    bail!("no terminating NUL after {offset}")
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

/// An integer as JSON the way memscope run --json writes it (a number).
fn num(v: i128) -> serde_json::Value {
    match i64::try_from(v) {
        Ok(n) => n.into(),
        Err(_) => (v as u64).into(),
    }
}
`;

/** `linker.func_wrap(...)` for every import bound to a builtin. */
export function rustHostFunctions(plan: HostPlan, data: string): string[] {
  const lines: string[] = [];
  const memoryOf = 'let memory = caller.get_export("memory").and_then(|e| e.into_memory()).expect("memory");';
  const asString = 'let as_string = |caller: &Caller<\'_, ' + data + '>, p: i32| -> Option<String> { if p == 0 { return None; } let m = caller.get_export("memory")?.into_memory()?; let len = u32::from_le_bytes(read::<4>(&m, caller, i128::from(p as u32) - 4).ok()?); bytes(&m, caller, i128::from(p as u32), i128::from(len)).ok().map(|b| utf16(&b)) };';
  for (const imp of plan.info.imports) {
    if (imp.kind !== 'func' || imp.binding !== 'builtin') continue;
    const head = `linker.func_wrap(${JSON.stringify(imp.module)}, ${JSON.stringify(imp.name)}, |${imp.builtin === 'trace' || imp.builtin === 'abort' ? '' : 'mut '}caller: Caller<'_, ${data}>`;
    switch (imp.builtin) {
      case 'print_utf8':
        lines.push(`// ${imp.module}.${imp.name}(ptr, len) prints len UTF-8 bytes at guest offset ptr.`,
          `${head}, ptr: i32, len: i32| -> Result<()> {`, `    ${memoryOf}`,
          '    let text = bytes(&memory, &mut caller, i128::from(ptr as u32), i128::from(len as u32))?;',
          '    use std::io::Write;', '    std::io::stdout().write_all(&text)?;', '    Ok(())', '})?;');
        break;
      case 'print_utf16':
        lines.push(`// ${imp.module}.${imp.name}(ptr, len) prints len UTF-16 code units at guest offset ptr.`,
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
    }
  }
  return lines;
}
