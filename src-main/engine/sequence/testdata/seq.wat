;; Test module for the sequence executor: a bump allocator (malloc/free), the string-return
;; story (ReturnString writes a {ptr u32, len u32} pair), a packed i64 (ptr << 32 | len),
;; multi-value, a byte sum (to check writes), an i32 -1, and a trap.
(module
  (memory (export "memory") 1)
  ;; "hello from C" at 1024; the heap starts at 4096 and only grows (free is a recorded no-op).
  (data (i32.const 1024) "hello from C")
  (global $heap (mut i32) (i32.const 4096))
  (global $freed (export "freed") (mut i32) (i32.const 0))

  (func $malloc (export "malloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    ;; round the next block up to 8 bytes
    (global.set $heap (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (local.get $p))

  (func (export "free") (param $p i32)
    (global.set $freed (local.get $p)))

  ;; retptr -> {ptr: u32 @0, len: u32 @4}
  (func (export "ReturnString") (param $ret i32)
    (i32.store (local.get $ret) (i32.const 1024))
    (i32.store offset=4 (local.get $ret) (i32.const 12)))

  ;; Copies "hi " + input[0..len) to 2048 and returns (2048 << 32) | (len + 3).
  (func (export "greeting") (param $p i32) (param $len i32) (result i64)
    (i32.store8 (i32.const 2048) (i32.const 104))
    (i32.store8 (i32.const 2049) (i32.const 105))
    (i32.store8 (i32.const 2050) (i32.const 32))
    (memory.copy (i32.const 2051) (local.get $p) (local.get $len))
    (i64.or (i64.shl (i64.const 2048) (i64.const 32))
            (i64.extend_i32_u (i32.add (local.get $len) (i32.const 3)))))

  (func (export "pair") (result i32 i32)
    (i32.const 7) (i32.const 42))

  ;; Sum of the bytes [p, p + len).
  (func (export "sum") (param $p i32) (param $len i32) (result i32)
    (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next)))
    (local.get $s))

  (func (export "minus_one") (result i32) (i32.const -1))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
  (func (export "boom") unreachable)
)
