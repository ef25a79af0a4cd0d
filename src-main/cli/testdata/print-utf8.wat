;; Imports env.print_utf8 by the builtin's own name: bound to the builtin only when a sequence
;; says `import env.print_utf8 = print_utf8`, a recording stub otherwise (inspect agrees).
;; Built with: wat2wasm print-utf8.wat -o print-utf8.wasm
(module
  (import "env" "print_utf8" (func $print (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hi\n")
  (func (export "hello") (call $print (i32.const 16) (i32.const 3))))
