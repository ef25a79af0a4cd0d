;; Many small writes (e2e/output-many-writes.spec.ts): `rows(n)` prints n lines "row NNNNN\n",
;; each by its own fd_write, so a view of the output holds n chunks. Built with:
;;   wat2wasm --debug-names out-many-writes.wat -o out-many-writes.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; The line at 64: "row " then 5 decimal digits at 68..72, then "\n" (10 bytes).
  (data (i32.const 64) "row 00000\n")

  (func (export "rows") (param $n i32) (local $i i32) (local $v i32) (local $d i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; The digits of i, least significant at 72.
        (local.set $v (local.get $i))
        (local.set $d (i32.const 72))
        (loop $digit
          (i32.store8 (local.get $d) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
          (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
          (local.set $d (i32.sub (local.get $d) (i32.const 1)))
          (br_if $digit (i32.ge_u (local.get $d) (i32.const 68))))
        ;; The iovec at 0 ([64, 64+10)), the count written at 8.
        (i32.store (i32.const 0) (i32.const 64))
        (i32.store (i32.const 4) (i32.const 10))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)
