;; An export of each value type, for the calls export-host refuses (plan.test.ts): numbers it
;; passes and binds, a vector and references it cannot. Built with:
;;   wat2wasm value-types.wat -o value-types.wasm
(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "take_i64") (param i64) (result i64) (local.get 0))
  (func (export "take_f32") (param f32) (result f32) (local.get 0))
  (func (export "take_f64") (param f64) (result f64) (local.get 0))
  (func (export "vec") (result v128) (v128.const i32x4 1 2 3 4))
  (func (export "take_vec") (param i32 v128))
  (func (export "echo_ref") (param externref) (result externref) (local.get 0))
  (func (export "func_ref") (result funcref) (ref.null func)))
