;; A memory exported as "mem" (as Go's is) beside a function exported as "memory"
;; (export-host-rust-int.test.ts). Build: wat2wasm mem-named.wat -o mem-named.wasm
(module
  (memory (export "mem") 1)
  (func (export "memory") (result i32) i32.const 42))
