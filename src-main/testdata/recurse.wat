;; `r(n)` calls itself forever: a stack overflow, whose trap stack is one frame many times over.
(module
  (memory (export "memory") 1)
  (func $r (export "r") (param $n i32) (result i32)
    (call $r (i32.add (local.get $n) (i32.const 1)))))
