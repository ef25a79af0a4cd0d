;; scribble(seed) overwrites the first MiB of memory with xorshift32 output: every step changes
;; 1 MiB of incompressible bytes (the history-budget test of a long run).
(module
  (memory (export "memory") 17)
  (func (export "scribble") (param $seed i32)
    (local $i i32) (local $x i32)
    (local.set $x (i32.or (local.get $seed) (i32.const 1)))
    (loop $fill
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (i32.store (local.get $i) (local.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 1048576))))))
