;; A large linear memory: starts at 16 MiB, may grow to 1 GiB, with markers near both ends.
(module
  ;; 256 pages = 16 MiB now; at most 16384 pages = 1 GiB (0x4000_0000 bytes).
  (memory (export "memory") 256 16384)

  ;; The 16-byte marker text, kept at 0 so write_marker can copy it anywhere.
  (data (i32.const 0) "MEMSCOPE FAR END")
  ;; Another marker at the very end of the initial 16 MiB: 0x00FF_FFF0 .. 0x0100_0000.
  (data (i32.const 0x00FFFFF0) "END OF FIRST 16M")

  ;; pages(): the current size in 64 KiB pages.
  (func $pages (export "pages") (result i32)
    (memory.size))

  ;; grow_to(pages): grows memory to at least `pages`; returns the old size in pages, or -1
  ;; when the engine refuses the growth (past the declared maximum or the host's memory cap).
  (func $grow_to (export "grow_to") (param $pages i32) (result i32)
    (local $old i32)
    (local.set $old (memory.size))
    (if (i32.le_u (local.get $pages) (local.get $old))
      (then (return (local.get $old))))
    (memory.grow (i32.sub (local.get $pages) (local.get $old))))

  ;; write_marker(addr): copies the 16-byte marker from 0 to addr; traps (out of bounds memory
  ;; access) when addr + 16 is past the end of memory.
  (func $write_marker (export "write_marker") (param $addr i32)
    (memory.copy (local.get $addr) (i32.const 0) (i32.const 16)))
)
