;; A module with no memory (export-host-js-edges.test.ts). Build: wat2wasm no-memory.wat -o no-memory.wasm
(module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
