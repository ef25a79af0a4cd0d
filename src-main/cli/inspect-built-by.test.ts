// `memscope inspect`'s "built by" row on a C program linked with wasi-libc: wasm-ld keeps one
// version of each tool, the first object's, so a program built by clang-19 or clang-22 against
// Debian's wasi-libc (built by clang 14) says clang 14.0.6. The row says so rather than name the
// C library's compiler as the program's.

import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../engine/index.ts';
import { wasmBytes } from '../engine/testing.ts';
import { formatSummary } from './inspect-format.ts';

const { custom, funcType, module: wasm, section, str, T, u32, vec } = wasmBytes;

/** A module with producers `processed-by <tool> <version>` and one import `importModule`.fd_close (i32) -> i32. */
function builtBy(tool: string, version: string, importModule: string): string {
  const bytes = wasm(
    section(1, vec([funcType([T.i32], [T.i32])])),
    section(2, vec([[...str(importModule), ...str('fd_close'), 0x00, ...u32(0)]])),
    custom('producers', vec([[...str('processed-by'), ...vec([[...str(tool), ...str(version)]])]])),
  );
  const info = inspectBytes(bytes);
  if (!info.ok) throw new Error(info.error.message);
  return formatSummary('m.wasm', info.value).split('\n').find((l) => l.startsWith('  built by'))!;
}

describe('inspect: the built-by row', () => {
  it("clang with WASI imports: says the version is the first object's, wasi-libc's, not necessarily the compiler's", () => {
    expect(builtBy('Debian clang', '14.0.6', 'wasi_snapshot_preview1')).toBe("  built by    Debian clang 14.0.6 (wasm-ld keeps the first version of clang it links, wasi-libc's when the program links it: your compiler's may differ)");
  });

  it('without WASI imports, or another tool: the producers entry as it is', () => {
    expect(builtBy('clang', '19.1.7', 'env')).toBe('  built by    clang 19.1.7');
    expect(builtBy('rustc', '1.63.0', 'wasi_snapshot_preview1')).toBe('  built by    rustc 1.63.0');
  });
});
