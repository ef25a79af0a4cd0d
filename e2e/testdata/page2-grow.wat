;; Memory that grows to 1 GiB and to 4 GiB, with a mark at its last byte, for the memory grid at
;; its far end (e2e/page2-grid.spec.ts). Built with:
;;   wat2wasm --debug-names page2-grow.wat -o page2-grow.wasm
(module
  (memory (export "memory") 1 65536)
  ;; Grows to `pages` pages in all and writes 0x7e ('~') at the new last byte.
  (func (export "grow_to") (param $pages i32)
    (drop (memory.grow (i32.sub (local.get $pages) (memory.size))))
    (i32.store8 (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 1)) (i32.const 0x7e)))
  (func (export "touch") (i32.store8 (i32.const 16) (i32.const 0x41)))
)
