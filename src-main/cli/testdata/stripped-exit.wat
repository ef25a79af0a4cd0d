;; A stripped WASI command with no allocator (no names, producers or debug info): Memscope guesses
;; wasi-libc's dlmalloc by its state's shape, which this module has not. Built with
;; `wat2wasm stripped-exit.wat -o stripped-exit.wasm`.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 0))))
