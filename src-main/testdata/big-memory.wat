;; A defined memory of 4096 pages (256 MiB), below the default 1 GiB cap: large-export tests.
(module
  (memory (export "memory") 4096)
  (func (export "mark") (param $at i32) (param $value i32)
    (i32.store8 (local.get $at) (local.get $value))))
