;; Test fixture for memscope dap's output events (stop-ids.test.ts): `emit` writes, one fd_write
;; each, "out 1" (no newline) to stdout, "err 1\n" to stderr, then " and 2\n" to stdout: the
;; adapter joins a stream's writes, and must not move stderr's line after stdout's second write.
;; Build: wat2wasm interleaved.wat -o interleaved.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovecs at 0, 8, 16: { buf, len }; the bytes from 64; nwritten at 32.
  (data (i32.const 0) "\40\00\00\00\05\00\00\00")
  (data (i32.const 8) "\45\00\00\00\06\00\00\00")
  (data (i32.const 16) "\4b\00\00\00\07\00\00\00")
  (data (i32.const 64) "out 1err 1\0a and 2\0a")
  (func (export "emit") (result i32)
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32)))
    (drop (call $fd_write (i32.const 2) (i32.const 8) (i32.const 1) (i32.const 32)))
    (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 32))))
