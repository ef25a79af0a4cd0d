;; A memory it neither exports nor imports: the host cannot reach it (no JS handle), yet the
;; guest's own code reads it. f() returns the first byte of "hello" at 16.
(module
  (memory 1)
  (data (i32.const 16) "hello")
  (func (export "f") (result i32) (i32.load8_u (i32.const 16))))
