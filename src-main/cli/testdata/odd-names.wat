;; `memscope inspect` on names that would break its table or drive the terminal: an empty export
;; name, a line break and an ESC sequence in one, a control character in an import's name.
(module
  (import "env" "log\0a" (func (param i32)))
  (memory (export "mem\1b[2J") 1)
  (func (export "") (result i32) i32.const 1)
  (func (export "red\1b[31m\0anext") (result i32) i32.const 2)
  (func (export "plain") (result i32) i32.const 3))
