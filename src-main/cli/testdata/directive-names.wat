;; Exports named like the sequence's directives and statements (module, arg, read, write, …),
;; and one a `#` would start a comment in: `memscope new` must write calls to them that call
;; them, not lines read as a directive, a statement or a comment. Each returns its own number.
(module
  (memory (export "memory") 1)
  (func (export "module") (result i32) i32.const 1)
  (func (export "arg") (param i32) (result i32) i32.const 2)
  (func (export "read") (param i32) (result i32) i32.const 3)
  (func (export "write") (result i32) i32.const 4)
  (func (export "watch") (result i32) i32.const 5)
  (func (export "expect") (result i32) i32.const 6)
  (func (export "timeout") (result i32) i32.const 7)
  (func (export "#hash") (result i32) i32.const 8))
