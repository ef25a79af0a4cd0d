;; `explode(n)` traps one call deep, with no name section (built without --debug-names, as a
;; stripped or minified module is): a frame is named by the export that names its function.
(module
  (memory (export "memory") 1)
  (func $deep (param i32) (result i32) unreachable)
  (func (export "explode") (param i32) (result i32) (call $deep (local.get 0))))
