;; Multi-value results: functions that return two i32 at once, no result pointer, no packing.
(module
  (memory (export "memory") 1)

  ;; A constant string in a data segment at address 1024 (16 bytes, no NUL):
  ;;   1024: "multi-value wins"
  (data (i32.const 1024) "multi-value wins")

  ;; pair() -> (ptr, len) of the string above: the guest owns it, nobody frees it.
  (func $pair (export "pair") (result i32 i32)
    i32.const 1024
    i32.const 16)

  ;; divmod(a, b) -> (a / b, a % b), signed; b = 0 traps with "integer divide by zero".
  (func $divmod (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_s (local.get $a) (local.get $b))
    (i32.rem_s (local.get $a) (local.get $b)))

  ;; split(packed) -> (packed >> 32, packed & 0xffffffff): the packed-i64 demo's pair, unpacked
  ;; by the guest instead of the host.
  (func $split (export "split") (param $packed i64) (result i32 i32)
    (i32.wrap_i64 (i64.shr_u (local.get $packed) (i64.const 32)))
    (i32.wrap_i64 (local.get $packed)))

  ;; stats(ptr, len) -> (sum, min, max) of `len` unsigned bytes at ptr: three results at once.
  (func $stats (export "stats") (param $ptr i32) (param $len i32) (result i32 i32 i32)
    (local $sum i32) (local $min i32) (local $max i32) (local $end i32) (local $b i32)
    (local.set $min (i32.const 255))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $ptr)))
        (local.set $sum (i32.add (local.get $sum) (local.get $b)))
        (if (i32.lt_u (local.get $b) (local.get $min)) (then (local.set $min (local.get $b))))
        (if (i32.gt_u (local.get $b) (local.get $max)) (then (local.set $max (local.get $b))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (local.get $sum) (local.get $min) (local.get $max))
)
