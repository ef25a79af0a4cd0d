;; Imports whose names would break a comment or a Go source if written raw: a line break, a
;; byte order mark and a NUL (export-host-golden.test.ts). Built with:
;;   wat2wasm odd-names.wat -o odd-names.wasm
(module
  (import "env" "log\nnext" (func (param i32 i32)))
  (import "env" "bom\ef\bb\bf\00nul" (func (result i32)))
  (memory (export "memory") 1)
  (func (export "noop")))
