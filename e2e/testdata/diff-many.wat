;; 64 MiB of memory and 100,000 scattered bytes, for a diff of 100,000 changed ranges
;; (e2e/diff-image.spec.ts). Built with:
;;   wat2wasm --debug-names diff-many.wat -o diff-many.wasm
(module
  (memory (export "memory") 1024 1024)
  ;; Writes `v` at every 640th byte from 0x1000: 100,000 one-byte ranges, 640 bytes apart.
  (func (export "fill") (param $v i32)
    (local $i i32)
    (loop $next
      (i32.store8 (i32.add (i32.const 0x1000) (i32.mul (local.get $i) (i32.const 640))) (local.get $v))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 100000)))))
)
