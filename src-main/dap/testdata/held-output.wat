;; Test fixture for memscope dap's output events (guest-output.test.ts): guest output that ends
;; mid-line while the guest runs on, never to end the line.
;;   half_then_spin  writes "ok " and the first two bytes of "€" (E2 82 AC), then loops forever
;;   dots            writes "." after every 200,000 loop turns (a progress line), forever
;; Build: wat2wasm held-output.wat -o held-output.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovecs: at 0 { buf = 16, len = 5 } ("ok " + two bytes), at 32 { buf = 48, len = 1 } (".");
  ;; nwritten at 8.
  (data (i32.const 0) "\10\00\00\00\05\00\00\00")
  (data (i32.const 16) "ok \e2\82")
  (data (i32.const 32) "\30\00\00\00\01\00\00\00")
  (data (i32.const 48) ".")
  (func (export "half_then_spin")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (loop $forever (br $forever)))
  (func (export "dots")
    (local $i i32)
    (loop $forever
      (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 8)))
      (local.set $i (i32.const 200000))
      (loop $wait
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br_if $wait (local.get $i)))
      (br $forever))))
