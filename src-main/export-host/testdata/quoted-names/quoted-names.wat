;; Exports whose names are no identifiers, so a sequence quotes them ("my-func"(n)): messages
;; name them as the sequence writes them (export-host-quoted-names.test.ts). Built with:
;;   wat2wasm quoted-names.wat -o quoted-names.wasm
(module
  (memory (export "memory") 1)
  (func (export "my-func") (param i32) (result i32) local.get 0)
  (func (export "café") (param i64) (result i64) local.get 0))
