// The demos built by toolchains beyond clang-14/AssemblyScript/WAT, and what inspect must say of
// each (shared by the run-command coverage check and run-toolchain-demos.test.ts).

export interface ToolchainDemo {
  module: string;
  sequence: string;
  toolchain: string;
  kind: 'command' | 'reactor' | 'library';
  allocator: string | null;
}

export const TOOLCHAIN_DEMOS: ToolchainDemo[] = [
  { module: 'rust-greet/rust-greet.wasm', sequence: 'rust-greet/rust-greet.wseq', toolchain: 'rust', kind: 'library', allocator: 'alloc' },
  { module: 'rust-wasi/rust-wasi.wasm', sequence: 'rust-wasi/rust-wasi.wseq', toolchain: 'rust', kind: 'command', allocator: null },
  { module: 'clang19-wasi/clang19-wasi.wasm', sequence: 'clang19-wasi/clang19-wasi.wseq', toolchain: 'c', kind: 'command', allocator: null },
  { module: 'emscripten-greet/emscripten-greet.wasm', sequence: 'emscripten-greet/emscripten-greet.wseq', toolchain: 'emscripten', kind: 'reactor', allocator: 'malloc' },
  { module: 'emscripten-i64/emscripten-i64.wasm', sequence: 'emscripten-i64/emscripten-i64.wseq', toolchain: 'emscripten', kind: 'library', allocator: 'malloc' },
  { module: 'go-hello/go-hello.wasm', sequence: 'go-hello/go-hello.wseq', toolchain: 'go', kind: 'library', allocator: null },
  { module: 'go-fmt/go-fmt.wasm', sequence: 'go-fmt/go-fmt.wseq', toolchain: 'go', kind: 'library', allocator: null },
  { module: 'go-library/go-library.wasm', sequence: 'go-library/go-library.wseq', toolchain: 'go', kind: 'library', allocator: null },
];
