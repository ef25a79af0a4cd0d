;; Exception handling in its exnref encoding (try_table, opcode 0x1f); Node 20's V8 runs only
;; the legacy encoding (try/catch, 0x06/0x07).
(module (memory (export "memory") 1) (tag $t (param i32))
  (func (export "f") (param i32) (result i32)
    (block $h (result i32) (try_table (catch $t $h) (throw $t (local.get 0))) (i32.const 0))))
