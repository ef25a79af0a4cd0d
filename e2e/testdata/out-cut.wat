;; Output cut short at its end for the Output panel (e2e/out-cut.spec.ts): a UTF-8 character or
;; an escape whose rest never comes, and a character split between two steps. Built with:
;;   wat2wasm --debug-names out-cut.wat -o out-cut.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "half \e2\82\ac")   ;; "half €": the euro's 3 bytes at 69
  (data (i32.const 96) "esc \1b[3")        ;; 7 bytes: a colour cut after its first digit

  ;; fd_write of [ptr, ptr+len) to fd, the iovec at 0 and the count at 8.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; "half " and the euro's first two bytes, then a trap: the third never comes.
  (func (export "cut_char") (call $write (i32.const 1) (i32.const 64) (i32.const 7)) unreachable)
  ;; "esc \1b[3" on stderr, and the function returns.
  (func (export "cut_esc") (call $write (i32.const 2) (i32.const 96) (i32.const 7)))
  ;; The euro split between two steps: the first leaves it cut, the second finishes it.
  (func (export "first_half") (call $write (i32.const 1) (i32.const 64) (i32.const 7)))
  (func (export "second_half") (call $write (i32.const 1) (i32.const 71) (i32.const 1)))
)
