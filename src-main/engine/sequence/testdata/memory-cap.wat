;; The memory cap's fixtures (memory-cap-directive.test.ts): a memory that declares a 4 MiB
;; maximum, grows on request, and fails like a C program whose malloc returned NULL.
(module
  (import "env" "emscripten_resize_heap" (func $resize (param i32) (result i32)))
  ;; 1 page now; at most 64 pages = 4 MiB.
  (memory (export "memory") 1 64)

  ;; grow_to(pages): memory.grow to `pages`; the old size, or -1 when refused.
  (func (export "grow_to") (param $pages i32) (result i32)
    (memory.grow (i32.sub (local.get $pages) (memory.size))))

  ;; need(pages): grows to `pages` and traps when the grow is refused (as a program would
  ;; dereference the NULL its malloc returned, or abort).
  (func (export "need") (param $pages i32)
    (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
      (then unreachable)))

  ;; fail(): traps whatever the memory: a failure the cap has nothing to do with.
  (func (export "fail") unreachable)

  ;; resize(bytes): asks the host to grow memory to `bytes` in total, as Emscripten's sbrk does;
  ;; 1 when it grew, 0 when refused.
  (func (export "resize") (param $bytes i32) (result i32)
    (call $resize (local.get $bytes)))

  ;; need_heap(bytes): as resize, and traps when refused (as a program whose malloc returned NULL).
  (func (export "need_heap") (param $bytes i32)
    (if (i32.eqz (call $resize (local.get $bytes)))
      (then unreachable)))
)
