;; Edges of an exported JS host (export-host-js-edges.test.ts). No name section on purpose: run
;; names a trapping function by its export name. Build: wat2wasm edges.wat -o edges.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "no newline")
  (func (export "id32") (param i32) (result i32) local.get 0)
  ;; "no newline" on stdout, without a trailing newline.
  (func (export "say") (result i32)
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 10))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "boom") unreachable)
  ;; Calls boom: the test names boom "void f(int, int)" in a name section it appends.
  (func (export "deep") call 3)
  ;; Never returns: a step calling it is stopped at its time limit.
  (func (export "spin") (loop $forever (br $forever))))
