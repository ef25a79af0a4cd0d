;; Writes N blocks of 64 KiB of 'x' to stdout (spew) or stderr (spew_err): output-volume tests.
;; Memory layout: iovec {buf u32 @0, len u32 @4}, nwritten u32 @8, the 64 KiB block at 0x10000.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (func $write (param $fd i32) (param $blocks i32)
    (i32.store (i32.const 0) (i32.const 65536))
    (i32.store (i32.const 4) (i32.const 65536))
    (memory.fill (i32.const 65536) (i32.const 120) (i32.const 65536))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $blocks)))
        (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $blocks (i32.sub (local.get $blocks) (i32.const 1)))
        (br $again))))
  (func (export "spew") (param $blocks i32) (call $write (i32.const 1) (local.get $blocks)))
  (func (export "spew_err") (param $blocks i32) (call $write (i32.const 2) (local.get $blocks))))
