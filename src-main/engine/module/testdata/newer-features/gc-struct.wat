;; A GC struct type (type form 0x5f) and an array type (0x5e).
(module (type $p (struct (field i32) (field (mut i64)))) (type $arr (array (mut i8)))
  (memory (export "memory") 1)
  (func (export "f") (param i32) (result i32) (struct.get $p 0 (struct.new $p (local.get 0) (i64.const 1)))))
