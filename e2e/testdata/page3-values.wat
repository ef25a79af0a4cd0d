;; Values at the edges of memory, for the value inspector, bookmarks and snapshot export
;; (e2e/page3-*.spec.ts). Built with:
;;   wat2wasm --debug-names page3-values.wat -o page3-values.wasm
(module
  (memory (export "memory") 1 4)
  ;; At 0: the u64 0x0123456789abcdef. At 16: an f32 -NaN with a payload (0xffa00001). The
  ;; last 6 bytes of the page: "ab" then 0xdeadbeef... ending in the first two bytes of '€'
  ;; (e2 82), cut off by the end of memory.
  (func (export "fill")
    (i64.store (i32.const 0) (i64.const 0x0123456789abcdef))
    (i32.store (i32.const 16) (i32.const 0xffa00001))
    (i32.store (i32.const 65530) (i32.const 0xbeef6261))
    (i32.store16 (i32.const 65534) (i32.const 0x82e2)))
  ;; One more page, with 0x7e at its last byte.
  (func (export "grow")
    (drop (memory.grow (i32.const 1)))
    (i32.store8 (i32.const 131071) (i32.const 0x7e)))
)
