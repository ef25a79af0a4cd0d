;; A start function that recurses into a trap: instantiating it must fail as a trap with the
;; guest's stack (innermost `fail`, then `descend` repeated), not as a link error.
(module
  (memory (export "memory") 1)
  (func $fail (unreachable))
  (func $descend (param $n i32)
    (if (i32.eqz (local.get $n)) (then (call $fail) (return)))
    (call $descend (i32.sub (local.get $n) (i32.const 1))))
  (func $init (call $descend (i32.const 3)))
  (start $init)
  (func (export "f")))
