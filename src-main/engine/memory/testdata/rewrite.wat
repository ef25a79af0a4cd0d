;; A module that rewrites a chosen amount of memory per call, for history-budget tests and
;; benches: 2 MiB of memory (32 pages), growable to 64 MiB.
;;   rewrite(seed, len): `len` bytes at 1 MiB of xorshift32 words from `seed` (deflate cannot
;;                       shrink them)
;;   pattern(seed, len): `len` bytes at 1 MiB of `seed + (i >> 12)` words (deflate shrinks
;;                       them ~100x)
;;   poke(addr, value):  one u32 store
(module
  (memory (export "memory") 32 1024)
  (func $rewrite (export "rewrite") (param $seed i32) (param $len i32)
    (local $at i32) (local $end i32) (local $x i32)
    (local.set $x (i32.or (local.get $seed) (i32.const 1)))
    (local.set $at (i32.const 0x100000))
    (local.set $end (i32.add (local.get $at) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        (i32.store (local.get $at) (local.get $x))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $next))))
  (func $pattern (export "pattern") (param $seed i32) (param $len i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (i32.store (i32.add (i32.const 0x100000) (local.get $i))
          (i32.add (local.get $seed) (i32.shr_u (local.get $i) (i32.const 12))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next))))
  (func $poke (export "poke") (param $addr i32) (param $value i32)
    (i32.store (local.get $addr) (local.get $value))))
