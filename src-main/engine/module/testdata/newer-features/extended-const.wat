;; Extended constant expressions: i32.add in a global's and a data segment's initialiser.
(module (import "env" "base" (global $b i32)) (memory (export "memory") 1)
  (global $g i32 (i32.add (global.get $b) (i32.const 16)))
  (data (i32.add (global.get $b) (i32.const 4)) "x")
  (func (export "f") (result i32) (global.get $g)))
