;; scatter() writes one byte in every 8 from 0x1005 on, 1,500 of them: too many separate ranges
;; to keep one by one (MAX_EXACT_RANGES), so its step keeps the 4 KiB blocks that hold them
;; (0x1000..0x4000), and the first byte that changed (0x1005) is not where the first block starts.
(module
  (memory (export "memory") 1)
  (func (export "scatter")
    (local $i i32)
    (loop $each
      (i32.store8 (i32.add (i32.const 0x1005) (i32.shl (local.get $i) (i32.const 3))) (i32.const 0xab))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $i) (i32.const 1500))))))
