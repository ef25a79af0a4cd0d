;; The memory cap's fixture for a module that grows memory itself (memory.grow, as clang's and
;; Rust's allocators do) rather than asking the host (Emscripten's emscripten_resize_heap): a
;; memory that declares a 4 MiB maximum, and a call that fails like a C program whose malloc
;; returned NULL (memory-cap-directive.test.ts).
(module
  ;; 1 page now; at most 64 pages = 4 MiB.
  (memory (export "memory") 1 64)

  ;; need(pages): grows to `pages` and traps when the grow is refused (as a program would
  ;; abort on the NULL its malloc returned).
  (func (export "need") (param $pages i32)
    (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
      (then unreachable)))

  ;; oob(): reads past memory: a failure no refused grow leads to.
  (func (export "oob") (result i32) (i32.load (i32.const 0x7ffffff0)))
)
