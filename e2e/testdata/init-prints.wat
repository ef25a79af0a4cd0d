;; A reactor whose _initialize prints through WASI fd_write, before any step runs: the UI must
;; still show that output (it is part of the session view). Built with:
;;   wat2wasm init-prints.wat -o init-prints.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovec {buf = 32, len = 24} at 16; the text at 32
  (data (i32.const 16) "\20\00\00\00\18\00\00\00")
  (data (i32.const 32) "hello from _initialize!\n")
  (func (export "_initialize") (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 8))))
  (func (export "nothing")))
