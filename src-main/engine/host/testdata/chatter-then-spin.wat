;; A guest stuck after its imports (lost-imports.test.ts): `lines(n)` prints n lines "x\n",
;; each by its own fd_write, and returns; `chatter(n)` does the same, then loops forever, so only
;; Stop or a time limit ends its step.
;; Built with:
;;   wat2wasm --debug-names chatter-then-spin.wat -o chatter-then-spin.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "x\n")

  (func $lines (export "lines") (param $n i32) (local $i i32)
    ;; The iovec at 0 ([64, 64+2)), the count written at 8.
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 2))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func (export "chatter") (param $n i32)
    (call $lines (local.get $n))
    (loop $spin (br $spin)))
)
