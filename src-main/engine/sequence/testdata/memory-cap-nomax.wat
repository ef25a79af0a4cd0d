;; Like memory-cap.wat's need, in a memory that declares no maximum (clang's default).
(module
  (memory (export "memory") 1)
  (func (export "need") (param $pages i32)
    (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
      (then unreachable)))
)
