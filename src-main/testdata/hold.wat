;; Holds host files open and then never returns: the tests of what a terminated worker leaves
;; behind (its open host fds) and of the order of output and step records at termination.
;; Memory layout: iovec {buf u32 @0, len u32 @4}, nwritten u32 @8, opened fd u32 @12,
;; "held.txt" @0x40, "spinning" @0x50, the line "said\n" @0x100.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x40) "held.txt")
  (data (i32.const 0x50) "spinning")
  (data (i32.const 0x100) "said\n")
  ;; Creates (or opens) the file named at $path in the first preopen (fd 3) for reading and
  ;; writing and keeps it open; returns the errno.
  (func $open (param $path i32) (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (local.get $path) (i32.const 8)
      (i32.const 1) (i64.const 0x42) (i64.const 0) (i32.const 0) (i32.const 12)))
  ;; Writes "said\n" to stdout.
  (func (export "say")
    (i32.store (i32.const 0) (i32.const 0x100))
    (i32.store (i32.const 4) (i32.const 5))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "hold") (result i32) (call $open (i32.const 0x40)))
  ;; Creates "spinning" (so a test knows the guest got here), then never returns.
  (func (export "spin")
    (drop (call $open (i32.const 0x50)))
    (loop $again (br $again))))
