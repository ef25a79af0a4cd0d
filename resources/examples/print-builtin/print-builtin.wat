;; Builtin host functions: imports the sequence binds to print_utf8 / print_utf16 on the host side.
(module
  ;; log(ptr, len): len bytes of UTF-8 at ptr. The sequence binds it with
  ;;   import env.log = print_utf8
  (import "env" "log" (func $log (param $ptr i32) (param $len i32)))
  ;; log16(ptr, units): UTF-16LE text of `units` code units at ptr, bound to print_utf16.
  (import "env" "log16" (func $log16 (param $ptr i32) (param $units i32)))

  (memory (export "memory") 1)

  ;;   16: "hello from WAT\n"            (15 bytes, UTF-8)
  ;;   64: "grüße, 世界\n" as UTF-16LE   (10 code units, 20 bytes)
  (data (i32.const 16) "hello from WAT\n")
  (data (i32.const 64) "g\00r\00\fc\00\df\00e\00,\00 \00\16\4e\4c\75\0a\00")

  ;; hello(): prints the UTF-8 greeting once.
  (func $hello (export "hello")
    (call $log (i32.const 16) (i32.const 15)))

  ;; hello16(): prints the UTF-16 greeting once.
  (func $hello16 (export "hello16")
    (call $log16 (i32.const 64) (i32.const 10)))

  ;; shout(ptr, len): upper-cases ASCII letters of the UTF-8 text at ptr in place, then logs it.
  ;; The host owns the bytes (it wrote them at a fixed address); the guest changes them.
  (func $shout (export "shout") (param $ptr i32) (param $len i32)
    (local $i i32) (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $c (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (i32.store8 (i32.add (local.get $ptr) (local.get $i)) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $log (local.get $ptr) (local.get $len)))
)
