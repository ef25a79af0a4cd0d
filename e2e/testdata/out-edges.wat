;; Output edge cases for the Output panel (e2e/out-*.spec.ts): each export writes one kind of
;; awkward output through WASI fd_write. Built with:
;;   wat2wasm --debug-names out-edges.wat -o out-edges.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 4)
  (data (i32.const 64) "\1b[32mgreen\1b[0m plain\n")           ;; 21 bytes: ANSI colour
  (data (i32.const 96) "bad \ff\fe utf8 \c3\n")                 ;; 14 bytes: invalid UTF-8
  (data (i32.const 128) "progress 10%\rprogress 100%\n")        ;; 27 bytes: a lone CR
  (data (i32.const 160) "nul\00here\n")                         ;; 9 bytes: a NUL
  (data (i32.const 192) "to stderr\n")                          ;; 10 bytes
  (data (i32.const 224) "one\n")                                ;; 4 bytes
  (data (i32.const 232) "two\n")
  (data (i32.const 240) "three\n")                              ;; 6 bytes
  (data (i32.const 256) "line 00000000 .....................................................................................\n") ;; 100 bytes

  ;; fd_write of [ptr, ptr+len) to fd, the iovec at 0 and the count at 8.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func (export "ansi") (call $write (i32.const 1) (i32.const 64) (i32.const 21)))
  (func (export "bad_utf8") (call $write (i32.const 1) (i32.const 96) (i32.const 14)))
  (func (export "lone_cr") (call $write (i32.const 1) (i32.const 128) (i32.const 27)))
  (func (export "nul") (call $write (i32.const 1) (i32.const 160) (i32.const 9)))
  (func (export "err") (call $write (i32.const 2) (i32.const 192) (i32.const 10)))
  (func (export "one") (call $write (i32.const 1) (i32.const 224) (i32.const 4)))
  (func (export "two") (call $write (i32.const 1) (i32.const 232) (i32.const 4)))
  (func (export "three") (call $write (i32.const 1) (i32.const 240) (i32.const 6)))

  ;; n times 64 KiB of 'x', no newline.
  (func (export "long_line") (param $n i32)
    (memory.fill (i32.const 65536) (i32.const 120) (i32.const 65536))
    (block $done (loop $more
      (br_if $done (i32.eqz (local.get $n)))
      (call $write (i32.const 1) (i32.const 65536) (i32.const 65536))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $more))))

;; n lines of 100 bytes, "line NNNNNNNN ....\n", numbered from 0 in 8 decimal digits, written
  ;; 100 lines (10,000 bytes) per fd_write from a block at 0x20000.
  (func (export "lines") (param $n i32) (local $i i32) (local $v i32) (local $d i32) (local $at i32)
    (block $done (loop $more
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.add (i32.const 0x20000) (i32.mul (i32.rem_u (local.get $i) (i32.const 100)) (i32.const 100))))
      (memory.copy (local.get $at) (i32.const 256) (i32.const 100))
      (local.set $v (local.get $i))
      (local.set $d (i32.const 8))
      (loop $digit
        (local.set $d (i32.sub (local.get $d) (i32.const 1)))
        (i32.store8 (i32.add (i32.add (local.get $at) (i32.const 5)) (local.get $d)) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
        (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
        (br_if $digit (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.or (i32.eqz (i32.rem_u (local.get $i) (i32.const 100))) (i32.eq (local.get $i) (local.get $n)))
        (then (call $write (i32.const 1) (i32.const 0x20000) (i32.sub (i32.add (local.get $at) (i32.const 100)) (i32.const 0x20000)))))
      (br $more))))
)
