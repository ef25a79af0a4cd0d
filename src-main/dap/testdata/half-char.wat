;; Test fixture for memscope dap's output events (stop-refusals.test.ts): `emit` writes "ok " and
;; the first two bytes of "€" (E2 82 AC) to stdout, and nothing more; the third never comes.
;; Build: wat2wasm half-char.wat -o half-char.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovec at 0: { buf = 16, len = 5 }; the bytes at 16; nwritten at 8.
  (data (i32.const 0) "\10\00\00\00\05\00\00\00")
  (data (i32.const 16) "ok \e2\82")
  (func (export "emit") (result i32)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
