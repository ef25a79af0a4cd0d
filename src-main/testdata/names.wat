;; Exports whose names are not identifiers, as wit-bindgen (`pkg:x/y#f`), hyphenating
;; toolchains and hand-written modules make them: a sequence calls them by quoted name.
(module
  (memory (export "memory") 1)
  (func (export "add-one") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "demo:names/api#answer") (result i32) (i32.const 42))
  (func (export "say \"hi\"") (result i32) (i32.const 7)))
