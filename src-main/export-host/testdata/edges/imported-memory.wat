;; An imported memory beside a function exported as "memory" (export-host-js-edges.test.ts).
;; Build: wat2wasm imported-memory.wat -o imported-memory.wasm
(module
  (import "env" "memory" (memory 1))
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "memory") (result i32) i32.const 42))
