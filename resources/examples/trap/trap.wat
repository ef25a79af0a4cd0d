;; Traps a few calls deep, with a name section so the guest stack reads as function names.
(module
  (memory (export "memory") 1)

  ;; report(ptr, count): the average of `count` u32 values at ptr, through three inner calls:
  ;;   report -> $average -> $mean -> $divide
  ;; count = 0 makes $divide trap with "integer divide by zero", four frames deep.
  (func $report (export "report") (param $ptr i32) (param $count i32) (result i32)
    (call $average (local.get $ptr) (local.get $count)))

  (func $average (param $ptr i32) (param $count i32) (result i32)
    (call $mean (local.get $ptr) (local.get $count)))

  (func $mean (param $ptr i32) (param $count i32) (result i32)
    (call $divide (call $sum (local.get $ptr) (local.get $count)) (local.get $count)))

  (func $sum (param $ptr i32) (param $count i32) (result i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $total (i32.add (local.get $total) (i32.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next)))
    (local.get $total))

  (func $divide (param $a i32) (param $b i32) (result i32)
    (i32.div_u (local.get $a) (local.get $b)))

  ;; peek(addr): loads a u32 through $load_word; past the 64 KiB memory it traps with
  ;; "memory access out of bounds":  peek -> $load_word
  (func $peek (export "peek") (param $addr i32) (result i32)
    (call $load_word (local.get $addr)))

  (func $load_word (param $addr i32) (result i32)
    (i32.load (local.get $addr)))

  ;; give_up(): reaches `unreachable`:  give_up -> $check_invariant
  (func $give_up (export "give_up")
    (call $check_invariant))

  (func $check_invariant
    (unreachable))

  ;; recurse(n): calls itself forever (n + 1 each time) until the call stack is exhausted
  ;; ("Maximum call stack size exceeded" in V8): a stack overflow.
  (func $recurse (export "recurse") (param $n i32) (result i32)
    (call $recurse (i32.add (local.get $n) (i32.const 1))))
)
